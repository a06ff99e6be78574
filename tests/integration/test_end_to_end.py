"""The real chain, end to end: widget API -> FastAPI -> Rasa -> action server -> SQLite.

Starts the three real processes on ports of their own (so a running `make run`
is not disturbed) and asks the foundation's questions over HTTP.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from ops.stack import Stack
from tests.integration.chat import all_text, ask


def test_healthz_reports_every_part_up(http: httpx.Client) -> None:
    body = http.get("/healthz").json()
    assert body["status"] == "ok", body
    assert body["rasa"]["ok"] and body["actions"]["ok"] and body["knowledge_base"]["ok"]


def test_greeting_says_what_the_assistant_can_do(http: httpx.Client) -> None:
    body = ask(http, "hello")
    assert "SEND assistant" in all_text(body)
    titles = [b["title"] for m in body["messages"] for b in m.get("buttons", [])]
    assert "Talk to a person" in titles and "Find a service" in titles


def test_review_question_says_twelve_months_and_cites_the_code(http: httpx.Client) -> None:
    text = all_text(ask(http, "how often does an EHC plan get reviewed?"))
    assert "at least once every 12 months" in text
    assert "SEND Code of Practice 0-25, paragraphs 6.56, 9.166 and 9.178" in text


def test_local_offer_question_is_answered_with_its_source(http: httpx.Client) -> None:
    text = all_text(ask(http, "what is the local offer?"))
    assert "aged 0 to 25" in text and "not only those with an EHC plan" in text
    assert "Children and Families Act 2014, section 30" in text


def test_personal_budget_options_name_the_four_ways(http: httpx.Client) -> None:
    text = all_text(ask(http, "what are the personal budget options?"))
    for way in ("direct payments", "notional budget", "third-party arrangement", "a mix"):
        assert way in text
    assert "3.38" in text


def test_tell_me_more_continues_the_same_conversation(http: httpx.Client) -> None:
    session = f"it-{uuid.uuid4().hex}"
    ask(http, "how often does an EHC plan get reviewed?", session)
    text = all_text(ask(http, "tell me more", session))
    assert "What you can do next:" in text and "4 weeks" in text


def test_finding_speech_therapy_for_a_seven_year_old(http: httpx.Client) -> None:
    body = ask(http, "speech and language therapy for a 7-year-old")
    assert body["messages"][0]["text"] == "Here is what I found in the Local Offer for a 7 year old:"
    first = body["messages"][1]["text"]
    assert first.startswith("Children's Speech and Language Therapy")
    assert "01632 960210" in first and "Last checked:" in first


def test_asking_for_a_person_says_how_to_reach_the_send_team(http: httpx.Client) -> None:
    response = http.post("/api/chat", json={"session_id": f"it-{uuid.uuid4().hex}",
                                            "message": "can I speak to a person"})
    body = response.json()
    assert body["handoff"] is True
    text = all_text(body)
    assert "01632 960000" in text and "send.team@example.org" in text and "999" in text


@pytest.mark.parametrize("message, numbers", [
    # a parent: 999, children's social care day and night, NHS 111
    ("my son keeps saying he wants to die", ("999", "01632 960100", "01632 960101", "111")),
    ("my daughter ran away and we cant find her", ("999", "01632 960100", "01632 960101")),
    # a young person: 999, Childline, Samaritans
    ("how do i ask for an ehcp review, also my dad hits me", ("999", "0800 1111", "116 123")),
    # nobody has said who they are: every line
    ("someone needs to help, there's a kid next door who hasn't been fed in days",
     ("999", "01632 960100", "0800 1111", "116 123")),
])
def test_risk_gets_urgent_help_for_who_is_speaking_first(http: httpx.Client, message: str,
                                                         numbers: tuple[str, ...]) -> None:
    first = ask(http, message, handoff=None)["messages"][0]["text"]
    for number in numbers:
        assert number in first


def test_bad_input_is_refused_by_the_real_app(http: httpx.Client) -> None:
    response = http.post("/api/chat", json={"session_id": "x", "message": ""})
    assert response.status_code == 422
    assert "Traceback" not in response.text


def test_rasa_http_api_needs_its_token(stack: Stack) -> None:
    rasa = f"http://{stack.config.host}:{stack.config.rasa_port}"
    assert httpx.get(f"{rasa}/status").status_code == 401
    assert httpx.get(f"{rasa}/status", params={"token": stack.config.rasa_token}).status_code == 200


def test_action_server_down_gives_503_with_contact_details(stack: Stack,
                                                           http: httpx.Client) -> None:
    """Stops the action server, then starts it again for the tests after this one."""
    stack.process("actions").stop()
    response = http.post("/api/chat", json={"session_id": f"it-{uuid.uuid4().hex}",
                                            "message": "what is the local offer?"})
    assert response.status_code == 503
    assert "01632 960000" in response.json()["detail"]
    health = http.get("/healthz")
    assert health.status_code == 503 and not health.json()["actions"]["ok"]
    stack.restart("actions")
    assert http.get("/healthz").status_code == 200
