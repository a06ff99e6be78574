from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Backends

SESSION = "session-1234"


def chat(client: TestClient, message: str = "hello", session_id: str = SESSION):
    return client.post("/api/chat", json={"session_id": session_id, "message": message})


def test_chat_returns_the_assistants_messages(client: TestClient, backends: Backends) -> None:
    backends.replies = [
        {"recipient_id": SESSION, "text": "Hello!"},
        {"recipient_id": SESSION, "text": "Pick one",
         "buttons": [{"title": "Local Offer", "payload": "/explain_local_offer"}]},
    ]
    response = chat(client)
    assert response.status_code == 200
    assert response.json() == {
        "session_id": SESSION,
        "messages": [{"text": "Hello!"},
                     {"text": "Pick one", "buttons": [{"title": "Local Offer",
                                                       "payload": "/explain_local_offer"}]}],
        "handoff": False,
    }


def test_chat_passes_the_session_and_trimmed_message_to_rasa(
        client: TestClient, backends: Backends) -> None:
    chat(client, "  what is the local offer?  ")
    assert backends.received == [{"sender": SESSION, "message": "what is the local offer?"}]


@pytest.mark.parametrize("body, field", [
    ({"session_id": SESSION, "message": ""}, "message"),
    ({"session_id": SESSION, "message": "   \n "}, "message"),
    ({"session_id": SESSION, "message": "a" * 2001}, "message"),
    ({"session_id": SESSION}, "message"),
    ({"session_id": "short", "message": "hi"}, "session_id"),
    ({"session_id": "a" * 65, "message": "hi"}, "session_id"),
    ({"session_id": "has spaces in it", "message": "hi"}, "session_id"),
    ({"session_id": "<script>alert(1)</script>", "message": "hi"}, "session_id"),
    ({"session_id": 12345678, "message": "hi"}, "session_id"),
    ({"message": "hi"}, "session_id"),
])
def test_bad_input_gets_422_with_a_plain_message(client: TestClient, body: dict,
                                                 field: str) -> None:
    response = client.post("/api/chat", json=body)
    assert response.status_code == 422
    payload = response.json()
    assert field in {error["field"] for error in payload["errors"]}
    assert payload["detail"] and "Traceback" not in response.text


def test_longest_allowed_message_is_accepted(client: TestClient) -> None:
    assert chat(client, ("word " * 400)[:2000]).status_code == 200


def test_malformed_json_gets_422_with_a_plain_message(client: TestClient) -> None:
    response = client.post("/api/chat", content=b'{"session_id": "x",',
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == "The request body is not valid JSON."


def test_rasa_down_gets_503_with_the_councils_contact_details(
        client: TestClient, backends: Backends) -> None:
    backends.rasa_up = False
    response = chat(client)
    assert response.status_code == 503
    assert "01632 960000" in response.json()["detail"]
    assert "Traceback" not in response.text and "ConnectError" not in response.text


def test_actions_down_gets_503_when_rasa_has_nothing_to_say(
        client: TestClient, backends: Backends) -> None:
    backends.actions_up = False
    backends.replies = []
    response = chat(client, "what is the local offer")
    assert response.status_code == 503
    assert "send.team@example.org" in response.json()["detail"]


def test_empty_reply_with_everything_up_still_answers(client: TestClient,
                                                      backends: Backends) -> None:
    backends.replies = []
    response = chat(client)
    assert response.status_code == 200
    assert "01632 960000" in response.json()["messages"][0]["text"]


def test_demo_page_carries_the_widget(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<script src="/widget.js"' in page.text
    script = client.get("/widget.js")
    assert script.status_code == 200
    assert "textContent" in script.text and "innerHTML" not in script.text


def test_the_server_makes_unguessable_session_ids_that_the_chat_accepts(
        client: TestClient) -> None:
    made = {client.post("/api/chat/session").json()["session_id"] for _ in range(50)}
    assert len(made) == 50
    assert all(len(session_id) == 32 for session_id in made)     # 24 bytes = 192 bits
    response = client.post("/api/chat", json={"session_id": made.pop(), "message": "hi"})
    assert response.status_code == 200


def test_a_council_site_may_call_the_chat_api_but_gets_no_staff_credentials(
        client: TestClient) -> None:
    council = {"Origin": "https://localoffer.example.org"}
    preflight = client.options("/api/chat", headers={
        **council, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", council["Origin"])
    answer = client.post("/api/chat", headers=council,
                         json={"session_id": "embedded-0001", "message": "hello"})
    assert answer.headers["access-control-allow-origin"] in ("*", council["Origin"])
    assert "access-control-allow-credentials" not in answer.headers
