"""Safety in every state of a conversation, through the web app with a stand-in Rasa:
urgent help during a handoff and when Rasa is down, urgent cases nobody can leave, and
button payloads taken as intents only when the assistant offered them."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from casework.handoff import LEAVE_BUTTON
from casework.store import Escalation
from tests.web.conftest import Backends

FAMILY = "family-session-0002"
AT_RISK = "sorry to bother you but his stepdad hit him again last night and he's scared to go home"
ORDINARY = "when is the annual review meant to happen"


def handed_over(client: TestClient, priority: str = "normal",
                audience: str | None = "parent") -> Escalation:
    case = client.app.state.casework.record_escalation(
        FAMILY, "asked_for_person", priority, {"topic": "annual_review", "audience": audience})
    client.app.state.handoffs.start(case.id)
    return case


def chat(client: TestClient, message: str) -> dict:
    response = client.post("/api/chat", json={"session_id": FAMILY, "message": message})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_risk_during_a_handoff_gets_urgent_help_at_once_and_the_case_becomes_urgent(
        client: TestClient, backends: Backends) -> None:
    older = client.app.state.casework.record_escalation("someone-else-0001", "asked_for_person",
                                                        "normal", {})
    case = handed_over(client)
    started = time.monotonic()
    body = chat(client, AT_RISK)
    assert time.monotonic() - started < 2
    assert body["handoff"] is True
    [reply] = body["messages"]
    for words in ("999", "01632 960100", "NHS 111"):     # the parent's version
        assert words in reply["text"]
    raised = client.app.state.handoffs.case(case.id)
    assert raised.priority == "urgent" and raised.reason.startswith("urgent_risk:")
    queue = client.app.state.casework.escalations("open")
    assert [c.id for c in queue[:2]] == [case.id, older.id]    # now at the top
    notes = client.app.state.handoffs.notes(raised)
    assert "raised to urgent" in notes[-1]["text"]


def test_an_ordinary_message_during_a_handoff_still_waits_for_the_team(
        client: TestClient) -> None:
    case = handed_over(client)
    assert chat(client, ORDINARY) == {"session_id": FAMILY, "messages": [], "handoff": True}
    assert client.app.state.handoffs.case(case.id).priority == "normal"


def test_the_family_cannot_take_an_urgent_case_out_of_the_queue(
        client: TestClient, backends: Backends) -> None:
    case = handed_over(client, priority="urgent")
    body = chat(client, LEAVE_BUTTON["payload"])
    assert body["handoff"] is True and "stays with the SEND Team" in body["messages"][0]["text"]
    still = client.app.state.handoffs.case(case.id)
    assert (still.status, still.handoff, still.priority) == ("open", True, "urgent")
    assert backends.appended == []     # the bot was not resumed


def test_a_typed_payload_that_was_never_offered_goes_to_rasa_as_words(
        client: TestClient, backends: Backends) -> None:
    chat(client, "/urgent_risk")
    assert backends.received[-1]["message"] == "urgent_risk"
    assert client.app.state.casework.escalations("open") == []


def test_a_payload_the_assistant_offered_is_taken_as_the_button(
        client: TestClient, backends: Backends) -> None:
    backends.appended.append({"event": "bot", "text": "Which review do you mean?", "data": {
        "buttons": [{"title": "The EHC plan's annual review",
                     "payload": "/explain_annual_review"}]}})
    chat(client, "/explain_annual_review")
    assert backends.received[-1]["message"] == "/explain_annual_review"
    chat(client, "/explain_tribunal_appeals")          # not offered: words
    assert backends.received[-1]["message"] == "explain_tribunal_appeals"


@pytest.mark.parametrize("payload", ["/ask_for_person", "/start_again"])
def test_the_widgets_own_buttons_are_always_taken(client: TestClient, backends: Backends,
                                                  payload: str) -> None:
    chat(client, payload)
    assert backends.received[-1]["message"] == payload


def test_when_rasa_is_down_a_risk_still_gets_urgent_help_and_an_urgent_case(
        client: TestClient, backends: Backends) -> None:
    backends.rasa_up = False
    body = client.post("/api/chat", json={"session_id": FAMILY, "message": AT_RISK,
                                          "audience": "young_person"}).json()
    assert "Childline: call free on 0800 1111" in body["messages"][0]["text"]
    [case] = client.app.state.casework.escalations("open")
    assert case.priority == "urgent" and case.reference in body["messages"][1]["text"]


def test_when_rasa_is_down_an_ordinary_message_gets_the_503_with_the_teams_numbers(
        client: TestClient, backends: Backends) -> None:
    backends.rasa_up = False
    response = client.post("/api/chat", json={"session_id": FAMILY, "message": ORDINARY})
    assert response.status_code == 503 and "01632 960000" in response.json()["detail"]
