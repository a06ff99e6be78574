"""What follows an answer: one safety line when the question hints at a worry, and the
other questions of a message that asked several, as buttons.

The router (bot/triage.py) flags a concern; bot/other_questions.py finds the other
questions. The action that answers the main question is decorated with `follows_up`.
"""

from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.intent_titles import button_title
from actions.knowledge_base import council_details
from actions.triage import has_concern
from actions.who_is_asking import situation_from
from triage.urgent_help import concern_line

Run = Callable[..., Awaitable[list[dict[str, Any]]]]


def other_question_buttons(tracker: Tracker) -> list[dict[str, str]]:
    buttons = []
    for other in tracker.latest_message.get("other_questions") or []:
        title = button_title(other.get("intent") or "")
        if title:
            buttons.append({"title": title, "payload": f"/{other['intent']}"})
    return buttons


def follows_up(run: Run) -> Run:
    """Decorate an action's run: after its answer, the safety line for a concern and the
    offer of the message's other questions (not once the bot is paused for a person)."""
    @functools.wraps(run)
    async def answer_then_follow_up(self: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker,
                                    domain: dict[str, Any]) -> list[dict[str, Any]]:
        events = await run(self, dispatcher, tracker, domain)
        paused = any(event.get("event") == "pause" for event in events)
        if has_concern(tracker) and not paused:
            dispatcher.utter_message(
                text=concern_line(council_details(), situation_from(tracker).audience),
                buttons=[answers.TALK_TO_A_PERSON])
        buttons = other_question_buttons(tracker)
        if buttons and not paused:    # a paused bot could not answer them
            dispatcher.utter_message(text="You also asked about something else. "
                                          "Choose it to see the answer:", buttons=buttons)
        return events
    return answer_then_follow_up
