"""Explain a word or acronym from the glossary."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from actions.follow_ups import follows_up


class ActionExplainTerm(Action):
    def name(self) -> str:
        return "action_explain_term"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            entries = knowledge_base().glossary_mentions(tracker.latest_message.get("text") or "")
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
        if not entries:
            dispatcher.utter_message(
                text="Sorry, I don't know that word yet. Could you tell me the word again, "
                     "or ask me your question another way?",
                buttons=[answers.TALK_TO_A_PERSON])
            return []
        for entry in entries[:2]:
            dispatcher.utter_message(**answers.term_meaning(entry))
        return []
