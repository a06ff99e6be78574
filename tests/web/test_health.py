from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Backends

PARTS = {"rasa", "actions", "knowledge_base", "tracker_store"}


def test_healthz_is_200_when_every_part_is_up(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert all(body[part]["ok"] for part in PARTS)


@pytest.mark.parametrize("down", ["rasa", "actions"])
def test_healthz_is_503_with_the_same_shape_when_a_process_is_down(
        client: TestClient, backends: Backends, down: str) -> None:
    setattr(backends, f"{down}_up", False)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert not body[down]["ok"] and body[down]["detail"]
    assert all(body[part]["ok"] for part in PARTS - {down, "tracker_store"})


def test_an_unreadable_conversation_store_shows_in_health_and_in_the_chat(
        client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "tracker.db").write_bytes(b"not a database" * 100)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert not body["tracker_store"]["ok"] and "cannot be read" in body["tracker_store"]["detail"]
    assert all(body[part]["ok"] for part in PARTS - {"tracker_store"})
    answer = client.post("/api/chat", json={"session_id": "forgetful-0001", "message": "hi"})
    assert answer.status_code == 200                   # Rasa carries on in memory...
    assert answer.json()["messages"][-1]["text"].startswith(
        "I can't save our conversation just now")      # ...and the person is told
    (tmp_path / "tracker.db").unlink()
    assert client.get("/healthz").status_code == 200   # not made yet is not a fault


def test_healthz_is_503_when_the_knowledge_base_file_is_missing(
        client: TestClient, tmp_path: Path) -> None:
    settings = client.app.state.settings
    client.app.state.settings = dataclasses.replace(settings, knowledge_base=tmp_path / "gone.db")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "does not exist" in response.json()["knowledge_base"]["detail"]
