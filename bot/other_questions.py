"""A Rasa pipeline component: find the other questions in a message that asks several.

People write "what is an EHCP? and can I get a personal budget? also who do I
complain to". The main classifier gives the message one intent; this component
splits it into sentences and classifies each with its own small model (TF-IDF
character and word n-grams, logistic regression, trained on the same NLU data).
Sentences that ask about something else are added to the parse result as
`other_questions`, which the actions offer as buttons
(actions/other_questions.py). Listed in bot/config.yml.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

OTHER_QUESTIONS = "other_questions"
MODEL_FILE = "other_questions.joblib"
CONNECTIVE = r"(?:and also|also|plus|another thing|and another question|oh and)"
SENTENCE_BREAK = re.compile(rf"(?:(?<=[?!.])\s+|\n+|\s+(?={CONNECTIVE}\s))(?:{CONNECTIVE}\s+)?",
                            re.IGNORECASE)
MIN_WORDS = 3


def questions_in(text: str) -> list[str]:
    """The separate questions (sentences) of a message, each at least MIN_WORDS long.

    >>> questions_in("What is an EHCP? Also who do I complain to")
    ['What is an EHCP?', 'who do I complain to']
    """
    parts = (part.strip() for part in SENTENCE_BREAK.split(text))
    return [part for part in parts if len(part.split()) >= MIN_WORDS]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class OtherQuestions(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"threshold": 0.35, "ignore_intents": []}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[Pipeline] = None) -> None:
        self.config = config
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OtherQuestions":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        self._model = Pipeline([
            ("features", FeatureUnion([
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                          sublinear_tf=True)),
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ])),
            ("classifier", LogisticRegression(C=10.0, solver="liblinear", random_state=42)),
        ]).fit([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples])
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "OtherQuestions":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except ValueError:  # not trained yet (Rasa loads components before training)
            model = None
        return cls(config, model_storage, resource, model)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            others = self.other_questions(message)
            if others:
                message.set(OTHER_QUESTIONS, others, add_to_output=True)
        return messages

    def other_questions(self, message: Message) -> List[Dict[Text, Any]]:
        text = message.get(TEXT) or ""
        parts = questions_in(text) if self._model and not text.startswith("/") else []
        if len(parts) < 2:
            return []
        seen = {(message.get(INTENT) or {}).get(INTENT_NAME_KEY),
                *self.config["ignore_intents"]}
        found = []
        for part, probabilities in zip(parts, self._model.predict_proba(parts)):
            best = probabilities.argmax()
            intent = self._model.classes_[best]
            if probabilities[best] >= self.config["threshold"] and intent not in seen:
                seen.add(intent)
                found.append({"intent": intent, "text": part,
                              "confidence": round(float(probabilities[best]), 3)})
        return found
