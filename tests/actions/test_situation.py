"""Who is asking and their situation: found in what people write, and used in answers."""

from __future__ import annotations

import pytest

from actions.topics import ActionExplainTopic, ActionNoteSituation
from actions.who_is_asking import situation_from
from knowledge.situation_text import audience_in, child_age, has_plan_in, own_age
from tests.actions.trackers import make_tracker, run_action


@pytest.mark.parametrize("text, audience", [
    ("my son is 6 and school won't assess him", "parent"),
    ("our daughter has autism", "parent"),
    ("im 17 and want to go to college", "young_person"),
    ("I'm asking for myself, can I get help at uni", "young_person"),
    ("can i see my ehcp", "young_person"),
    ("I'm a SENCo, one of my pupils needs an assessment", "professional"),
    ("as a teacher what do I do", "professional"),
    ("what is an ehcp", None),
    ("I'm worried", None),
    ("im 4 weeks in to the process", None),
])
def test_who_is_asking(text: str, audience: str | None) -> None:
    assert audience_in(text) == audience


def test_ages_from_the_writer_and_about_a_child() -> None:
    assert own_age("i'm sixteen now") == 16
    assert own_age("I'm 40 and my son is 7") is None    # not a young person's own age
    assert child_age("my son is 4 and at nursery") == 4
    assert child_age("she's 15 months") is None


@pytest.mark.parametrize("text, plans, has_plan", [
    ("he doesn't have an EHCP", ["EHCP"], False),
    ("she has no plan", [], False),
    ("haven't got a statement", ["statement"], False),
    ("her ehcp says 1:1", ["ehcp"], True),
    ("is he on sen support", ["sen support"], None),
])
def test_whether_there_is_a_plan(text: str, plans: list[str], has_plan: bool | None) -> None:
    assert has_plan_in(text, plans) is has_plan


def test_the_pages_audience_counts_until_the_person_says_who_they_are() -> None:
    page = {"page_audience": "young_person"}
    assert situation_from(make_tracker("what is an ehcp", "explain_ehc_plan",
                                       slots=page)).audience == "young_person"
    assert situation_from(make_tracker("what is an ehcp", "explain_ehc_plan", slots={
        **page, "audience": "parent"})).audience == "parent"


def test_a_17_year_old_hears_they_can_ask_and_decide_themselves() -> None:
    messages, _ = run_action(ActionExplainTopic(), make_tracker(
        "can i ask for an assessment", "explain_ehc_needs_assessment",
        slots={"audience": "young_person", "age": "17"}))
    text = messages[0]["text"]
    assert "You can ask the council for an assessment yourself" in text
    assert "The decisions are yours" in text and "8.13 to 8.15" in text
    assert len(messages) == 1     # who is asking is known: no question


def test_a_parent_of_a_4_year_old_hears_about_early_years_and_3_to_6_month_reviews() -> None:
    messages, _ = run_action(ActionExplainTopic(), make_tracker(
        "how often is the plan reviewed", "explain_annual_review",
        slots={"audience": "parent", "age": "4", "setting": "nursery"}))
    text = messages[0]["text"]
    assert "3 to 6 months" in text and "9.178" in text
    assert "early years setting" in text


def test_who_is_asking_is_asked_only_when_the_answer_depends_on_it() -> None:
    rights, _ = run_action(ActionExplainTopic(), make_tracker(
        "what rights do i have at 16", "explain_young_people_rights"))
    assert rights[-1]["text"].endswith("Is this about you, or about your child?")
    assert [b["payload"] for b in rights[-1]["buttons"]][0] == \
        '/tell_situation{"audience": "young_person"}'
    local_offer, _ = run_action(ActionExplainTopic(), make_tracker(
        "what is the local offer", "explain_local_offer"))
    assert len(local_offer) == 1


def test_saying_who_you_are_answers_the_last_topic_again_for_you() -> None:
    messages, _ = run_action(ActionNoteSituation(), make_tracker(
        '/tell_situation{"audience": "young_person"}', "tell_situation",
        slots={"audience": "young_person", "current_topic": "young_people_rights"}))
    assert messages[0]["text"] == "Thank you. Here is what that means for you:"
    assert "Where this comes from:" in messages[1]["text"]
    nothing_yet, _ = run_action(ActionNoteSituation(), make_tracker("I'm a parent",
                                                                    "tell_situation"))
    assert nothing_yet[1]["response"] == "utter_capabilities"


def test_who_is_asking_is_not_asked_twice_or_for_a_young_child() -> None:
    asked = {"event": "bot", "text": "The answer is different for young people aged 16 to 25. "
                                     "Is this about you, or about your child?"}
    tracker = make_tracker("what rights do i have at 16", "explain_young_people_rights")
    tracker.events.insert(0, asked)
    messages, _ = run_action(ActionExplainTopic(), tracker)
    assert len(messages) == 1
    child, _ = run_action(ActionExplainTopic(), make_tracker(
        "can we ask for an assessment", "explain_ehc_needs_assessment", slots={"age": "7"}))
    assert len(child) == 1
