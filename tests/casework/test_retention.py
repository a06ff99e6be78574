"""Conversations are kept for privacy.keep_days, then deleted from both stores; one can be
erased on request."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from casework import retention as retention_module
from casework.analytics import Analytics
from casework.handoff import Handoffs
from casework.retention import Retention
from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore

NOW = dt.datetime(2026, 11, 28, 12, tzinfo=dt.timezone.utc)


def rasa_tracker_store(path: Path) -> sqlite3.Connection:
    """An SQLite file shaped like Rasa 3.6's SQL tracker store."""
    db = sqlite3.connect(path)
    db.execute("create table events (id integer primary key, sender_id varchar(255) not null, "
               "type_name varchar(255) not null, timestamp float, intent_name varchar(255), "
               "action_name varchar(255), data text)")
    return db


def add_event(db: sqlite3.Connection, sender: str, when: dt.datetime) -> None:
    db.execute("insert into events (sender_id, type_name, timestamp, data) values (?, ?, ?, ?)",
               [sender, "user", when.timestamp(), '{"text": "my son Sam is 7"}'])
    db.commit()


def age(store: CaseworkStore, session_id: str, when: dt.datetime) -> None:
    """Make every staff-store row of a conversation look as if written at `when`."""
    for table in ("escalation", "case_message", "feedback", "analytics_event"):
        store.db.execute(f"update [{table}] set created_at = ? where session_id = ?",
                         [when.isoformat(), session_id])
    store.db.conn.commit()


@pytest.fixture
def stores(tmp_path: Path) -> tuple[CaseworkStore, sqlite3.Connection, Retention]:
    store = CaseworkStore(tmp_path / "casework.db")
    tracker = rasa_tracker_store(tmp_path / "tracker.db")
    return store, tracker, Retention(store, tmp_path / "tracker.db")


def a_whole_conversation(store: CaseworkStore, session_id: str) -> int:
    handoffs = Handoffs(store)
    case = store.record_escalation(session_id, "asked_for_person", "normal", {"age": 7})
    handoffs.start(case.id)
    handoffs.add_message(case, "family", "my son Sam is 7")
    handoffs.add_note(case, "kim@example.org", "Called the family")
    StaffAccounts(store).record("kim@example.org", "resolved", case.id, detail="Sam is fine")
    handoffs.resolve(store.escalation(case.id), "Answered")
    store.record_feedback(session_id, "more clubs please")
    Analytics(store).record(session_id, "topic", "annual_review")
    return case.id


def test_erasing_a_conversation_deletes_it_from_both_stores_and_nothing_else(stores) -> None:
    store, tracker, retention = stores
    case_id = a_whole_conversation(store, "family-one-0001")
    a_whole_conversation(store, "family-two-0002")
    add_event(tracker, "family-one-0001", NOW)
    add_event(tracker, "family-two-0002", NOW)

    erased = retention.erase("family-one-0001")
    assert erased.tracker_events == 1 and erased.staff_rows >= 6
    for table in ("escalation", "case_message", "feedback", "analytics_event"):
        assert store.db[table].count_where("session_id = ?", ["family-one-0001"]) == 0
        assert store.db[table].count_where("session_id = ?", ["family-two-0002"]) > 0
    assert store.db["case_note"].count_where("escalation_id = ?", [case_id]) == 0
    assert [row["detail"] for row in store.db["audit"].rows_where(
        "escalation_id = ?", [case_id])] == [None]
    assert tracker.execute("select sender_id from events").fetchall() == [("family-two-0002",)]
    assert retention.erase("family-one-0001") == retention_module.Erased(0, 0)


def test_only_conversations_quiet_for_keep_days_and_with_no_open_case_are_forgotten(
        stores) -> None:
    store, tracker, retention = stores
    for session in ("old-family-0001", "new-family-0002", "open-case-0003"):
        a_whole_conversation(store, session)
    store.record_escalation("open-case-0003", "two_misses", "normal", {})   # still open
    age(store, "old-family-0001", NOW - dt.timedelta(days=91))
    age(store, "open-case-0003", NOW - dt.timedelta(days=200))
    add_event(tracker, "old-family-0001", NOW - dt.timedelta(days=95))
    add_event(tracker, "tracker-only-0004", NOW - dt.timedelta(days=120))
    add_event(tracker, "new-family-0002", NOW - dt.timedelta(days=1))

    assert retention.forget_expired(90, NOW) == ["old-family-0001", "tracker-only-0004"]
    senders = {row[0] for row in tracker.execute("select sender_id from events")}
    assert senders == {"new-family-0002"}
    assert {row["session_id"] for row in store.db["escalation"].rows} == {
        "new-family-0002", "open-case-0003"}


def test_a_conversation_active_in_rasa_recently_is_kept_even_if_its_case_is_old(
        stores) -> None:
    store, tracker, retention = stores
    a_whole_conversation(store, "busy-family-0001")
    age(store, "busy-family-0001", NOW - dt.timedelta(days=100))
    add_event(tracker, "busy-family-0001", NOW - dt.timedelta(days=2))
    assert retention.expired(90, NOW) == []


def test_no_tracker_store_yet_is_not_an_error(tmp_path: Path) -> None:
    retention = Retention(CaseworkStore(tmp_path / "c.db"), tmp_path / "missing.db")
    assert retention.expired(90, NOW) == [] and retention.erase("nobody-0001").tracker_events == 0


def test_the_command_erases_one_conversation_or_says_there_is_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("SEND_CASEWORK_DB", str(tmp_path / "casework.db"))
    monkeypatch.setenv("SEND_TRACKER_DB", str(tmp_path / "tracker.db"))
    a_whole_conversation(CaseworkStore(tmp_path / "casework.db"), "family-one-0001")
    assert retention_module.main(["--erase", "family-one-0001"]) == 0
    assert "Erased conversation family-one-0001" in capsys.readouterr().out
    assert retention_module.main(["--erase", "family-one-0001"]) == 1
    assert "There is no conversation with the id" in capsys.readouterr().err
    assert retention_module.main([]) == 0
    assert "with nothing new for 90 days" in capsys.readouterr().out
