"""The router's first decision on the latest message (bot/triage.py puts it in the
parse result as `triage`), for the actions that depend on it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def triage_of(tracker: Tracker) -> dict[str, Any]:
    """The decision: route, kind and concern (empty for a button's payload)."""
    return tracker.latest_message.get("triage") or {}


def kind_of(tracker: Tracker) -> str | None:
    """The kind of risk, subject out of scope, or reason a person is needed."""
    return triage_of(tracker).get("kind")


def has_concern(tracker: Tracker) -> bool:
    """The question hints at a possible risk that is not an emergency."""
    return bool(triage_of(tracker).get("concern"))
