"""Start again: forget what the person told us, but keep the conversation's record."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher


class ActionStartAgain(Action):
    def name(self) -> str:
        return "action_start_again"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(text="OK, let's start again. I've forgotten what you told me "
                                      "about your situation.")
        dispatcher.utter_message(response="utter_capabilities")
        return [AllSlotsReset()]
