"""A polite no, and a pointer to where the person can get help instead, for the subject
of the message (another UK nation, a diagnosis, benefits...)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from actions.follow_ups import follows_up
from actions.triage import triage_of
from knowledge.guides import Pointer, Pointers
from knowledge.query import spaced_words

SURE_WORDS = "sure_words"     # the router's decision came from knowledge/routes.yml


def pointer_for(text: str, pointers: Pointers) -> Pointer | None:
    """The pointer whose longest matching word or phrase appears in text.

    >>> pointer_for("can you help with my council tax bill", kb.pointers()).subject
    'council tax'
    """
    said = spaced_words(text)
    matches = [(len(word), pointer) for pointer in pointers.pointers for word in pointer.words
               if spaced_words(word) in said]
    return max(matches, key=lambda match: match[0])[1] if matches else None


def chosen_pointer(tracker: Tracker, pointers: Pointers) -> Pointer | None:
    """The subject the router named by its sure words; else the one whose words are in the
    message ("council tax"); else the subject the router's model named."""
    decision = triage_of(tracker)
    named = pointers.about(decision["kind"]) if decision.get("kind") else None
    if decision.get("by") == SURE_WORDS and named:
        return named
    return pointer_for(tracker.latest_message.get("text") or "", pointers) or named


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            pointers = knowledge_base().pointers()
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
        pointer = chosen_pointer(tracker, pointers)
        if pointer is None:
            text = pointers.default
        elif pointer.citation:
            text = f"{pointer.says}\n\n{answers.sources_line((pointer.citation,))}"
        else:
            text = pointer.says
        dispatcher.utter_message(text=text, buttons=[
            {"title": "What can you help with?", "payload": "/bot_capabilities"}])
        return []
