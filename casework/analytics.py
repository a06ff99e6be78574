"""What the assistant is asked, for the council: counts only, and text redacted.

The action server records one row per answer (`topic`), per question it could
not answer (`unanswered`, with the redacted text) and per rating; escalations
come from the cases themselves. The staff API reports and exports them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from casework.redact import redact
from casework.store import CaseworkStore, now_iso

KINDS = ("topic", "unanswered", "rating")


def _cell(value: str) -> str:
    """A spreadsheet must not run what a family typed as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


class Analytics:
    def __init__(self, store: CaseworkStore) -> None:
        self.store = store
        self.db = store.db

    def record(self, session_id: str, kind: str, value: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        self.db["analytics_event"].insert({
            "session_id": session_id, "kind": kind, "value": redact(value),
            "created_at": now_iso()})

    def report(self, top: int = 10) -> dict[str, Any]:
        rows = list(self.db["analytics_event"].rows)
        sessions = {row["session_id"] for row in rows}
        cases = list(self.db["escalation"].rows)
        sessions |= {case["session_id"] for case in cases}
        handed = {case["session_id"] for case in cases if case["handoff"]
                  or not case["reason"].startswith("urgent_risk")}
        return {
            "conversations": len(sessions),
            "top_topics": Counter(r["value"] for r in rows
                                  if r["kind"] == "topic").most_common(top),
            "unanswered": [r["value"] for r in rows if r["kind"] == "unanswered"][-top:],
            "handoff_rate": round(len(handed) / len(sessions), 3) if sessions else 0.0,
            "urgent_cases": sum(1 for c in cases if c["priority"] == "urgent"),
            "ratings": dict(Counter(r["value"] for r in rows if r["kind"] == "rating")),
        }

    def csv(self) -> str:
        """Every recorded event (already redacted), for a spreadsheet."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["date", "kind", "value"])
        for row in self.db["analytics_event"].rows_where(order_by="id"):
            writer.writerow([row["created_at"][:10], row["kind"], _cell(row["value"])])
        return out.getvalue()
