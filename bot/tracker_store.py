"""Rasa's SQL tracker store on SQLite, with its two per-message queries written once in
SQL on one kept connection.

Rasa's `SQLTrackerStore` builds both queries through the SQLAlchemy ORM on every
message (loading a conversation, then counting what is stored before saving the new
events) and opens a new SQLite connection for each. In bench/load.py's profile that
was about 40% of Rasa's time per turn. This store asks the same through the standard
library's sqlite3 on one connection, in write-ahead log mode, and keeps Rasa's table,
its columns and what each query means (the events since the latest session start, in
id order), so everything else that reads `events` (casework/tracker_store.py, Rasa's
own HTTP API and its other methods, inherited) is unchanged. The embedded profile uses
it (bot/endpoints.yml); the scale-out profile keeps Rasa's own store on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import sqlite3
from collections.abc import Iterator
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import INTENT_NAME_KEY

# The events of a conversation's latest session: Rasa's own `_event_query`, in SQL.
LATEST_SESSION = (
    "from events, (select max(timestamp) as started from events "
    "  where sender_id = :sender and type_name = :session_started) as session_start "
    "where sender_id = :sender "
    "  and (session_start.started is null or timestamp >= session_start.started)")
SESSION_EVENTS = f"select data {LATEST_SESSION} order by id"
SESSION_EVENT_COUNT = f"select count(*) {LATEST_SESSION}"
INSERT_EVENT = (
    "insert into events (sender_id, type_name, timestamp, intent_name, action_name, data) "
    "values (:sender_id, :type_name, :timestamp, :intent_name, :action_name, :data)")


def event_row(sender_id: str, event: Event) -> dict[str, Any]:
    """An event as a row of Rasa's `events` table, filled as Rasa fills it."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


@functools.lru_cache(maxsize=None)
def event_class(type_name: str) -> Optional[type[Event]]:
    """Rasa finds an event's class by walking every subclass of Event, for every event it
    reads: 8% of its time a turn in the profile. Once per type is enough."""
    return Event.resolve_by_type(type_name)


def events_from(rows: list[dict[str, Any]]) -> list[Event]:
    """Stored events as Rasa's `deserialise_events` makes them (unreadable ones left out)."""
    events = []
    for data in rows:
        found = event_class(data["event"]) if data.get("event") is not None else None
        event = found._from_parameters(data) if found else None
        if event:
            events.append(event)
    return events


def open_quick(path: str) -> sqlite3.Connection:
    """Write-ahead logging: a commit no longer waits for the disk (Rasa's whole server
    waited with it), and the web app's reads never block Rasa's writes. A crash loses
    nothing; a power cut may lose the last moments, never the file."""
    database = sqlite3.connect(path, timeout=30)
    database.execute("pragma journal_mode=wal")
    database.execute("pragma synchronous=normal")
    return database


class LeanSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store on SQLite, answering its two per-message questions itself."""

    def __init__(self, domain: Optional[Domain] = None, dialect: str = "sqlite",
                 **kwargs: Any) -> None:
        if dialect != "sqlite":
            raise RasaException("bot.tracker_store.LeanSQLTrackerStore keeps conversations "
                                "in SQLite; for another database use Rasa's own store "
                                "(type: SQL), as bot/endpoints-scaleout.yml does.")
        super().__init__(domain, dialect, **kwargs)     # Rasa makes the table if missing
        self._path = self.engine.url.database
        self._database: Optional[sqlite3.Connection] = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The kept connection, committed on leaving; dropped after an error, because a
        connection that has seen a broken file stays broken even once it is put right."""
        try:
            if self._database is None:
                self._database = open_quick(self._path)
            with self._database as database:
                yield database
        except sqlite3.Error:
            if self._database is not None:
                self._database.close()
            self._database = None
            raise

    @staticmethod
    def _latest_session(database: sqlite3.Connection, query: str,
                        sender_id: str) -> list[tuple]:
        return database.execute(query, {"sender": sender_id,
                                        "session_started": SessionStarted.type_name}).fetchall()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with self._transaction() as database:
            rows = self._latest_session(database, SESSION_EVENTS, sender_id)
        if not rows or not self.domain:
            return None
        return DialogueStateTracker.from_events(
            sender_id, events_from([json.loads(data) for data, in rows]), self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self._transaction() as database:
            [(stored,)] = self._latest_session(database, SESSION_EVENT_COUNT,
                                               tracker.sender_id)
            new_events = itertools.islice(tracker.events, stored, None)
            database.executemany(INSERT_EVENT, [event_row(tracker.sender_id, event)
                                                for event in new_events])
