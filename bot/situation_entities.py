"""A Rasa pipeline component: who is asking and their situation, as entities.

From what the person writes (knowledge/situation_text.py): `audience` (a parent or
carer, a young person or a professional), `age` (their own, or their child's) and
`has_plan` (True or False when an EHC plan is mentioned or its absence is). From the
message's metadata: `page_audience`, who the widget's page is for. Each fills its
slot through a `from_entity` mapping (bot/domain.yml), so Rasa fills them itself
with no call to the action server on every message.

Listed in bot/config.yml after SpacyEntityExtractor, whose `plan` and `age` entities
it reads. A button's payload ("/tell_situation{...}") brings its own entities.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.situation_text import audience_in, child_age, has_plan_in, own_age

AUDIENCES = ("parent", "young_person", "professional")


def situation_entities(text: str, plans_named: list[str]) -> dict[str, Any]:
    """The situation a typed message gives away, by entity name.

    >>> situation_entities("im 17 and have an ehcp", ["ehcp"])
    {'audience': 'young_person', 'age': '17', 'has_plan': True}
    """
    age = own_age(text)
    if age is None:
        age = child_age(text)
    found = {"audience": audience_in(text), "age": None if age is None else str(age),
             "has_plan": has_plan_in(text, plans_named)}
    return {name: value for name, value in found.items() if value is not None}


def page_audience(metadata: Any) -> str | None:
    """Who the widget's page is for, if the message's metadata says so properly."""
    audience = metadata.get("audience") if isinstance(metadata, dict) else None
    return audience if audience in AUDIENCES else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
                          is_trainable=False)
class SituationEntities(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext
               ) -> "SituationEntities":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            entities = message.get(ENTITIES) or []
            found = situation_entities(text, [entity["value"] for entity in entities
                                              if entity["entity"] == "plan"])
            if "age" in found:     # the writer's or child's age wins over "aged 7" alone
                entities = [entity for entity in entities if entity["entity"] != "age"]
            page = page_audience(message.get("metadata"))
            if page:
                found["page_audience"] = page
            message.set(ENTITIES, entities + [self._entity(name, value, text)
                                              for name, value in found.items()],
                        add_to_output=True)
        return messages

    def _entity(self, name: str, value: Any, text: str) -> Dict[Text, Any]:
        """An entity for the whole message: these are read from its sense, not a span."""
        return {"entity": name, "value": value, "start": 0, "end": len(text),
                "extractor": self.__class__.__name__}
