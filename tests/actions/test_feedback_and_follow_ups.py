"""Feedback is kept redacted; after an answer come the safety line for a concern and the
other questions of a message, as buttons."""

from __future__ import annotations

from actions.feedback import ActionRecordFeedback
from actions.glossary import ActionExplainTerm
from actions.topics import ActionExplainTopic
from casework.analytics import Analytics
from casework.handoff import Handoffs
from casework.store import CaseworkStore
from tests.actions.trackers import make_tracker, run_action


def test_feedback_is_thanked_and_stored_without_contact_details() -> None:
    messages, _ = run_action(ActionRecordFeedback(), make_tracker(
        "the local offer site is hard to use, ring me on 07700 900123", "give_feedback"))
    assert messages[0]["text"].startswith("Thank you for telling us.")
    [stored] = CaseworkStore().feedback()
    assert stored["text"] == "the local offer site is hard to use, ring me on [phone]"


def test_a_rating_button_is_kept_on_the_resolved_case_not_as_a_comment() -> None:
    store = CaseworkStore()
    handoffs = Handoffs(store)
    case = store.record_escalation("test-session", "asked_for_person", "normal", {})
    handoffs.resolve(case, "Answered")
    tracker = make_tracker('/give_feedback{"rating": "did_not_help"}', "give_feedback",
                           entities=[{"entity": "rating", "value": "did_not_help"}])
    messages, _ = run_action(ActionRecordFeedback(), tracker)
    assert messages[0]["text"].startswith("Thank you for telling us how we did.")
    assert store.escalation(case.id).rating == "did_not_help"
    assert Analytics(store).report()["ratings"] == {"did_not_help": 1}
    assert store.feedback() == []


def test_a_rating_that_is_not_one_of_the_buttons_is_kept_as_a_comment() -> None:
    tracker = make_tracker("/give_feedback", "give_feedback",
                           entities=[{"entity": "rating", "value": "excellent"}])
    run_action(ActionRecordFeedback(), tracker)
    assert Analytics(CaseworkStore()).report()["ratings"] == {}
    assert len(CaseworkStore().feedback()) == 1


def test_other_questions_in_the_message_become_buttons_after_the_answer() -> None:
    tracker = make_tracker("what is an ehcp? also how do i complain", "explain_ehc_plan")
    tracker.latest_message["other_questions"] = [
        {"intent": "explain_complaints", "text": "how do i complain", "confidence": 0.8},
        {"intent": "greet", "text": "hello there you", "confidence": 0.9}]
    messages, _ = run_action(ActionExplainTopic(), tracker)
    assert "Where this comes from:" in messages[0]["text"]
    assert messages[-1]["text"].startswith("You also asked about something else.")
    assert messages[-1]["buttons"] == [{"title": "Making a complaint",
                                        "payload": "/explain_complaints"}]


def test_no_offer_when_the_message_asked_one_thing() -> None:
    messages, _ = run_action(ActionExplainTerm(), make_tracker("what does SENCO mean",
                                                               "ask_meaning"))
    assert not any(m.get("text", "").startswith("You also asked") for m in messages)


def test_a_question_with_a_possible_worry_is_answered_then_gets_one_safety_line() -> None:
    tracker = make_tracker("he's been really low since the exclusion, what is an ehcp",
                           "explain_ehc_plan", slots={"audience": "parent"},
                           triage={"route": "question", "concern": True})
    messages, _ = run_action(ActionExplainTopic(), tracker)
    assert "Where this comes from:" in messages[0]["text"]      # the answer comes first
    [line] = [m for m in messages if "If you're worried a child is not safe" in m["text"]]
    assert "999" in line["text"] and line["buttons"] == [
        {"title": "Talk to a person", "payload": "/ask_for_person"}]


def test_no_safety_line_without_a_concern() -> None:
    messages, _ = run_action(ActionExplainTopic(), make_tracker(
        "what is an ehcp", "explain_ehc_plan", triage={"route": "question", "concern": False}))
    assert not any("not safe" in m.get("text", "") for m in messages)
