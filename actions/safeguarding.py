"""Urgent help when a message suggests a child or young person is at risk.

Who to call comes first, whatever else the message asks; then the case is put
at the top of the SEND team's queue as a priority escalation.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import council_details
from actions.other_questions import offers_other_questions
from actions.who_is_asking import case_summary
from casework.store import CaseworkStore
from knowledge.safeguarding import risk_kind

log = logging.getLogger(__name__)


class ActionUrgentHelp(Action):
    def name(self) -> str:
        return "action_urgent_help"

    @offers_other_questions
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        kind = risk_kind(tracker.latest_message.get("text") or "")
        council = council_details()
        dispatcher.utter_message(**answers.urgent_help(council, kind))
        try:
            case = CaseworkStore().record_escalation(
                tracker.sender_id, f"urgent_risk:{kind or 'unclear'}", "urgent",
                case_summary(tracker))
        except (sqlite3.Error, OSError):
            log.exception("could not record an urgent escalation")
            return []
        dispatcher.utter_message(text=answers.priority_case(council, case.reference))
        return []
