"""The real web app, with a stand-in for the Rasa and action servers behind its HTTP client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from web.app import create_app
from web.config import Settings

RASA = "http://rasa.test"
ACTIONS = "http://actions.test"
Handler = Callable[[httpx.Request], httpx.Response]


class Backends:
    """What the stand-in Rasa and action servers answer; tests change it."""

    def __init__(self) -> None:
        self.rasa_up = True
        self.actions_up = True
        self.replies: list[dict] = [{"recipient_id": "x", "text": "Hello!"}]
        self.received: list[dict] = []
        self.appended: list[dict] = []          # events added through Rasa's HTTP API

    def __call__(self, request: httpx.Request) -> httpx.Response:
        up = self.rasa_up if request.url.host == "rasa.test" else self.actions_up
        if not up:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/webhooks/rest/webhook":
            self.received.append(json.loads(request.content))
            return httpx.Response(200, json=self.replies)
        if request.url.path == "/status":
            if request.url.params.get("token") != "secret-token":
                return httpx.Response(401, json={"message": "not authorised"})
            return httpx.Response(200, json={"model_file": "send-test.tar.gz"})
        if request.url.path.startswith("/conversations/"):
            if request.url.params.get("token") != "secret-token":
                return httpx.Response(401, json={"message": "not authorised"})
            if request.url.path.endswith("/tracker/events"):
                self.appended += json.loads(request.content)
                return httpx.Response(200, json={})
            return httpx.Response(200, json={"events": [
                {"event": "user", "text": "can I talk to someone", "timestamp": 1.0},
                {"event": "bot", "text": "I've passed this on.", "timestamp": 2.0},
                *self.appended]})
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        return httpx.Response(404)


@pytest.fixture
def backends() -> Backends:
    return Backends()


@pytest.fixture
def client(backends: Backends, knowledge_base_file: Path,
           tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(rasa_url=RASA, rasa_token="secret-token", actions_url=ACTIONS,
                        knowledge_base=knowledge_base_file, casework=tmp_path / "casework.db",
                        tracker_db=tmp_path / "tracker.db")
    app = create_app(settings, transport=httpx.MockTransport(backends))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
