"""Explain a rule from the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.dates import answer_dates
from actions.handoff import hand_off, topic_needs_a_person
from actions.intent_titles import TOPIC_INTENT_PREFIX
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from actions.follow_ups import follows_up
from actions.usage import count
from actions.who_is_asking import situation_from


def topic_key_for(intent: str, current_topic: str | None) -> str | None:
    """explain_<key> names its topic; "tell me more" means the topic just answered."""
    if intent.startswith(TOPIC_INTENT_PREFIX):
        return intent[len(TOPIC_INTENT_PREFIX):]
    return current_topic


def asked_before(tracker: Tracker, question: str) -> bool:
    """Has the assistant asked this already in the conversation? Ask once, not every time."""
    return any(event.get("event") == "bot" and question in (event.get("text") or "")
               for event in tracker.events)


class ActionExplainTopic(Action):
    def name(self) -> str:
        return "action_explain_topic"

    @follows_up
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
        if not intent.startswith(TOPIC_INTENT_PREFIX):
            dispatcher.utter_message(**answers.topic_details(topic, glossary))
            return [SlotSet("current_topic", topic.key)]
        dates = answer_dates(dispatcher, tracker, require_event=False)
        if dates is not None:  # "we asked for an assessment on 3 March": the dates answer it
            return [*dates, SlotSet("current_topic", topic.key)]
        situation = situation_from(tracker)
        dispatcher.utter_message(**answers.topic_summary(topic, glossary, situation))
        count(tracker, "topic", topic.key)
        if topic_needs_a_person(tracker, topic.key):
            return [SlotSet("current_topic", topic.key),
                    *hand_off(dispatcher, tracker, f"topic:{topic.key}",
                              intro=answers.TOPIC_HANDOFF)]
        question = answers.who_is_asking(topic, situation)
        if question and not asked_before(tracker, answers.WHO_IS_ASKING):
            dispatcher.utter_message(**question)
        return [SlotSet("current_topic", topic.key)]


class ActionNoteSituation(Action):
    """The person said who they are or their situation: answer the last topic for them."""

    def name(self) -> str:
        return "action_note_situation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        key = tracker.get_slot("current_topic")
        try:
            topic = knowledge_base().topic(key) if key else None
            glossary = knowledge_base().glossary() if topic else []
        except KnowledgeBaseUnavailable:
            topic = None
        if topic is None:
            dispatcher.utter_message(text="Thank you, that helps me give answers that fit. "
                                          "What would you like to know?")
            dispatcher.utter_message(response="utter_capabilities")
            return []
        dispatcher.utter_message(text="Thank you. Here is what that means for you:")
        dispatcher.utter_message(**answers.topic_summary(topic, glossary,
                                                         situation_from(tracker)))
        return []
