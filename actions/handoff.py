"""Hand the conversation to a person in the SEND team: shared by every action that does.

The case goes into the staff store with what staff need to pick it up, the
person is told their reference, when to expect a reply and who to call in an
emergency, and the bot pauses (Rasa's ConversationPaused) until staff resolve
the case. If the staff store cannot be written, the person still gets the
team's phone number and email, and the bot carries on.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ConversationPaused
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import council_details
from actions.who_is_asking import case_summary
from casework.handoff import LEAVE_BUTTON, Handoffs
from casework.store import Escalation, current_store
from casework.team_hours import is_open

log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    """The time now; one place, so tests can set the clock."""
    return dt.datetime.now(dt.timezone.utc)


def open_case(tracker: Tracker, reason: str, priority: str) -> Escalation | None:
    """Record the case; None if the staff store cannot be written (logged)."""
    try:
        return current_store().record_escalation(tracker.sender_id, reason, priority,
                                                 case_summary(tracker))
    except (sqlite3.Error, OSError):
        log.exception("could not record a case for the SEND team")
        return None


def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str,
             priority: str = "normal", intro: str = "") -> list[dict[str, Any]]:
    """Open the case and pause the bot. Unless it is urgent, the family can take the
    conversation back until someone picks it up (the web app handles that button)."""
    council = council_details()
    case = open_case(tracker, reason, priority)
    if case is None:
        dispatcher.utter_message(text=f"{intro}{answers.team_contact(council)}\n\n"
                                      f"{answers.emergency_line(council)}")
        return []
    Handoffs(current_store()).start(case.id)
    dispatcher.utter_message(text=intro + answers.handoff_started(council, case.reference,
                                                                  utc_now()),
                             buttons=[] if priority == "urgent" else [LEAVE_BUTTON])
    return [ConversationPaused()]


def topic_needs_a_person(tracker: Tracker, topic_key: str) -> bool:
    """Is this a topic staff chose to take over (once per conversation)?"""
    try:
        store = current_store()
        chosen = Handoffs(store).topics(council_details()["send_team"].get("handoff_topics", []))
        return topic_key in chosen and not store.has_case(tracker.sender_id,
                                                         f"topic:{topic_key}")
    except (sqlite3.Error, OSError):
        log.exception("could not read the handoff topics")
        return False


def team_open_now() -> bool:
    return is_open(council_details()["send_team"]["opening"], utc_now())
