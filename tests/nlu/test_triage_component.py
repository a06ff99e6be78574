"""The router's component in Rasa's pipeline (Rasa environment): the decision has the
last word on the intent, and is passed to the actions as `triage`."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.triage import Triage


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    ranked = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": ranked[0], "intent_ranking": ranked})
    Triage().process([message])
    return message


def intent(message: Message) -> str:
    return message.get("intent")["name"]


def test_a_risk_buried_in_a_question_is_urgent_whatever_the_classifier_said() -> None:
    message = classified("what is an ehcp. he says he wants to kill himself. and who pays",
                         [("explain_ehc_plan", 0.9), ("urgent_risk", 0.05)])
    assert message.get("intent") == {"name": "urgent_risk", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == [
        "urgent_risk", "explain_ehc_plan"]
    assert message.get("triage")["route"] == "urgent"


def test_another_nation_is_out_of_scope_with_its_subject() -> None:
    message = classified("we live in cardiff, how do we get an IDP for my son",
                         [("explain_ehc_needs_assessment", 0.8)])
    assert intent(message) == "out_of_scope"
    assert message.get("triage")["kind"] == "other_nation"


def test_sarcasm_is_not_thanks_and_gets_a_person() -> None:
    message = classified("thanks for nothing", [("thank", 0.9)])
    assert intent(message) == "ask_for_person"


def test_an_ordinary_question_keeps_the_classifiers_topic() -> None:
    message = classified("how often does the school have to review his ehcp",
                         [("explain_annual_review", 0.9), ("explain_ehc_plan", 0.05)])
    assert intent(message) == "explain_annual_review"
    assert message.get("triage")["route"] == "question"


def test_a_question_is_never_left_as_out_of_scope_when_the_router_says_it_is_not() -> None:
    message = classified("does my daughter need a diagnosis before we ask for an ehcp",
                         [("out_of_scope", 0.5), ("explain_ehc_needs_assessment", 0.4)])
    assert intent(message) == "explain_ehc_needs_assessment"


def test_the_classifiers_urgent_guess_alone_gives_way_to_its_next_guess() -> None:
    message = classified("where can i park near the town hall",
                         [("urgent_risk", 0.8), ("out_of_scope", 0.1)])
    assert intent(message) != "urgent_risk"


def test_button_payloads_are_left_alone() -> None:
    message = classified("/explain_ehc_plan", [("explain_ehc_plan", 1.0)])
    assert intent(message) == "explain_ehc_plan" and message.get("triage") is None


def test_the_classifiers_reading_of_the_conversation_stands_against_the_routers_model(
        ) -> None:
    message = classified("can you tell me more about that", [("tell_me_more", 0.8),
                                                             ("explain_local_offer", 0.1)])
    assert intent(message) == "tell_me_more"
    assert message.get("triage")["by"] == "model"


def test_a_short_message_whose_topic_the_classifier_is_sure_of_is_answered() -> None:
    message = classified("local offer meaning", [("explain_local_offer", 0.8)])
    assert intent(message) == "explain_local_offer"


def test_a_vague_message_the_classifier_is_unsure_of_gets_a_clarifying_question() -> None:
    message = classified("review??", [("explain_annual_review", 0.3),
                                      ("explain_late_review", 0.25)])
    assert intent(message) == "nlu_fallback"
    assert message.get("triage")["route"] == "clarify"
