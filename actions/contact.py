"""The person needs a person: their own case, a named officer, checking something
arrived, a call, access needs, or "I still don't understand". Hand the conversation to
the SEND team, and offer the accessible ways to reach it when they are needed."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.handoff import hand_off
from actions.knowledge_base import council_details
from actions.follow_ups import follows_up
from actions.triage import kind_of

ACCESSIBILITY = "accessibility"


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        kind = kind_of(tracker)
        intro = answers.accessible_contact(council_details()) + "\n\n" \
            if kind == ACCESSIBILITY else ""
        return hand_off(dispatcher, tracker,
                        f"asked_for_person:{kind}" if kind else "asked_for_person", intro=intro)
