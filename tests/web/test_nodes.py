"""The scale-out profile in the web app: conversations spread across Rasa nodes, each
sticking to its node, and moving to another node when theirs is down."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from web.app import create_app
from web.config import Settings
from web.rasa_client import node_order

NODES = ("http://rasa-1.test", "http://rasa-2.test")
ACTIONS = ("http://actions-1.test", "http://actions-2.test")


class Nodes:
    """Two stand-in Rasa nodes, each with its action server; tests take parts down."""

    def __init__(self) -> None:
        self.down: set[str] = set()
        self.received: list[tuple[str, str]] = []      # (node host, session id)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if host in self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/webhooks/rest/webhook":
            sender = json.loads(request.content)["sender"]
            self.received.append((host, sender))
            actions_down = host.replace("rasa", "actions") in self.down
            return httpx.Response(200, json=[] if actions_down else [{"text": f"from {host}"}])
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "send.tar.gz"})
        return httpx.Response(200, json={"events": []})


@pytest.fixture
def nodes() -> Nodes:
    return Nodes()


@pytest.fixture
def client(nodes: Nodes, knowledge_base_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(rasa_url=",".join(NODES), rasa_token="t", actions_url=",".join(ACTIONS),
                        knowledge_base=knowledge_base_file, casework=tmp_path / "casework.db",
                        tracker_db=tmp_path / "tracker.db")
    with TestClient(create_app(settings, transport=httpx.MockTransport(nodes))) as client:
        yield client


def say(client: TestClient, session: str) -> str:
    response = client.post("/api/chat", json={"session_id": session, "message": "hello"})
    assert response.status_code == 200, response.text
    return response.json()["messages"][0]["text"]


def sessions(count: int) -> list[str]:
    return [f"family-{number:04d}" for number in range(count)]


def test_each_conversation_has_one_node_and_conversations_use_both() -> None:
    firsts = Counter(node_order(session, 2)[0] for session in sessions(200))
    assert set(firsts) == {0, 1} and min(firsts.values()) > 60        # roughly even
    assert all(node_order(s, 2) == node_order(s, 2) for s in sessions(20))
    assert all(sorted(node_order(s, 3)) == [0, 1, 2] for s in sessions(20))


def test_a_conversation_sticks_to_its_node(client: TestClient, nodes: Nodes) -> None:
    for session in sessions(10):
        for _ in range(3):
            say(client, session)
    hosts_per_session = {}
    for host, session in nodes.received:
        hosts_per_session.setdefault(session, set()).add(host)
    assert all(len(hosts) == 1 for hosts in hosts_per_session.values())
    assert {host for host, _ in nodes.received} == {"rasa-1.test", "rasa-2.test"}


def test_a_node_that_is_down_is_passed_over_without_sending_twice(
        client: TestClient, nodes: Nodes) -> None:
    session = next(s for s in sessions(50) if node_order(s, 2)[0] == 0)
    nodes.down.add("rasa-1.test")
    assert say(client, session) == "from rasa-2.test"
    assert nodes.received == [("rasa-2.test", session)]
    health = client.get("/healthz").json()
    assert health["rasa"]["ok"] and health["rasa"]["detail"].startswith("1 of 2 Rasa nodes up")


def test_a_node_whose_action_server_is_down_is_passed_over(
        client: TestClient, nodes: Nodes) -> None:
    session = next(s for s in sessions(50) if node_order(s, 2)[0] == 1)
    nodes.down.add("actions-2.test")
    assert say(client, session) == "from rasa-1.test"


def test_with_every_node_down_the_person_gets_the_plain_message(
        client: TestClient, nodes: Nodes) -> None:
    nodes.down.update({"rasa-1.test", "rasa-2.test"})
    response = client.post("/api/chat", json={"session_id": "family-0001", "message": "hi"})
    assert response.status_code == 503 and "01632 960000" in response.json()["detail"]
    assert client.get("/healthz").status_code == 503
