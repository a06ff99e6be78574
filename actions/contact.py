"""Hand the conversation to a person in the SEND team.

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

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import council_details
from actions.other_questions import offers_other_questions
from actions.who_is_asking import case_summary
from casework.handoff import Handoffs
from casework.store import CaseworkStore

log = logging.getLogger(__name__)


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    @offers_other_questions
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        council = council_details()
        try:
            store = CaseworkStore()
            case = store.record_escalation(tracker.sender_id, "asked_for_person", "normal",
                                           case_summary(tracker))
            Handoffs(store).start(case.id)
        except (sqlite3.Error, OSError):
            log.exception("could not hand the conversation to the SEND team")
            dispatcher.utter_message(text=f"{answers.team_contact(council)}\n\n"
                                          f"{answers.emergency_line(council)}")
            return []
        now = dt.datetime.now(dt.timezone.utc)
        dispatcher.utter_message(text=answers.handoff_started(council, case.reference, now))
        return [ConversationPaused()]
