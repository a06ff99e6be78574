"""Explain a rule from the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base

TOPIC_INTENT_PREFIX = "explain_"


def topic_key_for(intent: str, current_topic: str | None) -> str | None:
    """explain_<key> names its topic; "tell me more" means the topic just answered."""
    if intent.startswith(TOPIC_INTENT_PREFIX):
        return intent[len(TOPIC_INTENT_PREFIX):]
    return current_topic


class ActionExplainTopic(Action):
    def name(self) -> str:
        return "action_explain_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        key = topic_key_for(intent, tracker.get_slot("current_topic"))
        try:
            topic = knowledge_base().topic(key) if key else None
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
        if topic is None:
            dispatcher.utter_message(response="utter_capabilities")
            return []
        glossary = knowledge_base().glossary()
        if intent.startswith(TOPIC_INTENT_PREFIX):
            young_person = tracker.get_slot("audience") == "young_person"
            dispatcher.utter_message(**answers.topic_summary(topic, glossary, young_person))
        else:
            dispatcher.utter_message(**answers.topic_details(topic, glossary))
        return [SlotSet("current_topic", topic.key)]
