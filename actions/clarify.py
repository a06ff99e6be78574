"""A vague message ("review", "budget??", "can they do that") gets one specific question,
with its likely meanings as buttons, from knowledge/guides/clarify.yml."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from knowledge.guides import ClarifyGuide, ClarifyingQuestion
from knowledge.query import spaced_words


def clarifying_question(text: str, guide: ClarifyGuide) -> ClarifyingQuestion:
    """The first question whose words are in the message, else the general one.

    >>> clarifying_question("review??", kb.clarify_guide()).question
    'Which review do you mean?'
    """
    said = spaced_words(text)
    return next((term for term in guide.terms
                 if any(spaced_words(word) in said for word in term.words)), guide.default)


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            guide = knowledge_base().clarify_guide()
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
        question = clarifying_question(tracker.latest_message.get("text") or "", guide)
        buttons = list(question.options)
        if answers.TALK_TO_A_PERSON not in buttons:
            buttons.append(answers.TALK_TO_A_PERSON)
        dispatcher.utter_message(text=question.question, buttons=buttons)
        return []
