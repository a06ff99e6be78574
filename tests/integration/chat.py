"""Talking to the real web app the way the widget does."""

from __future__ import annotations

import uuid

import httpx


def ask(http: httpx.Client, message: str, session_id: str | None = None) -> dict:
    session_id = session_id or f"it-{uuid.uuid4().hex}"
    response = http.post("/api/chat", json={"session_id": session_id, "message": message})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["session_id"] == session_id and body["handoff"] is False
    return body


def all_text(body: dict) -> str:
    return "\n".join(message["text"] for message in body["messages"])
