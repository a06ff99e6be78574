"""The staff store in SQLite (sqlite-utils): escalations and feedback.

One file, `var/casework.db` unless SEND_CASEWORK_DB says otherwise. The action
server writes to it; the staff console reads it. Text from families is stored
redacted (casework/redact.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from casework.redact import redact

PRIORITIES = ("urgent", "normal")


@dataclass(frozen=True)
class Escalation:
    id: int
    reference: str
    session_id: str
    reason: str
    priority: str
    status: str
    created_at: str
    summary: dict[str, Any]
    claimed_by: str | None = None
    handoff: bool = False
    rating: str | None = None      # how the family rated the help, once resolved


# Every table of the staff store, made (or brought up to date) when the file is opened.
SCHEMA: dict[str, dict[str, type]] = {
    "escalation": {"id": int, "reference": str, "session_id": str, "reason": str,
                   "priority": str, "status": str, "created_at": str, "claimed_by": str,
                   "summary": str, "handoff": int, "rating": str},
    "feedback": {"id": int, "session_id": str, "text": str, "created_at": str,
                 "response": str, "answered_by": str, "published": int},
    "case_message": {"id": int, "escalation_id": int, "session_id": str, "sender": str,
                     "staff_name": str, "text": str, "created_at": str, "buttons": str},
    "case_note": {"id": int, "escalation_id": int, "email": str, "text": str,
                  "created_at": str},
    "analytics_event": {"id": int, "session_id": str, "kind": str, "value": str,
                        "created_at": str},
    "staff_user": {"email": str, "name": str, "role": str, "password_hash": str,
                   "failed_logins": int, "locked_until": str, "created_at": str},
    "staff_session": {"token_hash": str, "email": str, "csrf_token": str, "expires_at": str},
    "audit": {"id": int, "at": str, "email": str, "action": str, "escalation_id": int,
              "detail": str},
    # Choices staff make in the console, as JSON (e.g. "handoff_topics").
    "setting": {"key": str, "value": str, "changed_by": str, "changed_at": str},
}


def store_path() -> Path:
    return Path(os.environ.get("SEND_CASEWORK_DB", "var/casework.db"))


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=8)
def _store_at(path: Path) -> "CaseworkStore":
    return CaseworkStore(path)


def current_store() -> "CaseworkStore":
    """The store at SEND_CASEWORK_DB, opened once per process (the action server's hot
    path answers every message; opening and checking tables each time is wasted work)."""
    return _store_at(store_path())


class CaseworkStore:
    """The tables are made on first use, so a fresh machine needs no set-up step."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or store_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        # The web app answers from a pool of threads; SQLite serialises their use.
        self.db = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False))
        self.db.enable_wal()
        for name, columns in SCHEMA.items():
            self.ensure_table(name, columns)
        self.db["case_message"].create_index(["session_id", "id"], if_not_exists=True)
        # Every chat message asks whether its conversation is with the team.
        self.db["escalation"].create_index(["session_id", "handoff"], if_not_exists=True)

    def ensure_table(self, name: str, columns: dict[str, type]) -> None:
        """Create the table, or add the columns a newer version needs to an older file."""
        table = self.db[name]
        table.create(columns, pk="id" if "id" in columns else next(iter(columns)),
                     if_not_exists=True)
        for column, kind in columns.items():
            if column not in table.columns_dict:
                table.add_column(column, kind)

    def record_escalation(self, session_id: str, reason: str, priority: str,
                          summary: dict[str, Any]) -> Escalation:
        """Open a case for the SEND team; an open case for the same session is reused,
        raised to the higher priority, so one family never has two cases at once."""
        if priority not in PRIORITIES:
            raise ValueError(f"priority must be one of {PRIORITIES}")
        existing = next(self.db["escalation"].rows_where(
            "session_id = ? and status != 'resolved'", [session_id], limit=1), None)
        if existing:
            if priority == "urgent" and existing["priority"] != "urgent":
                self.db["escalation"].update(existing["id"],
                                             {"priority": "urgent", "reason": reason})
            return self.escalation(existing["id"])
        row = self.db["escalation"].insert(
            {"reference": "", "session_id": session_id, "reason": reason, "priority": priority,
             "status": "open", "created_at": now_iso(), "claimed_by": None,
             "summary": json.dumps(summary), "handoff": 0})
        case_id = row.last_pk
        self.db["escalation"].update(case_id, {"reference": f"SEND-{case_id:05d}"})
        return self.escalation(case_id)

    def escalation(self, case_id: int) -> Escalation:
        row = self.db["escalation"].get(case_id)
        return Escalation(id=row["id"], reference=row["reference"], session_id=row["session_id"],
                          reason=row["reason"], priority=row["priority"], status=row["status"],
                          created_at=row["created_at"], summary=json.loads(row["summary"]),
                          claimed_by=row["claimed_by"], handoff=bool(row["handoff"]),
                          rating=row["rating"])

    def escalations(self, status: str = "open") -> list[Escalation]:
        """Most urgent first, then oldest first."""
        rows = self.db["escalation"].rows_where(
            "status = ?", [status], order_by="priority = 'urgent' desc, created_at, id")
        return [self.escalation(row["id"]) for row in rows]

    def has_case(self, session_id: str, reason: str) -> bool:
        """Has this conversation ever been handed over for this reason?"""
        return bool(self.db["escalation"].count_where("session_id = ? and reason = ?",
                                                      [session_id, reason]))

    def setting(self, key: str) -> Any | None:
        """A choice staff made in the console; None if nobody has made it yet."""
        row = next(self.db["setting"].rows_where("key = ?", [key]), None)
        return json.loads(row["value"]) if row else None

    def save_setting(self, key: str, value: Any, email: str) -> None:
        self.db["setting"].upsert({"key": key, "value": json.dumps(value), "changed_by": email,
                                   "changed_at": now_iso()}, pk="key")

    def record_feedback(self, session_id: str, text: str) -> None:
        self.db["feedback"].insert({"session_id": session_id, "text": redact(text),
                                    "created_at": now_iso(), "response": None,
                                    "answered_by": None, "published": 0})

    def feedback(self) -> list[dict[str, Any]]:
        return list(self.db["feedback"].rows_where(order_by="id"))

    def answer_feedback(self, feedback_id: int, response: str, email: str) -> bool:
        """The council's answer to a comment; False if there is no such comment."""
        if not self.db["feedback"].count_where("id = ?", [feedback_id]):
            return False
        self.db["feedback"].update(feedback_id, {"response": response, "answered_by": email})
        return True

    def publish_feedback(self, feedback_id: int) -> bool:
        """Publish an answered comment with the council's response ("You said, we did")."""
        row = next(self.db["feedback"].rows_where("id = ?", [feedback_id]), None)
        if row is None or not row["response"]:
            return False
        self.db["feedback"].update(feedback_id, {"published": 1})
        return True

    def published_feedback(self) -> list[dict[str, Any]]:
        """Published comments, without anything that could tell who wrote them."""
        return [{"comment": row["text"], "response": row["response"],
                 "date": row["created_at"][:10]}
                for row in self.db["feedback"].rows_where("published = 1", order_by="id")]
