"""Urgent help when a message suggests a child or young person is at risk.

Who to call comes first, fitted to who is speaking (triage/urgent_help.py), whatever
else the message asks; then the case is put at the top of the SEND team's queue as a
priority escalation. While the team is open, a person takes the conversation over;
outside its hours the assistant carries on, so nobody is left talking to an empty room.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import hand_off, open_case, team_open_now
from actions.knowledge_base import council_details
from actions.follow_ups import follows_up
from actions.triage import kind_of
from actions.who_is_asking import situation_from
from triage.patterns import risk_kind
from triage.urgent_help import priority_case, urgent_help


class ActionUrgentHelp(Action):
    def name(self) -> str:
        return "action_urgent_help"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        kind = kind_of(tracker) or risk_kind(tracker.latest_message.get("text") or "")
        council = council_details()
        dispatcher.utter_message(text=urgent_help(council, situation_from(tracker).audience,
                                                  kind))
        reason = f"urgent_risk:{kind or 'unclear'}"
        if team_open_now():  # a person can take over now, first in the queue
            return hand_off(dispatcher, tracker, reason, priority="urgent")
        case = open_case(tracker, reason, "urgent")  # first in the queue when they open
        if case:
            dispatcher.utter_message(text=priority_case(council, case.reference))
        return []
