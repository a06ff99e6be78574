"""Rasa's tracker store, read and pruned directly: Rasa has no API to delete a
conversation, and when its database fails Rasa quietly carries on in memory
(its fail-safe store), so only the database itself can say it is unwell.

The table is Rasa's own `events` (sender_id, timestamp, ...), the same in its
SQLite store (a file path: the embedded default) and its PostgreSQL store (a
postgresql:// URL: the scale-out profile).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path


class TrackerStoreUnavailable(RuntimeError):
    """The tracker database cannot be read."""


class TrackerStore:
    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self.postgres = self.location.startswith("postgresql://")

    def problem(self) -> str | None:
        """None when the conversations can be read; else what is wrong, in words."""
        try:
            self._query("select count(*) from events where sender_id = ?", ["health-probe"])
        except TrackerStoreUnavailable as error:
            return str(error)
        return None

    def last_seen(self) -> dict[str, dt.datetime]:
        """When each conversation last had an event."""
        rows = self._query("select sender_id, max(timestamp) from events group by sender_id")
        return {sender: dt.datetime.fromtimestamp(at, dt.timezone.utc)
                for sender, at in rows if at is not None}

    def erase(self, sender_id: str) -> int:
        """Delete one conversation's events; how many there were."""
        rows = self._query("select count(*) from events where sender_id = ?", [sender_id])
        self._query("delete from events where sender_id = ?", [sender_id])
        return rows[0][0] if rows else 0

    def _query(self, sql: str, params: list | None = None) -> list[tuple]:
        try:
            return (self._postgres(sql, params or []) if self.postgres
                    else self._sqlite(sql, params or []))
        except (sqlite3.Error, OSError, ImportError) as error:
            raise TrackerStoreUnavailable(
                f"the conversation store cannot be read: {error}") from error

    def _sqlite(self, sql: str, params: list) -> list[tuple]:
        """Nothing to read or delete while the file does not exist: Rasa makes it with the
        first conversation."""
        if not Path(self.location).exists():
            return []
        with sqlite3.connect(self.location, timeout=30) as db:
            rows = db.execute(sql, params).fetchall()
        db.close()
        return rows

    def _postgres(self, sql: str, params: list) -> list[tuple]:
        import psycopg     # only the scale-out profile needs the PostgreSQL driver
        try:
            with psycopg.connect(self.location, connect_timeout=5) as db:
                cursor = db.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall() if cursor.description else []
        except psycopg.Error as error:
            raise TrackerStoreUnavailable(
                f"the conversation store cannot be read: {error}") from error
