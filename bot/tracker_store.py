"""Rasa's SQL tracker store with its two per-message queries written once in SQL.

Rasa's `SQLTrackerStore` builds both queries through the SQLAlchemy ORM on every
message: loading a conversation, then counting what is stored before saving the new
events, and it opens a new SQLite connection for each. In bench/load.py's profile that
was about 40% of Rasa's time per turn. This store keeps one connection, in write-ahead
log mode, and keeps Rasa's table, its columns and what each query means (the events
since the latest session start, in id order), so everything else that reads `events`
(casework/tracker_store.py, Rasa's own HTTP API) is unchanged. The embedded profile
uses it (bot/endpoints.yml); the scale-out profile keeps Rasa's own store.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator
from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

# The events of a conversation's latest session: Rasa's own `_event_query`, in SQL.
LATEST_SESSION = (
    "from events, (select max(timestamp) as started from events "
    "  where sender_id = :sender and type_name = :session_started) as session_start "
    "where sender_id = :sender "
    "  and (session_start.started is null or timestamp >= session_start.started)")
SESSION_EVENTS = sa.text(f"select data {LATEST_SESSION} order by id")
SESSION_EVENT_COUNT = sa.text(f"select count(*) {LATEST_SESSION}")
INSERT_EVENT = sa.text(
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


def quick_commits(connection: Any, _record: Any) -> None:
    """Write-ahead logging: a commit no longer waits for the disk (Rasa's whole server
    waited with it), and the web app's reads never block Rasa's writes. A crash loses
    nothing; a power cut may lose the last moments, never the file."""
    connection.execute("pragma journal_mode=wal")
    connection.execute("pragma synchronous=normal")


class LeanSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, answering its two per-message questions in plain SQL."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # One connection kept open (Rasa's store opens one per query) and set up once.
            self.engine = sa.create_engine(self.engine.url, poolclass=sa.pool.SingletonThreadPool)
            sa.event.listen(self.engine, "connect", quick_commits)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    @staticmethod
    def _session_rows(connection: sa.engine.Connection, query: sa.sql.elements.TextClause,
                      sender_id: str) -> list[sa.engine.Row]:
        return connection.execute(query, {"sender": sender_id,
                                          "session_started": SessionStarted.type_name}).fetchall()

    @contextlib.contextmanager
    def _connection(self, transaction: bool = False) -> Iterator[sa.engine.Connection]:
        """The kept connection; dropped after an error, because a connection that has
        seen a broken file stays broken even once the file is put right."""
        try:
            with self.engine.begin() if transaction else self.engine.connect() as connection:
                yield connection
        except sa.exc.DBAPIError:
            self.engine.dispose()
            raise

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with self._connection() as connection:
            rows = self._session_rows(connection, SESSION_EVENTS, sender_id)
        if not rows or not self.domain:
            return None
        return DialogueStateTracker.from_events(
            sender_id, events_from([json.loads(data) for data, in rows]), self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self._connection(transaction=True) as connection:
            [(stored,)] = self._session_rows(connection, SESSION_EVENT_COUNT,
                                             tracker.sender_id)
            rows = [event_row(tracker.sender_id, event)
                    for event in list(tracker.events)[stored:]]
            if rows:
                connection.execute(INSERT_EVENT, rows)
