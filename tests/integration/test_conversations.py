"""Issue 4's flows through POST /api/chat, with the real Rasa model and action server."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx

from actions.answers import long_date
from casework.store import CaseworkStore
from ops.stack import Stack
from tests.integration.chat import all_text, ask


def session() -> str:
    return f"it-{uuid.uuid4().hex}"


def payloads(body: dict) -> list[str]:
    return [b["payload"] for m in body["messages"] for b in m.get("buttons", [])]


def test_dates_are_worked_out_from_what_the_parent_typed(http: httpx.Client) -> None:
    text = all_text(ask(http, "we asked the council for an ehcp assessment on 3 March 2026, "
                              "when do they have to decide by?"))
    assert f"Today is {long_date(dt.date.today())}." in text
    assert "By 14 April 2026: The council must tell you if it will carry out an assessment." \
        in text
    assert "What I assumed:" in text and "Where this comes from:" in text


def test_a_date_given_after_being_asked_for_it(http: httpx.Client) -> None:
    family = session()
    first = ask(http, "can you work out my appeal deadline", family)
    assert '/ask_deadline{"event_kind": "decision_letter"}' in payloads(first)
    ask(http, '/ask_deadline{"event_kind": "decision_letter"}', family)
    text = all_text(ask(http, "1st october 2026", family))
    assert "By 1 December 2026: Your appeal must reach the SEND Tribunal." in text


def test_a_young_person_hears_their_own_rights(http: httpx.Client) -> None:
    text = all_text(ask(http, "im 17 and i want to ask for an ehcp assessment for myself, can i?"))
    assert "You can ask the council for an assessment yourself" in text


def test_a_parent_of_a_four_year_old_hears_about_3_to_6_month_reviews(
        http: httpx.Client) -> None:
    family = session()
    text = all_text(ask(http, "my son is 4 and at nursery, how often is his ehcp reviewed?",
                        family))
    assert "3 to 6 months" in text and "early years setting" in text


def test_who_is_asking_is_asked_and_the_answer_changes(http: httpx.Client) -> None:
    family = session()
    first = ask(http, "what rights does a young person have at 16", family)
    assert '/tell_situation{"audience": "young_person"}' in payloads(first)
    second = ask(http, '/tell_situation{"audience": "young_person"}', family)
    assert all_text(second).startswith("Thank you. Here is what that means for you:")


def test_the_personal_budget_guide_walks_through_the_choice(http: httpx.Client) -> None:
    family = session()
    first = ask(http, "which way of holding a personal budget would suit us best?", family)
    assert "four ways" in all_text(first)
    chosen = ask(http, '/choose_budget_option{"budget_option": "notional_budget"}', family)
    assert "In Anyshire: How to ask." in all_text(chosen)


def test_several_questions_get_one_answer_and_the_rest_as_buttons(http: httpx.Client) -> None:
    # (Not complaints: by default a question about them is handed to the SEND team.)
    body = ask(http, "What is an EHC plan? Also, how do personal budgets work?")
    answer, offer = body["messages"][0], body["messages"][-1]
    assert "Where this comes from:" in answer["text"]
    assert offer["text"].startswith("You also asked about something else.")
    [other] = [button["payload"] for button in offer["buttons"]]
    assert other in {"/explain_ehc_plan", "/explain_personal_budget"}
    assert other not in [button["payload"] for button in answer.get("buttons", [])[:1]]


def test_out_of_scope_gets_a_pointer(http: httpx.Client) -> None:
    text = all_text(ask(http, "how do I pay my council tax bill"))
    assert "council tax" in text and "example.org/council-tax" in text


def test_urgent_risk_is_escalated_as_a_priority(stack: Stack, http: httpx.Client) -> None:
    family = session()
    body = ask(http, "my daughter is 14 and she has been self harming, also what is an ehcp",
               family, handoff=None)
    assert "01632 960100" in body["messages"][0]["text"]     # the parent's version
    cases = [case for case in CaseworkStore(stack.config.var_dir / "casework.db").escalations()
             if case.session_id == family]
    assert [(case.priority, case.summary["age"]) for case in cases] == [("urgent", 14)]
    assert cases[0].reference in all_text(body)


def test_start_again_forgets_the_situation(http: httpx.Client) -> None:
    family = session()
    ask(http, "im 17 and want to know my rights", family)
    text = all_text(ask(http, "can we start again please", family))
    assert "let's start again" in text
