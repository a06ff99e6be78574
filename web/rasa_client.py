"""Talk to the Rasa server and the action server over HTTP."""

from __future__ import annotations

import time

from dataclasses import dataclass
from typing import Any

import httpx

from web.config import Settings


class RasaUnavailable(RuntimeError):
    """Rasa could not be reached or gave an unusable answer."""


@dataclass(frozen=True)
class ComponentHealth:
    ok: bool
    detail: str


class RasaClient:
    """Sends a person's message to Rasa's REST channel and checks the processes behind it."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._settings = settings
        self._http = http

    async def send(self, session_id: str, text: str,
                   metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rasa's replies to text in the conversation session_id; metadata (such as the
        page's audience) reaches the actions with the message."""
        message: dict[str, Any] = {"sender": session_id, "message": text}
        if metadata:
            message["metadata"] = metadata
        try:
            response = await self._http.post(
                f"{self._settings.rasa_url}/webhooks/rest/webhook", json=message,
                timeout=self._settings.rasa_timeout_seconds,
            )
            response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(str(error)) from error
        if not isinstance(replies, list):
            raise RasaUnavailable(f"unexpected reply from Rasa: {type(replies).__name__}")
        return replies

    async def transcript(self, session_id: str) -> list[dict[str, Any]]:
        """What was said in the conversation, in order: who said it, when, and the text."""
        tracker = await self._api("GET", f"/conversations/{session_id}/tracker")
        return [{"from": "family" if event["event"] == "user" else
                 "staff" if (event.get("metadata") or {}).get("from_staff") else "assistant",
                 "text": event.get("text") or "", "timestamp": event.get("timestamp")}
                for event in tracker.get("events") or []
                if event.get("event") in ("user", "bot") and event.get("text")]

    async def append_events(self, session_id: str, events: list[dict[str, Any]]) -> None:
        """Add events to the conversation: staff replies as bot events, a resume."""
        await self._api("POST", f"/conversations/{session_id}/tracker/events", json=events)

    async def resume(self, session_id: str, closing: dict[str, Any]) -> None:
        """Give the conversation back to the assistant after a handoff, with a closing bot
        message (its text, buttons and metadata)."""
        now = time.time()
        await self.append_events(session_id, [
            {"event": "resume", "timestamp": now},
            {"event": "bot", "timestamp": now, **closing},
            # The bot listens again: rules look for action_listen before a message.
            {"event": "action", "name": "action_listen", "timestamp": now}])

    async def _api(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """Rasa's token-protected HTTP API (on 127.0.0.1 only)."""
        try:
            response = await self._http.request(
                method, f"{self._settings.rasa_url}{path}",
                params={"token": self._settings.rasa_token},
                timeout=self._settings.rasa_timeout_seconds, **kwargs)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(str(error)) from error

    async def rasa_health(self) -> ComponentHealth:
        """Up only when Rasa answers its token-protected status with a loaded model."""
        try:
            response = await self._http.get(
                f"{self._settings.rasa_url}/status",
                params={"token": self._settings.rasa_token},
                timeout=self._settings.health_timeout_seconds,
            )
            response.raise_for_status()
            model = response.json().get("model_file")
        except (httpx.HTTPError, ValueError) as error:
            return ComponentHealth(False, f"Rasa is not answering ({type(error).__name__})")
        if not model:
            return ComponentHealth(False, "Rasa is running but has no model loaded")
        return ComponentHealth(True, f"model {model} loaded")

    async def actions_health(self) -> ComponentHealth:
        try:
            response = await self._http.get(f"{self._settings.actions_url}/health",
                                            timeout=self._settings.health_timeout_seconds)
            response.raise_for_status()
        except httpx.HTTPError as error:
            return ComponentHealth(False, f"the action server is not answering "
                                          f"({type(error).__name__})")
        return ComponentHealth(True, "the action server is up")
