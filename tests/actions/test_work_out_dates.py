"""The dates conversation: a date and what happened give the family's deadlines."""

from __future__ import annotations

import datetime as dt

from actions.answers import long_date
from actions.dates import ActionWorkOutDates
from actions.topics import ActionExplainTopic
from tests.actions.trackers import make_tracker, run_action


def slot_values(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_assessment_request_date_gives_the_dates_today_and_assumptions() -> None:
    messages, events = run_action(ActionWorkOutDates(), make_tracker(
        "we asked for an assessment on 3 March 2026, when should they decide?", "ask_deadline"))
    text = messages[0]["text"]
    assert f"Today is {long_date(dt.date.today())}." in text
    assert "the council got the request for an EHC needs assessment on 3 March 2026" in text
    assert "By 14 April 2026: The council must tell you if it will carry out an assessment." in text
    assert "By 21 July 2026: The final EHC plan must be sent to you." in text
    assert "What I assumed:" in text and "narrow exceptions" in text
    assert "Where this comes from:" in text and "regulation 13(2)" in text
    assert slot_values(events)["known_dates"] == {"assessment_request": "2026-03-03"}


def test_a_year_left_out_is_said_to_be_assumed() -> None:
    messages, _ = run_action(ActionWorkOutDates(), make_tracker(
        "annual review was on 12 jan", "ask_deadline"))
    assert "you did not say the year, so I took it to be" in messages[0]["text"]


def test_missed_dates_offer_what_to_do_and_a_person() -> None:
    messages, _ = run_action(ActionWorkOutDates(), make_tracker(
        "the annual review was 12/01/2024", "ask_deadline"))
    assert "This date has passed." in messages[0]["text"]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == ["/explain_complaints", "/ask_for_person"]


def test_no_date_asks_what_happened_then_for_the_date() -> None:
    messages, events = run_action(ActionWorkOutDates(), make_tracker(
        "can you work out my deadlines", "ask_deadline"))
    assert "What has happened?" in messages[0]["text"]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert '/ask_deadline{"event_kind": "decision_letter"}' in payloads
    messages, events = run_action(ActionWorkOutDates(), make_tracker(
        '/ask_deadline{"event_kind": "decision_letter"}', "ask_deadline",
        slots={"event_kind": "decision_letter"}))
    assert messages[0]["text"].startswith("What date was that (the date on the council's")
    messages, events = run_action(ActionWorkOutDates(), make_tracker(
        "1 October 2026", "give_date", slots={"event_kind": "decision_letter"}))
    assert "By 1 December 2026: Your appeal must reach the SEND Tribunal." in messages[0]["text"]
    assert slot_values(events)["event_kind"] is None


def test_a_date_without_an_event_is_kept_while_we_ask_what_happened() -> None:
    messages, events = run_action(ActionWorkOutDates(), make_tracker(
        "12/01/2026", "give_date"))
    assert messages[0]["text"] == "Thanks. What happened on that date?"
    assert slot_values(events) == {"pending_date": "2026-01-12"}
    messages, _ = run_action(ActionWorkOutDates(), make_tracker(
        '/ask_deadline{"event_kind": "review_meeting"}', "ask_deadline",
        slots={"event_kind": "review_meeting", "pending_date": "2026-01-12"}))
    assert "By 12 January 2027: The next annual review must be finished" in messages[0]["text"]


def test_appeal_uses_both_dates_told_in_one_message() -> None:
    messages, _ = run_action(ActionWorkOutDates(), make_tracker(
        "decision letter dated 1 October 2026 and the mediation certificate is 29 November 2026",
        "ask_deadline"))
    text = messages[0]["text"]
    assert "By 4 January 2027: Your appeal must reach the SEND Tribunal." in text
    assert "moved to this date because it falls between 25 December and 1 January" in text
    assert "late appeal" in text


def test_appeal_uses_a_decision_date_told_earlier() -> None:
    messages, _ = run_action(ActionWorkOutDates(), make_tracker(
        "got the mediation certificate on 29/11/2026", "ask_deadline",
        slots={"known_dates": {"decision_letter": "2026-10-01"}}))
    assert "By 4 January 2027" in messages[0]["text"]
    alone, _ = run_action(ActionWorkOutDates(), make_tracker(
        "got the mediation certificate on 29/11/2026", "ask_deadline"))
    assert "Tell me the date on the council's decision letter too" in alone[0]["text"]


def test_under_five_reviews_use_the_childs_age() -> None:
    messages, _ = run_action(ActionWorkOutDates(), make_tracker(
        "the final plan was issued on 31 August 2026", "ask_deadline", slots={"age": "4"}))
    assert "Between 30 November 2026 and 28 February 2027: Your child is under 5" in \
        messages[0]["text"]


def test_a_topic_question_with_a_date_is_answered_with_the_dates() -> None:
    messages, events = run_action(ActionExplainTopic(), make_tracker(
        "we asked for an assessment on 3 March 2026 how long does it take",
        "explain_ehc_needs_assessment"))
    assert "By 14 April 2026" in messages[0]["text"]
    assert slot_values(events)["current_topic"] == "ehc_needs_assessment"
