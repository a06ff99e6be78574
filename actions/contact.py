"""Point people to a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import council_details
from actions.other_questions import offers_other_questions


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    @offers_other_questions
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        council = council_details()
        dispatcher.utter_message(text=f"{answers.team_contact(council)}\n\n"
                                      f"{answers.emergency_line(council)}")
        return []

