"""Put an intent first in a parsed message, keeping the rest of the ranking."""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def put_first(message: Message, intent: Dict[Text, Any]) -> None:
    others = [r for r in message.get(INTENT_RANKING_KEY) or []
              if r.get(INTENT_NAME_KEY) != intent[INTENT_NAME_KEY]]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *others], add_to_output=True)
