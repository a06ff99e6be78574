"""A Rasa pipeline component: the first decision on every message (triage/router.py).

It runs after the intent classifier, the fallback classifier and the question
shapes, and has the last word on the path a message takes:
- urgent: `urgent_risk`, whatever anything else said, so urgent help comes first
  in every state of the conversation;
- out of scope, needs a person: `out_of_scope`, `ask_for_person`; too vague:
  `nlu_fallback`, whose action asks one clarifying question (actions/fallback.py);
- a question: the classifier's topic (never urgent_risk; nor out_of_scope when the
  router is sure; asking for a person stays, as the handoff gives the team's contact
  details).
The classifier's own urgent_risk guess never counts alone: the router's detector is
far better trained, and the patterns are its second net. Where the router's model is
unsure and the classifier is sure of a topic, the topic is answered.
The decision (route, kind, concern) is added to the parse result as `triage`, where
the actions read it. Button payloads are left alone: the web app lets through only
the buttons the assistant offered. Listed in bot/config.yml.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY,
                                       PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message

from bot.intent_ranking import put_first
from triage.router import (CLARIFY, MODEL, NEEDS_PERSON, OUT_OF_SCOPE, QUESTION, URGENT,
                           Decision, router)

TRIAGE = "triage"
URGENT_INTENT = "urgent_risk"
NOT_SURE_INTENT = "nlu_fallback"
ROUTE_INTENTS = {URGENT: URGENT_INTENT, OUT_OF_SCOPE: "out_of_scope",
                 NEEDS_PERSON: "ask_for_person", CLARIFY: NOT_SURE_INTENT}
NOT_QUESTIONS = {URGENT_INTENT, "out_of_scope"}
# The classifier's own reading of the conversation ("thanks", "tell me more", who is
# asking, a button's choice) stands against the router's model; only a risk or the
# router's sure words (knowledge/routes.yml) change it.
CONVERSATION_INTENTS = {"greet", "goodbye", "thank", "bot_capabilities", "tell_me_more",
                        "tell_situation", "give_feedback", "start_again", "give_date"}
# A date with something that happened on it (bot/question_shapes.py) is no sign that the
# message is a question rather than for a person ("we sent the form on 3 March, did it
# arrive?").
DATE_SHAPES = {"ask_deadline", "give_date"}
# A message is only too vague to answer if the classifier cannot tell its topic either:
# "local offer meaning" is short, but clear. Nor is it out of scope or for a person on the
# router model's word alone unless the router is this sure.
CLEAR_TOPIC = 0.35
ROUTE_SURE = 0.7
# What a question becomes when the classifier had nothing else to offer: the fallback asks.
NOT_SURE = {INTENT_NAME_KEY: NOT_SURE_INTENT, PREDICTED_CONFIDENCE_KEY: 0.0}
NOT_TOPICS = {*NOT_QUESTIONS, "ask_for_person", NOT_SURE_INTENT}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=False)
class Triage(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "Triage":
        router()   # load the models now, not on the first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.startswith("/"):   # a button's payload is already an intent
                decide(message, router().decide(text))
        return messages


def decide(message: Message, decision: Decision) -> None:
    """Put the decision on the message, and the intent that takes that path first."""
    intent = message.get(INTENT) or {}
    message.set(TRIAGE, decision.as_dict(), add_to_output=True)
    kept = _classifiers_choice(decision, intent, message.get(INTENT_RANKING_KEY) or [])
    if kept is not None:
        if kept is not intent:
            put_first(message, kept)
        return
    if decision.route in ROUTE_INTENTS:
        put_first(message, {INTENT_NAME_KEY: ROUTE_INTENTS[decision.route],
                            PREDICTED_CONFIDENCE_KEY: 1.0})
        return
    # the router ruled out urgent help, and, when it is sure, the other paths
    ruled_out = NOT_QUESTIONS if decision.confidence >= ROUTE_SURE else {URGENT_INTENT}
    if intent.get(INTENT_NAME_KEY) in ruled_out:
        put_first(message, next((r for r in message.get(INTENT_RANKING_KEY) or []
                                 if r.get(INTENT_NAME_KEY) not in ruled_out), dict(NOT_SURE)))


def _classifiers_choice(decision: Decision, intent: Dict[Text, Any],
                        ranking: List[Dict[Text, Any]]) -> Dict[Text, Any] | None:
    """The classifier's reading, where it stands against the router's model: the
    conversation's own moves, and a topic it is sure of when the router is not sure the
    message is vague, out of scope or for a person. None when the router decides."""
    if decision.route == URGENT or decision.by != MODEL:
        return None
    if intent.get(INTENT_NAME_KEY) in CONVERSATION_INTENTS:
        return intent
    if decision.route == QUESTION or (decision.route != CLARIFY and
                                      decision.confidence >= ROUTE_SURE):
        return None
    not_topics = NOT_TOPICS if decision.route == CLARIFY else NOT_TOPICS | DATE_SHAPES
    return next((r for r in ranking if r.get(INTENT_NAME_KEY) not in not_topics and
                 (r.get(PREDICTED_CONFIDENCE_KEY) or 0) >= CLEAR_TOPIC), None)
