"""Talking to the real web app the way the widget does."""

from __future__ import annotations

import uuid

import httpx


def ask(http: httpx.Client, message: str, session_id: str | None = None,
        handoff: bool | None = False) -> dict:
    """Send a message as the widget does; check the answer's handoff flag unless None
    (urgent risk hands over only while the SEND team is open)."""
    session_id = session_id or f"it-{uuid.uuid4().hex}"
    response = http.post("/api/chat", json={"session_id": session_id, "message": message})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["session_id"] == session_id
    assert handoff is None or body["handoff"] is handoff
    return body


def all_text(body: dict) -> str:
    return "\n".join(message["text"] for message in body["messages"])
