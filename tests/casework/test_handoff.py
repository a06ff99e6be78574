"""A handed-over case: messages both ways, and the notice when nobody picks it up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casework.handoff import ASSISTANT, RATINGS, Handoffs, closing_message
from casework.store import CaseworkStore, Escalation
from knowledge.sources import load_council

UTC = dt.timezone.utc


@pytest.fixture
def handoffs(tmp_path: Path) -> Handoffs:
    return Handoffs(CaseworkStore(tmp_path / "c.db"))


def case_opened_at(handoffs: Handoffs, when: dt.datetime) -> Escalation:
    case = handoffs.store.record_escalation("family-1", "asked_for_person", "normal", {})
    handoffs.db["escalation"].update(case.id, {"created_at": when.isoformat()})
    handoffs.start(case.id)
    return handoffs.case(case.id)


def test_staff_messages_are_the_familys_to_fetch_and_no_one_elses(handoffs: Handoffs) -> None:
    case = case_opened_at(handoffs, dt.datetime(2026, 11, 27, 10, tzinfo=UTC))
    handoffs.add_message(case, "family", "hello")
    first = handoffs.add_message(case, "staff", "Hi, I'm Sam", staff_name="Sam")
    assert [m.text for m in handoffs.staff_messages_for("family-1", 0)] == ["Hi, I'm Sam"]
    assert handoffs.staff_messages_for("family-1", first.id) == []
    assert handoffs.staff_messages_for("family-2", 0) == []


def test_nobody_picking_up_in_30_minutes_tells_the_family_once(handoffs: Handoffs) -> None:
    case = case_opened_at(handoffs, dt.datetime(2026, 11, 27, 10, tzinfo=UTC))  # Friday, open
    council = load_council()
    handoffs.notice_if_unanswered(case, council, dt.datetime(2026, 11, 27, 10, 29, tzinfo=UTC))
    assert handoffs.messages(case) == []
    for minute in (31, 45):
        handoffs.notice_if_unanswered(case, council,
                                      dt.datetime(2026, 11, 27, 10, minute, tzinfo=UTC))
    [notice] = handoffs.messages(case)
    assert notice.staff_name == ASSISTANT and "01632 960000" in notice.text
    assert handoffs.case(case.id).status == "open"      # still in the queue


def test_a_case_opened_while_closed_is_due_after_the_next_opening(handoffs: Handoffs) -> None:
    case = case_opened_at(handoffs, dt.datetime(2026, 11, 28, 10, tzinfo=UTC))  # Saturday
    due = handoffs.pickup_due(case, load_council()["send_team"])
    assert due.astimezone(UTC) == dt.datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def test_a_claimed_case_gets_no_notice(handoffs: Handoffs) -> None:
    case = case_opened_at(handoffs, dt.datetime(2026, 11, 27, 10, tzinfo=UTC))
    handoffs.claim(case, "sam@example.org")
    handoffs.notice_if_unanswered(handoffs.case(case.id), load_council(),
                                  dt.datetime(2026, 11, 27, 12, tzinfo=UTC))
    assert handoffs.messages(case) == []


def test_a_rating_goes_on_the_latest_resolved_case_of_that_family_only(
        handoffs: Handoffs) -> None:
    store = handoffs.store
    assert handoffs.rate("family-a", "helped") is False        # nothing resolved yet
    first = store.record_escalation("family-a", "asked_for_person", "normal", {})
    handoffs.resolve(first, "Answered")
    second = store.record_escalation("family-a", "two_misses", "normal", {})
    handoffs.resolve(second, "Answered again")
    other = store.record_escalation("family-b", "asked_for_person", "normal", {})
    handoffs.resolve(other, "Answered")
    assert handoffs.rate("family-a", "helped") is True
    assert [store.escalation(c.id).rating for c in (first, second, other)] == [
        None, "helped", None]
    with pytest.raises(ValueError):
        handoffs.rate("family-a", "<b>5 stars</b>")


def test_the_closing_message_offers_every_rating_as_a_button() -> None:
    text, buttons = closing_message("SEND Team")
    assert "SEND Team has finished helping" in text
    assert [b["payload"] for b in buttons] == [
        f'/give_feedback{{"rating": "{key}"}}' for key in RATINGS]


def test_a_second_handoff_does_not_show_the_first_cases_replies_again(
        handoffs: Handoffs) -> None:
    first = case_opened_at(handoffs, dt.datetime(2026, 11, 27, 10, tzinfo=UTC))
    handoffs.add_message(first, "staff", "first case reply", staff_name="Sam")
    handoffs.resolve(first, "Answered")
    second = handoffs.store.record_escalation("family-1", "asked_for_person", "normal", {})
    handoffs.start(second.id)
    assert handoffs.staff_messages_for("family-1", 0) == []
    handoffs.add_message(second, "staff", "second case reply", staff_name="Kim")
    assert [m.text for m in handoffs.staff_messages_for("family-1", 0)] == [
        "second case reply"]
