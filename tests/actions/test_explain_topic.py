from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.answers import sources_line as answers_sources_line
from actions.topics import ActionExplainTopic
from knowledge.sources import load_topics
from tests.actions.trackers import make_tracker, run_action

ROOT = Path(__file__).resolve().parent.parent.parent


def test_review_question_gets_twelve_months_with_its_source() -> None:
    messages, events = run_action(
        ActionExplainTopic(),
        make_tracker("how often does an EHC plan get reviewed?", "explain_annual_review"))
    text = messages[0]["text"]
    assert "at least once every 12 months" in text
    assert "Where this comes from:" in text and "Code of Practice" in text and "9.166" in text
    assert events == [{"event": "slot", "timestamp": None, "name": "current_topic",
                       "value": "annual_review"}]


def test_answer_offers_more_detail_and_follow_up_questions() -> None:
    messages, _ = run_action(
        ActionExplainTopic(), make_tracker("what is the local offer", "explain_local_offer"))
    payloads = [button["payload"] for button in messages[0]["buttons"]]
    assert payloads[0] == "/tell_me_more"
    assert "/explain_personal_budget" in payloads


def test_personal_budget_answer_names_all_four_ways_to_hold_one() -> None:
    messages, _ = run_action(
        ActionExplainTopic(), make_tracker("personal budget options", "explain_personal_budget"))
    text = messages[0]["text"].lower()
    for way in ("direct payments", "notional budget", "third-party arrangement", "a mix"):
        assert way in text
    assert "3.38" in text


def test_tell_me_more_gives_the_details_of_the_last_topic() -> None:
    messages, _ = run_action(
        ActionExplainTopic(),
        make_tracker("tell me more", "tell_me_more", slots={"current_topic": "annual_review"}))
    text = messages[0]["text"]
    assert "What you can do next:" in text
    assert "4 weeks" in text


def test_tell_me_more_with_no_topic_yet_shows_what_i_can_do() -> None:
    messages, events = run_action(ActionExplainTopic(),
                                        make_tracker("tell me more", "tell_me_more"))
    assert messages[0]["response"] == "utter_capabilities"
    assert events == []


def test_young_person_hears_the_you_version() -> None:
    messages, _ = run_action(
        ActionExplainTopic(),
        make_tracker("can i ask myself", "explain_ehc_needs_assessment",
                     slots={"audience": "young_person"}))
    assert messages[0]["text"].startswith("If you are 16 to 25, you can ask")


def test_missing_knowledge_base_gives_contact_details_not_a_guess(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEND_KB_PATH", str(tmp_path / "missing.db"))
    messages, events = run_action(
        ActionExplainTopic(), make_tracker("reviews?", "explain_annual_review"))
    assert "can't look that up right now" in messages[0]["text"]
    assert "01632 960000" in messages[0]["text"]
    assert events == []


def test_every_topic_intent_in_the_domain_has_a_topic_and_back() -> None:
    domain = yaml.safe_load((ROOT / "bot/domain.yml").read_text())
    intents = {i.removeprefix("explain_") for i in domain["intents"] if i.startswith("explain_")}
    assert intents == {topic.key for topic in load_topics()}


@pytest.mark.parametrize("topic", load_topics(), ids=lambda t: t.key)
def test_every_topic_is_answered_from_the_knowledge_base_with_its_sources(topic) -> None:
    messages, events = run_action(
        ActionExplainTopic(), make_tracker("question", f"explain_{topic.key}"))
    text = messages[0]["text"]
    assert text.startswith(topic.summary[:40])
    assert text.endswith(answers_sources_line(topic.citations))
    assert events[0]["value"] == topic.key


@pytest.mark.parametrize("topic", load_topics(), ids=lambda t: t.key)
def test_every_topic_has_more_detail_and_next_steps(topic) -> None:
    messages, _ = run_action(ActionExplainTopic(), make_tracker(
        "tell me more", "tell_me_more", slots={"current_topic": topic.key}))
    assert "What you can do next:" in messages[0]["text"]
