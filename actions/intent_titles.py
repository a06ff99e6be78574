"""How an intent is offered on a button: a topic's title, or a plain phrase."""

from __future__ import annotations

from actions.knowledge_base import KnowledgeBaseUnavailable, knowledge_base

TOPIC_INTENT_PREFIX = "explain_"
# Intents that are not topics, as a person would put them on a button.
INTENT_TITLES = {
    "find_service": "Find a service",
    "ask_for_person": "Talk to a person",
    "ask_meaning": "Explain a word",
    "bot_capabilities": "What can you help with?",
    "ask_deadline": "Work out my dates",
    "choose_budget_option": "Which way to hold a Personal Budget?",
}


def button_title(intent: str) -> str | None:
    """The button's words, or None for intents never offered (greetings, dates, risk...)."""
    if intent.startswith(TOPIC_INTENT_PREFIX):
        try:
            topic = knowledge_base().topic(intent[len(TOPIC_INTENT_PREFIX):])
        except KnowledgeBaseUnavailable:
            return None
        return topic.title if topic else None
    return INTENT_TITLES.get(intent)
