from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Backends

PARTS = {"rasa", "actions", "knowledge_base"}


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
    assert all(body[part]["ok"] for part in PARTS - {down})


def test_healthz_is_503_when_the_knowledge_base_file_is_missing(
        client: TestClient, tmp_path: Path) -> None:
    settings = client.app.state.settings
    client.app.state.settings = dataclasses.replace(settings, knowledge_base=tmp_path / "gone.db")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "does not exist" in response.json()["knowledge_base"]["detail"]
