"""The person asked for a person: hand the conversation to the SEND team."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import hand_off
from actions.other_questions import offers_other_questions


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    @offers_other_questions
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        return hand_off(dispatcher, tracker, "asked_for_person")
