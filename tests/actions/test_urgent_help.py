"""Urgent help first, fitted to who is speaking, and a priority case for the team."""

from __future__ import annotations

import pytest

from actions.safeguarding import ActionUrgentHelp
from casework.store import CaseworkStore
from tests.actions.conftest import TEAM_CLOSED, TEAM_OPEN
from tests.actions.trackers import make_tracker, run_action


@pytest.mark.parametrize("audience, expected", [
    ("young_person", ["You are not in trouble", "999", "Childline: call free on 0800 1111",
                      "Samaritans: call free on 116 123"]),
    ("parent", ["999", "01632 960100", "Out of hours: 01632 960101", "NHS 111"]),
    ("professional", ["designated safeguarding lead", "front door for children's social care",
                      "999"]),
])
def test_urgent_help_is_fitted_to_who_is_speaking(audience: str, expected: list[str],
                                                  clock) -> None:
    clock(TEAM_CLOSED)
    messages, _ = run_action(ActionUrgentHelp(), make_tracker(
        "she said she doesn't want to be here any more", "urgent_risk",
        slots={"audience": audience}, triage={"route": "urgent", "kind": "suicide"}))
    for words in expected:
        assert words in messages[0]["text"]


def test_the_kind_of_risk_the_router_found_goes_on_the_case(clock) -> None:
    clock(TEAM_CLOSED)
    run_action(ActionUrgentHelp(), make_tracker(
        "nobody has fed us since friday", "urgent_risk",
        triage={"route": "urgent", "kind": "neglect"}))
    [case] = CaseworkStore().escalations("open")
    assert case.reason == "urgent_risk:neglect"


def test_outside_hours_urgent_risk_is_first_in_the_queue_and_the_bot_carries_on(
        clock) -> None:
    clock(TEAM_CLOSED)
    messages, events = run_action(ActionUrgentHelp(), make_tracker(
        "my son is 15 and has been self-harming", "urgent_risk",
        slots={"audience": "parent", "age": "15", "current_topic": "sen_support"}))
    [case] = CaseworkStore().escalations("open")
    assert (case.priority, case.reason, case.session_id, case.handoff) == (
        "urgent", "urgent_risk:self_harm_or_suicide", "test-session", False)
    assert case.summary == {"topic": "sen_support", "audience": "parent", "age": 15,
                            "setting": None, "has_plan": None}
    assert messages[0]["text"].startswith("I'm so sorry")   # who to call comes first
    assert f"Your reference is {case.reference}." in messages[1]["text"]
    assert "Please don't wait for them if someone is in danger." in messages[1]["text"]
    assert events == []


def test_while_the_team_is_open_a_person_takes_over_at_once(clock) -> None:
    clock(TEAM_OPEN)
    messages, events = run_action(ActionUrgentHelp(), make_tracker("my dad hits me",
                                                                   "urgent_risk"))
    [case] = CaseworkStore().escalations("open")
    assert (case.priority, case.handoff) == ("urgent", True)
    assert "Samaritans" in messages[0]["text"]
    assert "reply here within 30 minutes" in messages[1]["text"]
    assert "buttons" not in messages[1] or not messages[1]["buttons"]   # no way out
    assert events == [{"event": "pause", "timestamp": None}]


def test_the_urgent_message_is_given_even_if_the_staff_store_cannot_be_written(
        monkeypatch: pytest.MonkeyPatch, tmp_path, clock) -> None:
    clock(TEAM_OPEN)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SEND_CASEWORK_DB", str(blocked / "casework.db"))
    messages, events = run_action(ActionUrgentHelp(), make_tracker("i want to die",
                                                                    "urgent_risk"))
    assert "Samaritans" in messages[0]["text"]
    assert "01632 960000" in messages[1]["text"] and events == []   # the team's numbers
