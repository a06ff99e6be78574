"""Say honestly when the assistant did not understand, and never guess a legal answer.

First miss: a message too vague to answer (the router's decision) gets one clarifying
question with its likely meanings as buttons; any other miss gets the two likeliest
meanings as buttons. A second miss in a row: hand the conversation to a person in the
SEND Team.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.clarify import clarifying_message
from actions.handoff import hand_off
from actions.intent_titles import button_title
from actions.knowledge_base import KnowledgeBaseUnavailable, knowledge_base
from actions.triage import triage_of
from actions.usage import count

FALLBACK_ACTION = "action_fallback"
CHOICES = 2
CLARIFY = "clarify"     # the router's route for a message too vague to answer


def missed_last_time(tracker: Tracker) -> bool:
    """Was the assistant's reply to the previous message also a fallback?"""
    user_turns_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            user_turns_seen += 1
            if user_turns_seen == 2:
                return False
        elif event.get("event") == "action" and user_turns_seen == 1 and \
                event.get("name") not in {"action_listen", "action_extract_slots"}:
            return event.get("name") == FALLBACK_ACTION
    return False


def likely_choices(tracker: Tracker) -> list[dict[str, str]]:
    """Buttons for the likeliest meanings of the last message, best first."""
    buttons = []
    for ranked in tracker.latest_message.get("intent_ranking") or []:
        title = button_title(ranked.get("name") or "")
        if title:
            buttons.append({"title": title, "payload": f"/{ranked['name']}"})
        if len(buttons) == CHOICES:
            break
    return buttons


class ActionFallback(Action):
    def name(self) -> str:
        return FALLBACK_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        count(tracker, "unanswered", tracker.latest_message.get("text") or "")
        if missed_last_time(tracker):
            return hand_off(dispatcher, tracker, "two_misses", intro=(
                "Sorry, I still don't understand, and I don't want to guess. "
                "A person in the SEND Team can help.\n"))
        if triage_of(tracker).get("route") == CLARIFY:
            try:
                guide = knowledge_base().clarify_guide()
            except KnowledgeBaseUnavailable:
                guide = None
            if guide is not None:
                dispatcher.utter_message(**clarifying_message(
                    tracker.latest_message.get("text") or "", guide))
                return []
        choices = likely_choices(tracker)
        if not choices:
            dispatcher.utter_message(text="Sorry, I'm not sure what you mean. "
                                          "Could you say it another way?")
            dispatcher.utter_message(response="utter_capabilities")
            return []
        dispatcher.utter_message(text="Sorry, I'm not sure what you mean. Did you mean one of "
                                      "these? Or you can say it another way.",
                                 buttons=[*choices, answers.TALK_TO_A_PERSON])
        return []
