"""The load benchmark's pure parts: its figures, its verdicts, its scripts and its
arguments (nothing here starts a process)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
import yaml

from bench.figures import percentile, percentiles, percentiles_to_p99
from bench.load import (FLOOR_MESSAGE, SCRIPTS, LoadResult, conversation_scripts, cpu_lines,
                        floor_scripts, floor_verdict, memory_lines, memory_verdict, parse_args,
                        process_cpu_ms, session_id, table, write_floor_sources)
from triage.patterns import risk_kind

HUNDRED = [float(n) for n in range(1, 101)]   # 1.0 .. 100.0 ms
# Words that would hand the conversation to the SEND team (and pause the bot): asking for
# a person, and the handoff topics (complaints, disagreements) in knowledge/council.yml.
HANDOFF_WORDS = re.compile(r"\b(person|people to talk|human|talk to someone|speak to someone|"
                           r"staff|someone real|caseworker|complain\w*|disagree\w*|appeal\w*|"
                           r"tribunal)\b")
TURNS = [turn for script in SCRIPTS for turn in script]


def test_p99_of_one_to_a_hundred_is_ninety_nine() -> None:
    assert percentiles_to_p99(HUNDRED) == (50.5, 95.0, 99.0)


def test_percentiles_do_not_depend_on_order() -> None:
    assert percentiles_to_p99(list(reversed(HUNDRED))) == percentiles_to_p99(HUNDRED)


def test_one_slow_turn_in_a_hundred_shows_in_p99_not_p95() -> None:
    timings = [10.0] * 98 + [5000.0, 5000.0]
    assert percentiles_to_p99(timings) == (10.0, 10.0, 5000.0)


def test_the_older_two_figure_percentiles_are_unchanged() -> None:
    assert percentiles([5.0, 1.0, 3.0, 2.0, 4.0]) == (3.0, 5.0)


@pytest.mark.parametrize("fraction, expected", [(0.0, 1.0), (0.5, 51.0), (1.0, 100.0)])
def test_percentile_by_nearest_rank(fraction: float, expected: float) -> None:
    assert percentile(HUNDRED, fraction) == expected


def test_percentile_of_no_timings_is_an_error() -> None:
    with pytest.raises(ValueError):
        percentile([], 0.95)


@pytest.mark.parametrize("errors, ours, floor, ratio, ok", [
    (0, 150.0, 100.0, 1.5, True),
    (0, 200.0, 100.0, 2.0, True),
    (0, 201.0, 100.0, 2.01, False),
    (1, 150.0, 100.0, 1.5, False),
])
def test_floor_verdict_needs_no_errors_and_p95_within_twice_the_floor(
        errors: int, ours: float, floor: float, ratio: float, ok: bool) -> None:
    assert floor_verdict(errors, ours, floor) == (pytest.approx(ratio), ok)


def test_memory_verdict_adds_every_process_against_1_6_gb() -> None:
    assert memory_verdict({"actions": (300.0, 310.0), "rasa": (900.0, 950.0),
                           "web": (100.0, 100.0)}) == (1300.0, True)
    assert memory_verdict({"actions": (600.0, 600.0), "rasa": (1000.0, 1000.0)})[1] is False


def test_the_memory_target_is_judged_for_the_embedded_stack_only() -> None:
    memory = {"rasa": (1300.0, 1300.0), "rasa-2": (1300.0, 1300.0)}
    assert memory_lines(memory)[1] == "  whole stack 2600 MB (target under 1600 MB: NOT MET)"
    assert memory_lines(memory, embedded=False)[1] == (
        "  whole stack 2600 MB (the 1600 MB target is for the embedded stack)")


def test_throughput_counts_answered_turns_over_wall_time() -> None:
    result = LoadResult(timings_ms=[100.0] * 30, errors=["x"], wall_seconds=10.0)
    assert (result.turns, result.turns_per_second) == (31, 3.0)


def test_rounds_add_up_turns_time_and_each_processs_cpu() -> None:
    total = LoadResult()
    total.add(LoadResult([10.0, 20.0], [], 1.0, {"rasa": 30.0, "web": 6.0}))
    total.add(LoadResult([30.0], ["HTTP 503"], 2.0, {"rasa": 10.0, "web": 2.0}))
    assert (total.timings_ms, total.errors, total.wall_seconds, total.cpu_ms) == (
        [10.0, 20.0, 30.0], ["HTTP 503"], 3.0, {"rasa": 40.0, "web": 8.0})
    assert cpu_lines({"ours": total, "elsewhere": LoadResult([1.0], [], 1.0)}) == [
        "CPU per turn, ours: rasa 10.0 ms, web 2.0 ms"]


def test_cpu_time_of_a_process_grows_while_it_works() -> None:
    before = process_cpu_ms(os.getpid())
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    assert process_cpu_ms(os.getpid()) - before >= 150
    assert process_cpu_ms(2 ** 22 + 1) == 0       # no such process


def test_table_has_a_line_per_target_with_its_error_count() -> None:
    lines = table({"ours": LoadResult([10.0, 20.0], ["HTTP 503"], 1.0),
                   "floor": LoadResult([], ["timeout"], 1.0)})
    assert len(lines) == 3
    assert lines[1].split()[:3] == ["ours", "3", "1"]
    assert "nan" in lines[2]


def test_there_are_four_or_five_scripts_of_five_to_seven_turns() -> None:
    assert 4 <= len(SCRIPTS) <= 5
    assert all(5 <= len(script) <= 7 for script in SCRIPTS)


@pytest.mark.parametrize("turn", TURNS)
def test_every_turn_is_a_message_the_chat_api_accepts(turn: str) -> None:
    assert 1 <= len(turn) <= 2000 and turn.strip() == turn


@pytest.mark.parametrize("turn", TURNS)
def test_no_turn_would_hand_the_conversation_to_staff(turn: str) -> None:
    assert HANDOFF_WORDS.search(turn.lower()) is None
    assert not turn.startswith(("/ask_for_person", "/urgent_risk", "/explain_complaints",
                                "/explain_disagreement"))


@pytest.mark.parametrize("turn", TURNS)
def test_no_turn_suggests_a_child_is_at_risk(turn: str) -> None:
    assert risk_kind(turn) is None


def test_conversations_take_every_script_in_turn() -> None:
    assert conversation_scripts(7) == [*SCRIPTS, SCRIPTS[0], SCRIPTS[1]][:7]


def test_the_floor_gets_the_same_conversations_and_turns_all_hello() -> None:
    scripts = conversation_scripts(20)
    floor = floor_scripts(scripts)
    assert [len(s) for s in floor] == [len(s) for s in scripts]
    assert {turn for script in floor for turn in script} == {FLOOR_MESSAGE}


def test_session_ids_are_valid_and_different() -> None:
    ids = {session_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{8,64}", sid) for sid in ids)


def test_arguments_default_to_twenty_conversations_and_own_stack() -> None:
    args = parse_args([])
    assert (args.conversations, args.web_url, args.timeout, args.rounds) == (20, None, 300.0,
                                                                             10)


def test_arguments_take_a_local_web_url() -> None:
    args = parse_args(["--conversations", "5", "--web-url", "http://127.0.0.1:8000",
                       "--timeout", "60"])
    assert (args.conversations, args.web_url, args.timeout) == (5, "http://127.0.0.1:8000", 60)


@pytest.mark.parametrize("argv", [
    ["--conversations", "0"], ["--conversations", "201"], ["--timeout", "0"],
    ["--rounds", "0"], ["--rounds", "21"],
    ["--web-url", "http://example.org:8000"], ["--conversations", "many"],
])
def test_arguments_out_of_bounds_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2


def test_the_floor_project_is_a_greeting_rule_behind_the_rest_channel(tmp_path: Path) -> None:
    write_floor_sources(tmp_path)
    read = {name: yaml.safe_load((tmp_path / name).read_text()) for name in (
        "config.yml", "domain.yml", "data/nlu.yml", "data/rules.yml", "credentials.yml")}
    assert "rest" in read["credentials.yml"]
    assert [p["name"] for p in read["config.yml"]["policies"]] == ["RulePolicy"]
    assert set(read["domain.yml"]["intents"]) == {"greet", "goodbye"}
    assert {"intent": "greet"} in read["data/rules.yml"]["rules"][0]["steps"]
    assert {"action": "utter_greet"} in read["data/rules.yml"]["rules"][0]["steps"]
    examples = [line for intent in read["data/nlu.yml"]["nlu"]
                for line in intent["examples"].splitlines()]
    assert 8 <= len(examples) <= 12 and "- hello" in examples


def test_unchanged_floor_sources_are_not_rewritten(tmp_path: Path) -> None:
    """So the cached model stays newer than its sources and is not trained again."""
    first = write_floor_sources(tmp_path)
    time.sleep(0.01)
    assert write_floor_sources(tmp_path) == first
    (tmp_path / "domain.yml").write_text("changed by hand")
    assert write_floor_sources(tmp_path) > first
