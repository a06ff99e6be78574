"""Fill the situation slots from every message (Rasa runs this after each one).

The answers depend on who is asking, the age, whether there is an EHC plan and
the setting; see actions/who_is_asking.py for how each is found.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.who_is_asking import audience_in, child_age, has_plan_in, own_age


def _typed_text(tracker: Tracker) -> str:
    """The words of the latest message; a button payload ("/intent{...}") has none."""
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


AUDIENCES = ("parent", "young_person", "professional")
# rasa_sdk warns on every message that these slots have no validate_ method: they need
# none (extraction is the check), and the warnings filled the log (927 lines a session).
logging.getLogger("rasa_sdk.forms").setLevel(logging.ERROR)


class ActionValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_audience(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: dict[str, Any]) -> dict[str, Any]:
        """What the person says of themselves first; else who the page they are on is for
        (the widget's data-audience, sent as the message's metadata)."""
        audience = audience_in(_typed_text(tracker))
        if audience is None and not tracker.get_slot("audience"):
            page = (tracker.latest_message.get("metadata") or {}).get("audience")
            audience = page if page in AUDIENCES else None
        return {"audience": audience} if audience else {}

    async def extract_age(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: dict[str, Any]) -> dict[str, Any]:
        text = _typed_text(tracker)
        age = own_age(text) if own_age(text) is not None else child_age(text)
        return {"age": str(age)} if age is not None else {}

    async def extract_has_plan(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: dict[str, Any]) -> dict[str, Any]:
        has_plan = has_plan_in(_typed_text(tracker),
                               list(tracker.get_latest_entity_values("plan")))
        return {"has_plan": has_plan} if has_plan is not None else {}
