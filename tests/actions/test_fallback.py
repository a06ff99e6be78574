from __future__ import annotations

from typing import Any

from actions.fallback import ActionFallback
from casework.store import CaseworkStore
from tests.actions.trackers import make_tracker, run_action


def unsure(text: str, ranking: list[tuple[str, float]], earlier: list[dict[str, Any]] = ()):
    """A tracker whose latest message fell below the confidence threshold."""
    tracker = make_tracker(text, "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3},
        *({"name": name, "confidence": c} for name, c in ranking)]
    tracker.events = [*earlier, *tracker.events]
    return tracker


def test_first_miss_offers_the_two_likeliest_topics_and_a_person() -> None:
    messages, _ = run_action(ActionFallback(), unsure(
        "budget thing at review", [("explain_personal_budget", 0.28), ("greet", 0.2),
                                   ("explain_annual_review", 0.25), ("find_service", 0.1)]))
    assert "not sure what you mean" in messages[0]["text"]
    assert messages[0]["buttons"] == [
        {"title": "Personal Budgets", "payload": "/explain_personal_budget"},
        {"title": "Reviews of an EHC plan", "payload": "/explain_annual_review"},
        {"title": "Talk to a person", "payload": "/ask_for_person"},
    ]


def test_second_miss_in_a_row_hands_the_conversation_to_a_person() -> None:
    earlier = [{"event": "user", "text": "blah"}, {"event": "action", "name": "action_fallback"},
               {"event": "action", "name": "action_listen"}]
    messages, events = run_action(ActionFallback(), unsure("blah blah", [], earlier))
    [case] = CaseworkStore().escalations("open")
    assert (case.reason, case.handoff) == ("two_misses", True)
    assert messages[0]["text"].startswith("Sorry, I still don't understand")
    assert f"Your reference is {case.reference}." in messages[0]["text"]
    assert "01632 960000" in messages[0]["text"]
    assert events == [{"event": "pause", "timestamp": None}]


def test_a_miss_after_a_good_answer_is_a_first_miss_again() -> None:
    earlier = [{"event": "user", "text": "blah"}, {"event": "action", "name": "action_fallback"},
               {"event": "user", "text": "what is the local offer"},
               {"event": "action", "name": "action_explain_topic"}]
    messages, _ = run_action(ActionFallback(), unsure(
        "hmm", [("explain_local_offer", 0.25)], earlier))
    assert "still" not in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/explain_local_offer"


def test_with_nothing_likely_it_asks_again_and_shows_what_it_can_do() -> None:
    messages, _ = run_action(ActionFallback(), unsure("zzz", [("greet", 0.2)]))
    assert "say it another way" in messages[0]["text"]
    assert messages[1]["response"] == "utter_capabilities"
