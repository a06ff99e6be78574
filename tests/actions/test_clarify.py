"""A vague message gets one specific question, with its likely meanings as buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.clarify import ActionClarify, clarifying_question
from knowledge.query import KnowledgeBase
from tests.actions.trackers import make_tracker, run_action


def test_review_asks_which_review_with_the_three_likely_meanings() -> None:
    messages, events = run_action(ActionClarify(), make_tracker("review??", "clarify"))
    [message] = messages
    assert message["text"] == "Which review do you mean?"
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:3] == ["The EHC plan's annual review", "A review of SEN support at school",
                          "My review is late"]
    assert titles[-1] == "Talk to a person" and events == []


@pytest.mark.parametrize("text, asks", [
    ("budget", "Personal Budget"),
    ("deadline?", "Which deadline do you mean?"),
    ("SALT?", "speech and language therapy"),
    ("can they do that??", "Can you tell me a bit more?"),
])
def test_each_vague_word_gets_its_own_question(kb: KnowledgeBase, text: str,
                                               asks: str) -> None:
    assert asks in clarifying_question(text, kb.clarify_guide()).question


DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain.yml"


def test_every_buttons_intent_is_one_the_assistant_knows(kb: KnowledgeBase) -> None:
    domain = yaml.safe_load(DOMAIN.read_text())
    intents = set(domain["intents"])
    guide = kb.clarify_guide()
    for question in (guide.default, *guide.terms):
        for option in question.options:
            payload = option["payload"]
            if payload.startswith("/"):
                assert payload[1:].split("{")[0] in intents, payload
