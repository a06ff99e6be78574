"""Count what the assistant is asked, for the council's analytics (casework/analytics.py).

Never gets in the way of an answer: if the store cannot be written, it is logged.
"""

from __future__ import annotations

import logging
import sqlite3

from rasa_sdk import Tracker

from casework.analytics import Analytics
from casework.store import current_store

log = logging.getLogger(__name__)


def count(tracker: Tracker, kind: str, value: str) -> None:
    try:
        Analytics(current_store()).record(tracker.sender_id, kind, value)
    except (sqlite3.Error, OSError):
        log.exception("could not record a %s for analytics", kind)
