"""The safeguarding pipeline component (Rasa environment)."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.risk_detector import RiskDetector


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    ranked = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": ranked[0], "intent_ranking": ranked})
    RiskDetector().process([message])
    return message


def test_a_pattern_match_makes_the_message_urgent_whatever_the_classifier_said() -> None:
    message = classified("what is an ehcp, also my dad hits me",
                         [("explain_ehc_plan", 0.9), ("urgent_risk", 0.05)])
    assert message.get("intent") == {"name": "urgent_risk", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == [
        "urgent_risk", "explain_ehc_plan"]


def test_an_unsure_urgent_guess_without_a_pattern_gives_way_to_the_next_guess() -> None:
    message = classified("right im logging off now", [("urgent_risk", 0.5), ("goodbye", 0.3)])
    assert message.get("intent")["name"] == "goodbye"


def test_a_confident_urgent_guess_is_kept_even_without_a_pattern() -> None:
    message = classified("things at home are really bad for her", [("urgent_risk", 0.85),
                                                                    ("tell_situation", 0.1)])
    assert message.get("intent")["name"] == "urgent_risk"


def test_button_payloads_are_left_alone() -> None:
    message = classified("/explain_ehc_plan", [("explain_ehc_plan", 1.0)])
    assert message.get("intent")["name"] == "explain_ehc_plan"
