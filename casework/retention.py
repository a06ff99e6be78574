"""Keep conversations only as long as the council says, and erase one when asked.

A conversation lives in two places: Rasa's tracker store (every message and
event, table `events`) and the staff store (cases, their messages and notes,
feedback, analytics counts). `privacy.keep_days` in knowledge/council.yml says
how long; the widget's privacy notice says the same. A conversation whose case is
still open with the SEND team is kept until the case is resolved.

    python -m casework.retention               forget conversations older than keep_days
    python -m casework.retention --erase ID    erase one conversation now
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from casework.store import CaseworkStore, store_path
from casework.tracker_store import TrackerStore, TrackerStoreUnavailable
from knowledge.sources import load_council

log = logging.getLogger(__name__)

# Tables of the staff store that hold a conversation's own rows.
SESSION_TABLES = ("case_message", "feedback", "analytics_event")


def tracker_location() -> str:
    """Rasa's tracker store: an SQLite file, or a postgresql:// URL."""
    return os.environ.get("SEND_TRACKER_DB", "var/rasa/tracker.db")


@dataclass(frozen=True)
class Erased:
    tracker_events: int
    staff_rows: int


class Retention:
    def __init__(self, store: CaseworkStore, tracker_db: str | Path) -> None:
        self.store = store
        self.db = store.db
        self.tracker = TrackerStore(tracker_db)

    def erase(self, session_id: str) -> Erased:
        """Delete everything kept about one conversation, in both stores."""
        staff_rows = 0
        cases = [row["id"] for row in self.db["escalation"].rows_where(
            "session_id = ?", [session_id], select="id")]
        for case_id in cases:
            staff_rows += self._delete("case_note", "escalation_id = ?", case_id)
            # The audit keeps who did what to which case, but not what they wrote.
            self.db.execute("update audit set detail = null where escalation_id = ?",
                            [case_id])
        for table in (*SESSION_TABLES, "escalation"):
            staff_rows += self._delete(table, "session_id = ?", session_id)
        self.db.conn.commit()
        return Erased(self.tracker.erase(session_id), staff_rows)

    def expired(self, keep_days: int, now: dt.datetime) -> list[str]:
        """Conversations with nothing new for keep_days, and no case still open."""
        cutoff = now - dt.timedelta(days=keep_days)
        last_seen = self.tracker.last_seen()
        for session_id, at in self._staff_last_seen().items():
            last_seen[session_id] = max(at, last_seen.get(session_id, at))
        open_cases = {row["session_id"] for row in self.db["escalation"].rows_where(
            "status != 'resolved'", select="session_id")}
        return sorted(session for session, at in last_seen.items()
                      if at < cutoff and session not in open_cases)

    def forget_expired(self, keep_days: int, now: dt.datetime) -> list[str]:
        sessions = self.expired(keep_days, now)
        for session_id in sessions:
            self.erase(session_id)
        return sessions

    def _delete(self, table: str, where: str, value: object) -> int:
        return self.db.execute(f"delete from [{table}] where {where}", [value]).rowcount

    def _staff_last_seen(self) -> dict[str, dt.datetime]:
        latest: dict[str, dt.datetime] = {}
        for table in (*SESSION_TABLES, "escalation"):
            for row in self.db.execute(f"select session_id, max(created_at) from [{table}] "
                                       "group by session_id").fetchall():
                at = dt.datetime.fromisoformat(row[1])
                latest[row[0]] = max(at, latest.get(row[0], at))
        return latest


async def forget_on_schedule(retention: Retention, every: dt.timedelta) -> None:
    """The scheduled job (the web app runs it): forget expired conversations at start,
    then every `every`, for as long as the app runs."""
    while True:
        try:
            gone = await asyncio.to_thread(retention.forget_expired, keep_days(),
                                           dt.datetime.now(dt.timezone.utc))
            log.info("retention: deleted %d expired conversation(s)", len(gone))
        except (sqlite3.Error, OSError, TrackerStoreUnavailable):
            log.exception("retention: could not delete expired conversations; will retry")
        await asyncio.sleep(every.total_seconds())


def keep_days() -> int:
    return int(load_council()["privacy"]["keep_days"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--erase", metavar="SESSION_ID",
                        help="erase this conversation now, whatever its age")
    args = parser.parse_args(argv)
    retention = Retention(CaseworkStore(store_path()), tracker_location())
    if args.erase:
        erased = retention.erase(args.erase)
        if not (erased.tracker_events or erased.staff_rows):
            print(f"There is no conversation with the id {args.erase}.", file=sys.stderr)
            return 1
        print(f"Erased conversation {args.erase}: {erased.tracker_events} tracker events, "
              f"{erased.staff_rows} staff store rows.")
        return 0
    days = keep_days()
    gone = retention.forget_expired(days, dt.datetime.now(dt.timezone.utc))
    print(f"Deleted {len(gone)} conversation(s) with nothing new for {days} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
