"""Real rasa_sdk trackers and a dispatcher for running actions in tests."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DOMAIN: dict[str, Any] = {
    "responses": {"utter_capabilities": [{"text": "Here are some things you can ask me."}]}
}


def make_tracker(text: str, intent: str, entities: list[dict[str, Any]] | None = None,
                 slots: dict[str, Any] | None = None,
                 triage: dict[str, Any] | None = None) -> Tracker:
    """A tracker whose latest message is text, classified as intent (with the router's
    decision, as bot/triage.py gives it, when there is one)."""
    ranked = {"name": intent, "confidence": 0.95}
    latest = {"text": text, "intent": ranked, "intent_ranking": [ranked],
              "entities": entities or []}
    if triage:
        latest["triage"] = triage
    return Tracker(sender_id="test-session", slots=slots or {}, latest_message=latest,
                   events=[{"event": "user", "text": text, "parse_data": latest}],
                   paused=False, followup_action=None, active_loop={},
                   latest_action_name="action_listen")


def run_action(action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict]]:
    """Run action as the action server would; return the messages sent and the events."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events
