"""A Rasa pipeline component that classifies nothing: on the first message it tells
Python's garbage collector to leave alone everything loaded until then.

Rasa's loaded model (spaCy, scikit-learn, TensorFlow's modules: most of the Rasa
server's 640 MB) never changes while it serves, yet every full garbage collection
walks all of it, pausing every conversation. In bench/load.py that made the slowest
turns slower: p99 about 450-520 ms before, 340-350 ms after. `gc.freeze()` takes what
exists into a generation the collector never walks; objects made later are collected
as before.

It is registered as an intent classifier only so that Rasa runs it for messages and
not in training. Listed last in bot/config.yml.
"""

from __future__ import annotations

import gc
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message


def freeze_loaded_objects() -> None:
    gc.collect()        # what is already garbage is freed, not kept for ever
    gc.freeze()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=False)
class FrozenHeap(GraphComponent):
    def __init__(self) -> None:
        self.frozen = False

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "FrozenHeap":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        if not self.frozen:
            freeze_loaded_objects()
            self.frozen = True
        return messages
