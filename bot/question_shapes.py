"""A Rasa pipeline component: two kinds of question recognised by their shape, not by
n-grams.

- A date and something that happened on it ("we asked for an assessment on 14
  March, when will they decide") is `ask_deadline`: the date parser and the
  events in `knowledge/guides/timescales.yml` read this better than any word
  counts can.
- "What does X stand for", or "what's X short for", where X is in the glossary
  (`knowledge/glossary.yml`), is `ask_meaning`.

It never overrides `urgent_risk`. Listed in bot/config.yml after the risk detector.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.intent_ranking import put_first
from knowledge.date_text import dates_in, event_mentions
from knowledge.guides import Timescales, load_guides, parse_timescales
from knowledge.query import spaced_words
from knowledge.sources import load_glossary

# "What does X stand for" asks for an acronym's words: the glossary answers it. ("What
# does X mean" is left to the classifier: it asks about an idea, which a topic answers.)
ASKING_ACRONYM = re.compile(r"\b(?:stands?|short) for\b", re.IGNORECASE)
MAX_ACRONYM_WORDS = 12
UNTOUCHED = {"urgent_risk"}


@functools.lru_cache(maxsize=1)
def _timescales() -> Timescales:
    return parse_timescales(load_guides()["timescales"])


@functools.lru_cache(maxsize=1)
def _glossary_names() -> tuple[str, ...]:
    return tuple(spaced_words(name) for entry in load_glossary()
                 for name in (entry.term, *entry.aliases))


def shape_intent(text: str, today: Optional[dt.date] = None) -> Optional[str]:
    """The intent a question's shape gives away, or None.

    >>> shape_intent("we asked for an assessment on 3 March, when do they decide")
    'ask_deadline'
    >>> shape_intent("what does SENCO stand for"), shape_intent("what is an ehcp")
    ('ask_meaning', None)
    """
    if dates_in(text, today or dt.date.today()) and event_mentions(text, _timescales()):
        return "ask_deadline"
    if len(text.split()) <= MAX_ACRONYM_WORDS and ASKING_ACRONYM.search(text):
        said = spaced_words(text)
        if any(name in said for name in _glossary_names()):
            return "ask_meaning"
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=False)
class QuestionShapes(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "QuestionShapes":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if text.startswith("/") or current in UNTOUCHED:
                continue
            intent = shape_intent(text)
            if intent and intent != current:
                put_first(message, {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0})
        return messages
