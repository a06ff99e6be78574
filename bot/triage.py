"""A Rasa pipeline component: the first decision on every message (triage/router.py).

It runs after the intent classifier, the fallback classifier and the question
shapes, and has the last word on the path a message takes:
- urgent: `urgent_risk`, whatever anything else said, so urgent help comes first
  in every state of the conversation;
- out of scope, needs a person, too vague: `out_of_scope`, `ask_for_person`,
  `clarify`;
- a question: the classifier's topic (never urgent_risk, out_of_scope or clarify,
  which the router has ruled out; asking for a person stays, as the handoff gives the
  team's contact details).
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
ROUTE_INTENTS = {URGENT: URGENT_INTENT, OUT_OF_SCOPE: "out_of_scope",
                 NEEDS_PERSON: "ask_for_person", CLARIFY: "clarify"}
# The classifier's own urgent_risk guess counts, without the router, above this: a
# second net under the router's.
CLASSIFIER_ALONE_MIN_CONFIDENCE = 0.7
NOT_QUESTIONS = {URGENT_INTENT, "out_of_scope", "clarify"}
# The classifier's own reading of the conversation ("thanks", "tell me more", who is
# asking, a button's choice) stands against the router's model; only a risk or the
# router's sure words (knowledge/routes.yml) change it.
CONVERSATION_INTENTS = {"greet", "goodbye", "thank", "bot_capabilities", "tell_me_more",
                        "tell_situation", "give_feedback", "start_again",
                        "choose_budget_option", "give_date"}


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
    if decision.route != URGENT and intent.get(INTENT_NAME_KEY) == URGENT_INTENT and \
            (intent.get(PREDICTED_CONFIDENCE_KEY) or 0) >= CLASSIFIER_ALONE_MIN_CONFIDENCE:
        decision = Decision(URGENT, None, risk_score=decision.risk_score)
    message.set(TRIAGE, decision.as_dict(), add_to_output=True)
    if decision.by == MODEL and decision.route != URGENT and \
            intent.get(INTENT_NAME_KEY) in CONVERSATION_INTENTS:
        return
    if decision.route in ROUTE_INTENTS:
        put_first(message, {INTENT_NAME_KEY: ROUTE_INTENTS[decision.route],
                            PREDICTED_CONFIDENCE_KEY: 1.0})
    elif decision.route == QUESTION and intent.get(INTENT_NAME_KEY) in NOT_QUESTIONS:
        question = next((r for r in message.get(INTENT_RANKING_KEY) or []
                         if r.get(INTENT_NAME_KEY) not in NOT_QUESTIONS), None)
        if question:
            put_first(message, question)
