"""A handed-over case: messages both ways, and the notice when nobody picks it up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casework.handoff import ASSISTANT, Handoffs
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
