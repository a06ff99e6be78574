"""Find services in the Local Offer directory for the person's situation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from actions.follow_ups import follows_up
from knowledge.query import fts_query
from knowledge.vocabulary import age_for_school_year, canonical, parse_age

MAX_SERVICES = 3


def age_from(tracker: Tracker) -> int | None:
    """The child's or young person's age, from what they said now or earlier."""
    age_text = tracker.get_slot("age")
    if age_text:
        return parse_age(age_text)
    year_text = tracker.get_slot("school_year")
    return age_for_school_year(year_text) if year_text else None


def needs_named(tracker: Tracker) -> str:
    """The canonical names of needs in the message ("ASD" is "autism"), as search words."""
    found = (canonical("need", text) for text in tracker.get_latest_entity_values("need"))
    return " ".join(value.replace("_", " ") for value in found if value)


class ActionFindService(Action):
    def name(self) -> str:
        return "action_find_service"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/"):  # a button payload, not words to search for
            text = ""
        age = age_from(tracker)
        if not fts_query(text):
            dispatcher.utter_message(
                text="What kind of help are you looking for, and how old is the child or "
                     "young person? For example: \"speech therapy for a 7 year old\".")
            return []
        try:
            services = knowledge_base().search_services(f"{text} {needs_named(tracker)}",
                                                        age=age, limit=MAX_SERVICES)
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
        for_whom = f" for a {age} year old" if age is not None else ""
        if not services:
            dispatcher.utter_message(
                text=f"I could not find a service{for_whom} that matches. "
                     + answers.team_contact(council_details()),
                buttons=[answers.TALK_TO_A_PERSON])
            return []
        dispatcher.utter_message(text=f"Here is what I found in the Local Offer{for_whom}:")
        today = dt.date.today()
        for service in services:
            dispatcher.utter_message(**answers.service_card(service, today))
        return []
