from __future__ import annotations

import pytest

from actions.safeguarding import ActionUrgentHelp
from casework.store import CaseworkStore
from tests.actions.conftest import TEAM_CLOSED, TEAM_OPEN
from tests.actions.trackers import make_tracker, run_action


@pytest.mark.parametrize("message, first_line", [
    ("my son says he wants to die", "If someone has hurt themselves or is in danger right now"),
    ("my daughter has gone missing", "If a child is missing, call 999 now"),
    ("my dad hits me", "If you or a child is in danger right now, call 999."),
])
def test_urgent_help_gives_every_number_at_once(message: str, first_line: str) -> None:
    messages, _ = run_action(ActionUrgentHelp(), make_tracker(message, "urgent_risk"))
    text = messages[0]["text"]
    assert first_line in text and "999" in text
    assert "01632 960100" in text and "01632 960101" in text
    assert "Childline free on 0800 1111" in text
    assert "Samaritans free on 116 123" in text



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
    assert messages[0]["text"].startswith("I'm really sorry")   # who to call comes first
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
