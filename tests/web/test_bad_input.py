"""Bad input is refused cleanly: a plain sentence in {"detail": ...}, never a stack trace
or a 5xx; and ordinary messages still get through."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import ACTIONS, RASA, Backends
from web.app import create_app
from web.config import Settings
from web.errors import UNREADABLE
from web.guards import MAX_JSON_DEPTH, RateLimit, json_depth

SESSION = "session-1234"
TOO_BIG = 33 * 1024          # over the default 32 KiB
COUNCIL = {"Origin": "https://localoffer.example.org"}


def chat_body(message: str, session_id: str = SESSION) -> dict[str, str]:
    return {"session_id": session_id, "message": message}


def post_raw(client: TestClient, content: bytes | Iterator[bytes],
             headers: dict[str, str] | None = None) -> httpx.Response:
    return client.post("/api/chat", content=content,
                       headers={"content-type": "application/json", **(headers or {})})


def assert_refused(response: httpx.Response, status_code: int) -> str:
    """The refusal's plain sentence, after checking its status and shape."""
    assert response.status_code == status_code
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.endswith(".")
    assert "Traceback" not in response.text and "Error" not in detail
    return detail


@pytest.fixture
def limited(backends: Backends, knowledge_base_file: Path,
            tmp_path: Path) -> Iterator[TestClient]:
    """The real app with small rate limits, so a test reaches them in a few messages."""
    settings = Settings(rasa_url=RASA, rasa_token="secret-token", actions_url=ACTIONS,
                        knowledge_base=knowledge_base_file, casework=tmp_path / "casework.db",
                        tracker_db=tmp_path / "tracker.db", chat_per_session_per_minute=3,
                        chat_per_address_per_minute=5)
    app = create_app(settings, transport=httpx.MockTransport(backends))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


# Oversized bodies

def test_a_body_over_the_limit_is_refused_by_its_content_length(client: TestClient,
                                                                backends: Backends) -> None:
    body = json.dumps(chat_body("word " * (TOO_BIG // 5))).encode()
    assert "too much" in assert_refused(post_raw(client, body), 413)
    assert backends.received == []


def test_a_body_over_the_limit_without_a_content_length_is_refused(client: TestClient) -> None:
    chunks = (b" " * 1024 for _ in range(TOO_BIG // 1024))
    assert_refused(post_raw(client, chunks), 413)


def test_a_body_bigger_than_its_content_length_says_is_refused(client: TestClient) -> None:
    assert_refused(post_raw(client, b" " * TOO_BIG, {"content-length": "100"}), 413)


def test_the_longest_message_fits_in_the_limit_even_with_json_escapes(
        client: TestClient) -> None:
    message = ("\U0001F600" * 59 + " ") * 33                        # 1,980 characters
    body = json.dumps(chat_body(message)).encode()                  # \ud83d\ude00 each
    assert len(body) > 23_000
    assert post_raw(client, body).status_code == 200


# Invalid UTF-8, control characters, deep nesting, long words

def test_a_body_that_is_not_utf8_is_refused(client: TestClient) -> None:
    body = b'{"session_id": "session-1234", "message": "caf\xe9"}'    # Latin-1, not UTF-8
    assert assert_refused(post_raw(client, body), 422) == UNREADABLE


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x0b"])
def test_a_message_with_a_control_character_is_refused(client: TestClient, backends: Backends,
                                                       character: str) -> None:
    response = client.post("/api/chat", json=chat_body(f"my son{character} is 7"))
    assert assert_refused(response, 422) == UNREADABLE
    assert response.json()["errors"] == [{"field": "message", "problem": UNREADABLE}]
    assert backends.received == []


def test_a_message_with_half_an_emoji_is_refused(client: TestClient) -> None:
    body = b'{"session_id": "session-1234", "message": "hello \\ud83d"}'  # a lone surrogate
    assert assert_refused(post_raw(client, body), 422) == UNREADABLE


def test_tabs_and_line_breaks_are_kept(client: TestClient, backends: Backends) -> None:
    assert client.post("/api/chat", json=chat_body("Dear team,\r\n\tmy son is 7")
                       ).status_code == 200
    assert backends.received[0]["message"] == "Dear team,\r\n\tmy son is 7"


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 10_000])
def test_deeply_nested_json_is_refused(client: TestClient, depth: int) -> None:
    nested = b"[" * depth + b"]" * depth
    body = b'{"session_id": "session-1234", "message": "hi", "extra": ' + nested + b"}"
    assert "brackets" in assert_refused(post_raw(client, body), 422)


def test_brackets_inside_text_are_not_nesting(client: TestClient) -> None:
    message = "[" * 30 + ' {"a": "\\" [[ '
    assert client.post("/api/chat", json=chat_body(message)).status_code == 200


def test_json_depth_counts_brackets_outside_strings_only() -> None:
    assert json_depth(b'{"a": [1, {"b": "[[[{{"}], "c\\"[": []}') == 3
    assert json_depth(b"") == 0


def test_a_word_longer_than_60_letters_is_refused(client: TestClient) -> None:
    response = client.post("/api/chat", json=chat_body("see " + "a" * 61 + " please"))
    assert "longer than 60 letters" in assert_refused(response, 422)


def test_a_word_of_60_letters_and_a_web_address_get_through(client: TestClient) -> None:
    message = "a" * 60 + " https://localoffer.example.org/services/speech-therapy"
    assert client.post("/api/chat", json=chat_body(message)).status_code == 200


def test_the_longest_message_of_words_is_accepted_and_one_more_is_not(
        client: TestClient) -> None:
    words = ("word " * 400)[:2000]
    assert client.post("/api/chat", json=chat_body(words)).status_code == 200
    assert_refused(client.post("/api/chat", json=chat_body(words + "s")), 422)


@pytest.mark.parametrize("message", [
    "What is an EHC plan?",
    "Mae fy mab yn 7 oed — ble mae'r Cynnig Lleol? 😊",
    "my daughter's school said no\n\nwhat can I do",
    "/leave_handoff",
])
def test_ordinary_messages_still_work(client: TestClient, message: str) -> None:
    response = client.post("/api/chat", json=chat_body(message))
    assert response.status_code == 200
    assert response.json()["messages"]


def test_a_number_too_big_for_the_database_is_refused_not_a_crash(client: TestClient) -> None:
    response = client.get(f"/api/chat/{SESSION}/messages", params={"after": 2**63})
    assert_refused(response, 422)


def test_a_wrong_method_names_every_method_the_address_takes(client: TestClient) -> None:
    response = client.put("/api/staff/users")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


# Rate limits

def test_one_conversation_sending_too_fast_gets_429_with_retry_after(
        limited: TestClient) -> None:
    for _ in range(3):
        assert limited.post("/api/chat", json=chat_body("hello")).status_code == 200
    response = limited.post("/api/chat", json=chat_body("hello"))
    wait = response.headers["retry-after"]       # 3 a minute: one more in 20 seconds
    assert 15 <= int(wait) <= 20
    assert f"wait {wait} seconds" in assert_refused(response, 429)
    other = limited.post("/api/chat", json=chat_body("hello", "session-5678"))
    assert other.status_code == 200


def test_one_address_sending_too_fast_gets_429_with_retry_after(limited: TestClient) -> None:
    for n in range(5):
        response = limited.post("/api/chat", json=chat_body("hi", f"session-{n:04}"))
        assert response.status_code == 200
    response = limited.post("/api/chat", json=chat_body("hi", "session-9999"))
    wait = response.headers["retry-after"]       # 5 a minute: one more in 12 seconds
    assert 8 <= int(wait) <= 12
    assert f"wait {wait} seconds" in assert_refused(response, 429)
    assert "your network" in response.json()["detail"]


def test_the_widget_on_a_council_site_can_read_a_refusal(limited: TestClient) -> None:
    for _ in range(4):
        response = limited.post("/api/chat", headers=COUNCIL, json=chat_body("hello"))
    assert response.status_code == 429
    assert response.headers["access-control-allow-origin"] in ("*", COUNCIL["Origin"])


def test_other_routes_are_not_rate_limited(limited: TestClient) -> None:
    for _ in range(10):
        assert limited.get(f"/api/chat/{SESSION}/messages").status_code == 200


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_rate_limit_allows_a_burst_then_refills_evenly() -> None:
    clock = Clock()
    limit = RateLimit(per_minute=2, clock=clock)
    assert [limit.retry_after("a"), limit.retry_after("a"), limit.retry_after("a")] == [
        None, None, 30]
    clock.now += 29
    assert limit.retry_after("a") == 1
    clock.now += 1
    assert limit.retry_after("a") is None


def test_a_rate_limit_forgets_keys_idle_for_a_minute() -> None:
    clock = Clock()
    limit = RateLimit(per_minute=1, clock=clock)
    for key in "abc":
        limit.retry_after(key)
    clock.now += 60
    assert limit.retry_after("d") is None
    assert len(limit) == 1
    assert limit.retry_after("a") is None     # as good as new


def test_a_rate_limit_keeps_at_most_max_keys() -> None:
    limit = RateLimit(per_minute=1, clock=Clock(), max_keys=100)
    for n in range(1000):
        limit.retry_after(str(n))
    assert len(limit) == 100
