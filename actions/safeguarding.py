"""Urgent help when a message suggests a child or young person is at risk."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import council_details
from knowledge.safeguarding import risk_kind


class ActionUrgentHelp(Action):
    def name(self) -> str:
        return "action_urgent_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        kind = risk_kind(tracker.latest_message.get("text") or "")
        dispatcher.utter_message(**answers.urgent_help(council_details(), kind))
        return []
