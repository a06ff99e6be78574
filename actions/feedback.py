"""Feedback on the assistant or the Local Offer, kept (redacted) for the council."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from casework.store import current_store

log = logging.getLogger(__name__)


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        try:
            current_store().record_feedback(tracker.sender_id, text)
        except (sqlite3.Error, OSError):
            log.exception("could not record feedback")
            dispatcher.utter_message(text="Sorry, I couldn't save that just now. "
                                          "Please try again later.")
            return []
        dispatcher.utter_message(
            text="Thank you for telling us. The council reads every comment and uses them to "
                 "improve this assistant and the Local Offer. Please don't include names or "
                 "contact details. If you'd like a reply, ask to talk to a person.",
            buttons=[{"title": "Talk to a person", "payload": "/ask_for_person"}])
        return []
