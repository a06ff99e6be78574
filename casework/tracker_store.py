"""Rasa's tracker store, read and pruned directly: Rasa has no API to delete a
conversation, and when its database fails Rasa quietly carries on in memory
(its fail-safe store), so only the database itself can say it is unwell.

The table is Rasa's own `events` (sender_id, timestamp, ...), the same in its
SQLite and PostgreSQL stores.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path


class TrackerStoreUnavailable(RuntimeError):
    """The tracker database cannot be read."""


class TrackerStore:
    def __init__(self, path: Path) -> None:
        self.path = path

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
        """Rows of sql; none while the file does not exist (Rasa makes it with the first
        conversation, so there is nothing to read or delete yet)."""
        if not self.path.exists():
            return []
        try:
            with sqlite3.connect(self.path, timeout=30) as db:
                rows = db.execute(sql, params or []).fetchall()
            db.close()
        except sqlite3.Error as error:
            raise TrackerStoreUnavailable(
                f"the conversation store {self.path.name} cannot be read: {error}") from error
        return rows
