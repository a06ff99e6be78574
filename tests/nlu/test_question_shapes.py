"""Questions recognised by their shape: dates with events, and "what does X stand for"."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.question_shapes import QuestionShapes, shape_intent

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("text, intent", [
    ("we asked for an assessment on 3 March, when do they decide", "ask_deadline"),
    ("the annual review was 12/01/2026, when is the next one", "ask_deadline"),
    ("decision letter came 1 oct 2026 how long to appeal", "ask_deadline"),
    ("what does SENCO stand for", "ask_meaning"),
    ("whats SALT short for", "ask_meaning"),
    ("what does SEMH mean", None),                      # an idea: its topic answers it
    ("what does ZZQ stand for", None),                  # not in the glossary
    ("what is an ehcp", None),                          # a topic question
    ("is the 15 february deadline a legal one", None),  # a date, but nothing happened on it
    ("how do i pay my council tax", None),
    ("what does it stand for when the council says no to the assessment and the school "
     "will not help either", None),                     # too long to be a word question
])
def test_shapes(text: str, intent: str | None) -> None:
    assert shape_intent(text, TODAY) == intent


def test_the_component_never_overrides_urgent_risk_or_a_button() -> None:
    urgent = Message(data={"text": "my son went missing on 3 March after the review",
                           "intent": {"name": "urgent_risk", "confidence": 1.0}})
    button = Message(data={"text": "/explain_ehc_plan",
                           "intent": {"name": "explain_ehc_plan", "confidence": 1.0}})
    QuestionShapes().process([urgent, button])
    assert urgent.get("intent")["name"] == "urgent_risk"
    assert button.get("intent")["name"] == "explain_ehc_plan"


def test_the_component_puts_the_shape_first_and_keeps_the_rest_of_the_ranking() -> None:
    message = Message(data={"text": "what does SENDIASS stand for",
                            "intent": {"name": "explain_sendias", "confidence": 0.7},
                            "intent_ranking": [{"name": "explain_sendias", "confidence": 0.7},
                                               {"name": "ask_meaning", "confidence": 0.2}]})
    QuestionShapes().process([message])
    assert [r["name"] for r in message.get("intent_ranking")] == ["ask_meaning",
                                                                  "explain_sendias"]
