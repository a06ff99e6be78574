"""Point people to a person, and say so honestly when the assistant did not understand."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import council_details


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        council = council_details()
        dispatcher.utter_message(text=f"{answers.team_contact(council)}\n\n"
                                      f"{answers.emergency_line(council)}")
        return []


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(text="Sorry, I'm not sure what you mean. "
                                      "Could you say it another way?")
        dispatcher.utter_message(response="utter_capabilities")
        return []
