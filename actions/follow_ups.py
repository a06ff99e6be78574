"""Offer the other questions of a message that asked several, as buttons.

bot/other_questions.py finds them in the Rasa pipeline; the action that
answers the main question adds this offer after its answer.
"""

from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.intent_titles import button_title

Run = Callable[..., Awaitable[list[dict[str, Any]]]]


def other_question_buttons(tracker: Tracker) -> list[dict[str, str]]:
    buttons = []
    for other in tracker.latest_message.get("other_questions") or []:
        title = button_title(other.get("intent") or "")
        if title:
            buttons.append({"title": title, "payload": f"/{other['intent']}"})
    return buttons


def offers_other_questions(run: Run) -> Run:
    """Decorate an action's run: after its answer, offer the message's other questions."""
    @functools.wraps(run)
    async def answer_then_offer(self: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: dict[str, Any]) -> list[dict[str, Any]]:
        events = await run(self, dispatcher, tracker, domain)
        buttons = other_question_buttons(tracker)
        paused = any(event.get("event") == "pause" for event in events)
        if buttons and not paused:    # a paused bot could not answer them
            dispatcher.utter_message(text="You also asked about something else. "
                                          "Choose it to see the answer:", buttons=buttons)
        return events
    return answer_then_offer
