"""A vague message gets one specific question, with its likely meanings as buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.clarify import clarifying_question
from actions.fallback import ActionFallback
from knowledge.query import KnowledgeBase
from tests.actions.trackers import make_tracker, run_action

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain.yml"
VAGUE = {"route": "clarify", "by": "sure_words"}


def test_review_asks_which_review_with_the_three_likely_meanings() -> None:
    messages, events = run_action(ActionFallback(), make_tracker("review??", "nlu_fallback",
                                                                 triage=VAGUE))
    [message] = messages
    assert message["text"] == "Which review do you mean?"
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:3] == ["The EHC plan's annual review", "A review of SEN support at school",
                          "My review is late"]
    assert titles[-1] == "Talk to a person" and events == []


def test_a_miss_the_router_did_not_call_vague_still_offers_the_likeliest_meanings() -> None:
    messages, _ = run_action(ActionFallback(), make_tracker("blue whale fish", "nlu_fallback"))
    assert messages[0]["text"].startswith("Sorry, I'm not sure what you mean.")


@pytest.mark.parametrize("text, asks", [
    ("budget", "Personal Budget"),
    ("PB", "Personal Budget"),
    ("deadline?", "Which deadline do you mean?"),
    ("SALT?", "speech and language therapy"),
    ("assessment", "or an assessment for a diagnosis"),
    ("can they do that??", "Who do you mean: the school, the council, or a college?"),
    ("um", "Can you tell me a bit more?"),
])
def test_each_vague_word_gets_its_own_question(kb: KnowledgeBase, text: str,
                                               asks: str) -> None:
    assert asks in clarifying_question(text, kb.clarify_guide()).question


def test_every_buttons_intent_is_one_the_assistant_knows(kb: KnowledgeBase) -> None:
    intents = set(yaml.safe_load(DOMAIN.read_text())["intents"])
    guide = kb.clarify_guide()
    for question in (guide.default, *guide.terms):
        for option in question.options:
            payload = option["payload"]
            if payload.startswith("/"):
                assert payload[1:].split("{")[0] in intents, payload
