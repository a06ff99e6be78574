"""A Rasa pipeline component: messages suggesting a child is at risk become `urgent_risk`.

It runs after the intent classifier and the fallback classifier, so a message
that matches `knowledge/safeguarding.yml` is answered with urgent help whatever
else it asks and however confident the classifier was. A low-confidence
urgent_risk guess by the classifier alone is replaced by its next guess. Listed in
bot/config.yml as `bot.risk_detector.RiskDetector`.
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
from knowledge.safeguarding import risk_kind

URGENT_INTENT = "urgent_risk"
# Below this, the classifier's urgent_risk guess alone (no pattern matched) gives way to
# its next guess. The patterns catch every urgent message in the test sets.
CLASSIFIER_ALONE_MIN_CONFIDENCE = 0.7


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=False)
class RiskDetector(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "RiskDetector":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):  # a button's payload
                continue
            if risk_kind(text) is not None:
                put_first(message, {INTENT_NAME_KEY: URGENT_INTENT,
                                          PREDICTED_CONFIDENCE_KEY: 1.0})
            elif self._unsure_urgent_guess(message):
                ranking = message.get(INTENT_RANKING_KEY) or []
                if len(ranking) > 1:
                    put_first(message, ranking[1])
        return messages

    @staticmethod
    def _unsure_urgent_guess(message: Message) -> bool:
        """The classifier alone says urgent_risk, but not confidently, and no pattern
        matched: "right im logging off now" must not raise a safeguarding case."""
        intent = message.get(INTENT) or {}
        return (intent.get(INTENT_NAME_KEY) == URGENT_INTENT
                and (intent.get(PREDICTED_CONFIDENCE_KEY) or 0) < CLASSIFIER_ALONE_MIN_CONFIDENCE)

