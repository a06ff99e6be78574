"""The lean SQL tracker store reads and writes exactly what Rasa's own SQL store does."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, Event, SessionStarted,
                                     SlotSet, UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from bot.tracker_store import LeanSQLTrackerStore, events_from

DOMAIN = Domain.from_dict({"slots": {"age": {"type": "text", "mappings": [{"type": "custom"}]}}})


def session(start: float, text: str, age: str) -> list[Event]:
    return [ActionExecuted("action_session_start", timestamp=start),
            SessionStarted(timestamp=start + 1),
            ActionExecuted("action_listen", timestamp=start + 2),
            UserUttered(text, {"name": "tell_situation", "confidence": 0.9},
                        timestamp=start + 3),
            SlotSet("age", age, timestamp=start + 4),
            BotUttered("Thank you.", timestamp=start + 5)]


def stores(path: Path) -> tuple[LeanSQLTrackerStore, SQLTrackerStore]:
    return (LeanSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path)),
            SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path)))


def saved(store: SQLTrackerStore, events: list[Event]) -> None:
    asyncio.run(store.save(DialogueStateTracker.from_events("family", events, DOMAIN.slots)))


def dumped(tracker: DialogueStateTracker | None) -> list[dict]:
    assert tracker is not None
    return [event.as_dict() for event in tracker.events]


def test_both_stores_read_the_latest_session_the_same(tmp_path: Path) -> None:
    lean, rasa = stores(tmp_path / "tracker.db")
    first, second = session(100, "my son is 7", "7"), session(200, "im 17", "17")
    saved(lean, first)
    saved(lean, first + second)
    latest_session = [e.as_dict() for e in second[1:]]    # from its SessionStarted on
    assert dumped(asyncio.run(lean.retrieve("family"))) == \
        dumped(asyncio.run(rasa.retrieve("family"))) == latest_session
    assert asyncio.run(lean.retrieve("family")).get_slot("age") == "17"
    assert asyncio.run(lean.retrieve("nobody")) is None


def test_saving_adds_only_the_new_events_as_rasa_would(tmp_path: Path) -> None:
    lean, rasa = stores(tmp_path / "lean.db")[0], stores(tmp_path / "rasa.db")[1]
    events = session(100, "my son is 7", "7")

    def rows(name: str) -> list[tuple]:
        with sqlite3.connect(tmp_path / name) as db:
            return db.execute("select sender_id, type_name, timestamp, intent_name, "
                              "action_name, data from events order by id").fetchall()
    for store in (lean, rasa):
        saved(store, events[:3])
        saved(store, events)
    written = rows("lean.db")
    assert written == rows("rasa.db") and len(written) >= len(events)
    saved(lean, events)                       # nothing new: nothing written
    assert rows("lean.db") == written


def test_events_are_read_back_as_rasa_reads_them() -> None:
    events = session(100, "hello", "9")
    assert [e.as_dict() for e in events_from([e.as_dict() for e in events])] == \
        [e.as_dict() for e in events]
    assert events_from([{"timestamp": 1}, {"event": "topic", "topic": "old"}]) == []
    with pytest.raises(ValueError):
        events_from([{"event": "no_such_event"}])


def test_one_connection_is_kept_and_commits_do_not_wait_for_the_disk(tmp_path: Path) -> None:
    lean, _ = stores(tmp_path / "tracker.db")
    saved(lean, session(100, "my son is 7", "7"))
    kept = lean._database
    asyncio.run(lean.retrieve("family"))
    assert lean._database is kept
    assert kept.execute("pragma synchronous").fetchone() == (1,)          # normal
    assert kept.execute("pragma journal_mode").fetchone() == ("wal",)


def test_it_refuses_any_database_but_sqlite() -> None:
    with pytest.raises(RasaException, match="use Rasa's own store"):
        LeanSQLTrackerStore(domain=DOMAIN, dialect="postgresql", host="127.0.0.1", port=1,
                            db="nowhere")


def test_the_store_recovers_when_a_broken_file_is_put_right(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    lean, _ = stores(path)
    first = session(100, "my son is 7", "7")
    saved(lean, first)
    with sqlite3.connect(path) as db:                  # the log emptied into the file
        db.execute("pragma wal_checkpoint(truncate)")
    good = path.read_bytes()
    path.write_bytes(b"not a database" * 1000)
    with pytest.raises(sqlite3.DatabaseError):          # Rasa falls back to memory
        asyncio.run(lean.retrieve("family"))
    path.write_bytes(good)
    assert asyncio.run(lean.retrieve("family")).get_slot("age") == "7"
    saved(lean, first + session(200, "im 17", "17"))
    assert asyncio.run(lean.retrieve("family")).get_slot("age") == "17"
