from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from actions import answers
from actions.contact import ActionContactPerson
from actions.knowledge_base import council_details
from casework.handoff import Handoffs
from casework.store import CaseworkStore
from tests.actions.conftest import TEAM_OPEN
from tests.actions.trackers import make_tracker, run_action


def test_asking_for_a_person_opens_a_case_and_pauses_the_bot(clock) -> None:
    clock(TEAM_OPEN)
    messages, events = run_action(ActionContactPerson(), make_tracker(
        "can I speak to a person", "ask_for_person",
        slots={"audience": "parent", "age": "9", "current_topic": "ehc_needs_assessment"}))
    [case] = CaseworkStore().escalations("open")
    assert (case.reason, case.priority, case.handoff) == ("asked_for_person", "normal", True)
    assert case.summary["topic"] == "ehc_needs_assessment" and case.summary["age"] == 9
    assert Handoffs(CaseworkStore()).active("test-session").id == case.id
    text = messages[0]["text"]
    assert f"Your reference is {case.reference}." in text
    assert "01632 960000" in text and "send.team@example.org" in text
    assert "999" in text and "01632 960100" in text
    assert "reply here within 30 minutes" in text
    assert events == [{"event": "pause", "timestamp": None}]


@pytest.mark.parametrize("now, expected", [
    (dt.datetime(2026, 11, 27, 10, tzinfo=dt.timezone.utc), "reply here within 30 minutes"),
    (dt.datetime(2026, 11, 28, 10, tzinfo=dt.timezone.utc),
     "closed now. They will read this and reply here at 9am on Monday 30 November"),
    (dt.datetime(2026, 11, 26, 18, tzinfo=dt.timezone.utc),
     "reply here at 9am on Friday 27 November"),
])
def test_the_person_is_told_when_to_expect_a_reply(now: dt.datetime, expected: str) -> None:
    assert expected in answers.handoff_started(council_details(), "SEND-00001", now)


def test_if_the_staff_store_is_broken_the_person_still_gets_the_numbers(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("SEND_CASEWORK_DB", str(tmp_path / "a-file" / "casework.db"))
    messages, events = run_action(ActionContactPerson(),
                                  make_tracker("can I speak to a person", "ask_for_person"))
    assert "01632 960000" in messages[0]["text"] and events == []


def test_someone_who_needs_another_way_to_talk_is_offered_relay_bsl_and_interpreters(
        clock) -> None:
    clock(TEAM_OPEN)
    messages, _ = run_action(ActionContactPerson(), make_tracker(
        "im deaf can the team contact me by bsl relay", "ask_for_person",
        triage={"route": "needs_person", "kind": "accessibility"}))
    text = messages[0]["text"]
    for words in ("18001 01632 960000", "British Sign Language (BSL) video relay",
                  "interpreter", "Your reference is"):
        assert words in text
    [case] = CaseworkStore().escalations("open")
    assert case.reason == "asked_for_person:accessibility"


def test_the_reason_a_person_is_needed_goes_on_the_case(clock) -> None:
    clock(TEAM_OPEN)
    run_action(ActionContactPerson(), make_tracker(
        "did you get the form i sent on tuesday", "ask_for_person",
        triage={"route": "needs_person", "kind": "check_received"}))
    [case] = CaseworkStore().escalations("open")
    assert case.reason == "asked_for_person:check_received"
