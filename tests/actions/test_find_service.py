from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from actions.answers import service_card
from actions.services import ActionFindService
from knowledge.query import KnowledgeBase
from tests.actions.trackers import make_tracker, run_action

SEVEN_YEAR_OLD = [{"entity": "age", "value": "7-year-old", "start": 37, "end": 47}]


def test_speech_therapy_for_a_seven_year_old_finds_the_childrens_service() -> None:
    messages, _ = run_action(ActionFindService(), make_tracker(
        "speech and language therapy for a 7-year-old", "find_service",
        entities=SEVEN_YEAR_OLD, slots={"age": "7-year-old"}))
    assert messages[0]["text"] == "Here is what I found in the Local Offer for a 7 year old:"
    first = messages[1]["text"]
    assert first.startswith("Children's Speech and Language Therapy")
    assert "01632 960210" in first and "Who it is for:" in first and "Last checked:" in first
    assert not any("Young Adults" in m["text"] for m in messages)


def test_age_from_a_school_year_said_earlier_filters_services() -> None:
    messages, _ = run_action(ActionFindService(), make_tracker(
        "speech therapy", "find_service", slots={"school_year": "year 6"}))
    assert messages[0]["text"] == "Here is what I found in the Local Offer for a 10 year old:"
    assert messages[1]["text"].startswith("Children's Speech and Language Therapy")


def test_nothing_found_says_so_and_gives_the_send_team() -> None:
    messages, _ = run_action(ActionFindService(), make_tracker(
        "zebra grooming", "find_service", slots={"age": "7 year old"}))
    assert messages[0]["text"].startswith("I could not find a service for a 7 year old")
    assert "01632 960000" in messages[0]["text"]


def test_find_a_service_button_asks_what_help_is_needed() -> None:
    messages, _ = run_action(ActionFindService(),
                                   make_tracker("/find_service", "find_service"))
    assert "What kind of help are you looking for" in messages[0]["text"]


def test_service_not_checked_for_a_year_is_flagged(kb: KnowledgeBase) -> None:
    service = kb.search_services("audiology")[0]
    today = service.last_checked + dt.timedelta(days=400)
    assert "more than a year ago" in service_card(service, today)["text"]
    assert "more than a year ago" not in service_card(service, service.last_checked)["text"]


def test_a_need_named_in_other_words_finds_services_for_that_need(
        knowledge_base_file: Path) -> None:
    asd = [{"entity": "need", "value": "ASD", "start": 20, "end": 23}]
    messages, _ = run_action(ActionFindService(), make_tracker(
        "clubs for kids with ASD", "find_service", entities=asd, slots={"age": "9"}))
    assert messages[0]["text"] == "Here is what I found in the Local Offer for a 9 year old:"
    names = [m["text"].split(" (run by ")[0] for m in messages[1:]]
    with sqlite3.connect(knowledge_base_file) as db:
        for name in names:
            assert db.execute(
                "select 1 from service join attribute on attribute.link_id = service.id "
                "where service.name = ? and taxonomy_term_id = 'need:autism'", (name,)).fetchone()
