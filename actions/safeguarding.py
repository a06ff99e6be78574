"""Urgent help when a message suggests a child or young person is at risk.

Who to call comes first, whatever else the message asks; then the case is put
at the top of the SEND team's queue as a priority escalation. While the team is
open, a person takes the conversation over; outside its hours the assistant
carries on, so nobody is left talking to an empty room.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.handoff import hand_off, open_case, team_open_now
from actions.knowledge_base import council_details
from actions.other_questions import offers_other_questions
from knowledge.safeguarding import risk_kind


class ActionUrgentHelp(Action):
    def name(self) -> str:
        return "action_urgent_help"

    @offers_other_questions
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        kind = risk_kind(tracker.latest_message.get("text") or "")
        council = council_details()
        dispatcher.utter_message(**answers.urgent_help(council, kind))
        reason = f"urgent_risk:{kind or 'unclear'}"
        if team_open_now():  # a person can take over now, first in the queue
            return hand_off(dispatcher, tracker, reason, priority="urgent")
        case = open_case(tracker, reason, "urgent")  # first in the queue when they open
        if case:
            dispatcher.utter_message(text=answers.priority_case(council, case.reference))
        return []
