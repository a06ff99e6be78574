"""The guides' source files and topic situation notes: loaded, checked, stored, read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.build import build
from knowledge.guides import load_guides
from knowledge.query import KnowledgeBase
from knowledge.situation import Situation, applies
from knowledge.sources import SOURCE_DIR, SourceError, load_topics


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(SOURCE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy


def edit_yaml(path: Path, change) -> None:
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document))


def test_every_timescale_names_a_known_event_and_cites_its_source() -> None:
    guides = load_guides()
    events = {event["key"] for event in guides["timescales"]["events"]}
    for rule in guides["timescales"]["timescales"]:
        assert rule["event"] in events and rule["citation"]


@pytest.mark.parametrize("change, message", [
    (lambda d: d["timescales"][0].update(event="the_moon"), "unknown event 'the_moon'"),
    (lambda d: d["timescales"][0].update(unit="fortnights"), "whole amount"),
    (lambda d: d["timescales"][0].update(amount=-6), "whole amount"),
    (lambda d: d["timescales"][0].update(when={"age_under": 5}), "unknown condition"),
    (lambda d: d["timescales"][0].pop("citation"), "missing citation"),
])
def test_a_mistake_in_the_timescales_file_is_reported_by_name(sources: Path, change,
                                                              message: str) -> None:
    edit_yaml(sources / "guides" / "timescales.yml", change)
    with pytest.raises(SourceError, match=message):
        load_guides(sources)


def test_a_budget_option_without_a_citation_is_refused(sources: Path) -> None:
    edit_yaml(sources / "guides" / "budget_options.yml",
              lambda d: d["options"][0].pop("citation"))
    with pytest.raises(SourceError, match="budget_options.yml option 1: missing citation"):
        load_guides(sources)


def test_a_situation_note_with_an_unknown_condition_is_refused(sources: Path) -> None:
    path = sources / "topics" / "annual_review.md"
    text = path.read_text().replace("age_below: 5", "age_under: 5", 1)
    assert text != path.read_text()
    path.write_text(text)
    with pytest.raises(SourceError, match="annual_review.md: unknown condition"):
        load_topics(sources)


def test_guides_and_notes_are_read_back_from_the_built_database(tmp_path: Path) -> None:
    build(tmp_path / "kb.db")
    kb = KnowledgeBase.open(tmp_path / "kb.db")
    assert kb.timescales().event("draft_plan").button == "We got a draft plan"
    assert [o.key for o in kb.budget_guide().options] == [
        "direct_payment", "notional_budget", "third_party", "combination"]
    assert kb.pointers().default.startswith("Sorry")
    assert kb.topic("annual_review").situation_notes == next(
        t for t in load_topics() if t.key == "annual_review").situation_notes


def test_every_situation_note_cites_a_source_and_can_apply_to_someone() -> None:
    for topic in load_topics():
        for note in topic.situation_notes:
            assert note.citation
            assert not ("age_from" in note.when and "age_below" in note.when
                        and note.when["age_from"] >= note.when["age_below"]), topic.key


@pytest.mark.parametrize("when, situation, expected", [
    ({"audience": "young_person", "age_from": 16}, Situation("young_person", 17), True),
    ({"audience": "young_person", "age_from": 16}, Situation("young_person", None), False),
    ({"age_below": 5}, Situation(age=4), True),
    ({"age_below": 5}, Situation(age=5), False),
    ({"has_plan": False}, Situation(has_plan=None), False),
    ({"has_plan": False}, Situation(has_plan=False), True),
    ({"setting": ["nursery", "primary"]}, Situation(setting="nursery"), True),
])
def test_a_condition_applies_only_when_everything_it_asks_is_known(when, situation,
                                                                   expected: bool) -> None:
    assert applies(when, situation) is expected
