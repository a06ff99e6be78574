"""Feedback on the assistant or the Local Offer, kept (redacted) for the council, and the
rating a family gives the SEND team's help when a case is resolved."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from casework.handoff import RATINGS, Handoffs
from casework.store import current_store

log = logging.getLogger(__name__)

NOT_SAVED = "Sorry, I couldn't save that just now. Please try again later."


def record_rating(dispatcher: CollectingDispatcher, tracker: Tracker, rating: str) -> None:
    try:
        Handoffs(current_store()).rate(tracker.sender_id, rating)
    except (sqlite3.Error, OSError):
        log.exception("could not record a rating")
        dispatcher.utter_message(text=NOT_SAVED)
        return
    dispatcher.utter_message(text="Thank you for telling us how we did. "
                                  "What else can I help you with?")


def record_comment(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    try:
        current_store().record_feedback(tracker.sender_id,
                                        tracker.latest_message.get("text") or "")
    except (sqlite3.Error, OSError):
        log.exception("could not record feedback")
        dispatcher.utter_message(text=NOT_SAVED)
        return
    dispatcher.utter_message(
        text="Thank you for telling us. The council reads every comment and uses them to "
             "improve this assistant and the Local Offer. Please don't include names or "
             "contact details. If you'd like a reply, ask to talk to a person.",
        buttons=[{"title": "Talk to a person", "payload": "/ask_for_person"}])


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        rating = next(tracker.get_latest_entity_values("rating"), None)
        if rating in RATINGS:        # a button under the message that closed a case
            record_rating(dispatcher, tracker, rating)
        else:
            record_comment(dispatcher, tracker)
        return []
