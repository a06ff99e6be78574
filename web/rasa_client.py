"""Talk to the Rasa server and the action server over HTTP."""

from __future__ import annotations

import asyncio
import time
import zlib

from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import httpx

from web.config import Settings


class RasaUnavailable(RuntimeError):
    """Rasa could not be reached or gave an unusable answer."""


class NodeUnreachable(RasaUnavailable):
    """A Rasa node refused the connection: it never got the request."""


@dataclass(frozen=True)
class ComponentHealth:
    ok: bool
    detail: str


def node_order(session_id: str, nodes: int) -> list[int]:
    """Which Rasa node serves a conversation: always the same one first (sticky, so the
    lock store rarely has to wait), then the others in turn if it is down."""
    first = zlib.crc32(session_id.encode()) % nodes
    return [(first + step) % nodes for step in range(nodes)]


class RasaClient:
    """Sends a person's message to Rasa's REST channel and checks the processes behind it.
    With several nodes (the scale-out profile) it spreads conversations across them."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._settings = settings
        self._http = http
        self._rasa = settings.rasa_nodes
        self._actions = settings.actions_nodes

    async def send(self, session_id: str, text: str,
                   metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rasa's replies to text in the conversation session_id; metadata (such as the
        page's audience) reaches the actions with the message. A node that cannot be
        reached, or whose action server is down, is passed over for the next."""
        message: dict[str, Any] = {"sender": session_id, "message": text}
        if metadata:
            message["metadata"] = metadata

        async def on_node(node: int) -> list[dict[str, Any]]:
            replies = await self._webhook(self._rasa[node], message)
            if not replies and len(self._rasa) > 1 and not await self._actions_up(node):
                raise NodeUnreachable("its action server is down")   # nothing was answered
            return replies
        return await self._on_first_node_up(session_id, on_node)

    async def _on_first_node_up(self, session_id: str,
                                call: Callable[[int], Awaitable[Any]]) -> Any:
        """call(node) on the conversation's node, or on the next if it is unreachable."""
        order = node_order(session_id, len(self._rasa))
        for node in order[:-1]:
            try:
                return await call(node)
            except NodeUnreachable:
                continue
        return await call(order[-1])

    async def _webhook(self, rasa_url: str, message: dict[str, Any]) -> list[dict[str, Any]]:
        replies = await self._request("POST", f"{rasa_url}/webhooks/rest/webhook", json=message)
        if not isinstance(replies, list):
            raise RasaUnavailable(f"unexpected reply from Rasa: {type(replies).__name__}")
        return replies

    async def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        try:
            response = await self._http.request(method, url,
                                                timeout=self._settings.rasa_timeout_seconds,
                                                **kwargs)
            response.raise_for_status()
            return response.json()
        except httpx.ConnectError as error:
            raise NodeUnreachable(str(error)) from error
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(str(error)) from error

    async def _actions_up(self, node: int) -> bool:
        return (await self._actions_node_health(self._actions[node])).ok

    async def transcript(self, session_id: str) -> list[dict[str, Any]]:
        """What was said in the conversation, in order: who said it, when, and the text."""
        tracker = await self._api(session_id, "GET", f"/conversations/{session_id}/tracker")
        return [{"from": "family" if event["event"] == "user" else
                 "staff" if (event.get("metadata") or {}).get("from_staff") else "assistant",
                 "text": event.get("text") or "", "timestamp": event.get("timestamp")}
                for event in tracker.get("events") or []
                if event.get("event") in ("user", "bot") and event.get("text")]

    async def offered_payloads(self, session_id: str) -> set[str]:
        """The payloads of every button the assistant (or staff, closing a case) has offered
        in the conversation's current session."""
        tracker = await self._api(session_id, "GET", f"/conversations/{session_id}/tracker")
        offered: set[str] = set()
        for event in tracker.get("events") or []:
            if event.get("event") == "session_started":
                offered.clear()
            elif event.get("event") == "bot":
                offered.update(str(button.get("payload") or "") for button in
                               (event.get("data") or {}).get("buttons") or [])
        return offered

    async def append_events(self, session_id: str, events: list[dict[str, Any]]) -> None:
        """Add events to the conversation: staff replies as bot events, a resume."""
        await self._api(session_id, "POST", f"/conversations/{session_id}/tracker/events",
                        json=events)

    async def resume(self, session_id: str, closing: dict[str, Any]) -> None:
        """Give the conversation back to the assistant after a handoff, with a closing bot
        message (its text, buttons and metadata)."""
        now = time.time()
        await self.append_events(session_id, [
            {"event": "resume", "timestamp": now},
            {"event": "bot", "timestamp": now, **closing},
            # The bot listens again: rules look for action_listen before a message.
            {"event": "action", "name": "action_listen", "timestamp": now}])

    async def _api(self, session_id: str, method: str, path: str,
                   **kwargs: Any) -> dict[str, Any]:
        """Rasa's token-protected HTTP API (on 127.0.0.1 only), on the conversation's node."""
        return await self._on_first_node_up(session_id, lambda node: self._request(
            method, f"{self._rasa[node]}{path}", params={"token": self._settings.rasa_token},
            **kwargs))

    async def rasa_health(self) -> ComponentHealth:
        """Up when at least one Rasa node answers its token-protected status with a loaded
        model; the detail names any node that does not."""
        states = await asyncio.gather(*(self._rasa_node_health(url) for url in self._rasa))
        return _combined("Rasa", self._rasa, states)

    async def _rasa_node_health(self, url: str) -> ComponentHealth:
        try:
            response = await self._http.get(
                f"{url}/status", params={"token": self._settings.rasa_token},
                timeout=self._settings.health_timeout_seconds)
            response.raise_for_status()
            model = response.json().get("model_file")
        except (httpx.HTTPError, ValueError) as error:
            return ComponentHealth(False, f"Rasa is not answering ({type(error).__name__})")
        if not model:
            return ComponentHealth(False, "Rasa is running but has no model loaded")
        return ComponentHealth(True, f"model {model} loaded")

    async def actions_health(self) -> ComponentHealth:
        states = await asyncio.gather(*(self._actions_node_health(url)
                                        for url in self._actions))
        return _combined("action server", self._actions, states)

    async def _actions_node_health(self, url: str) -> ComponentHealth:
        try:
            response = await self._http.get(f"{url}/health",
                                            timeout=self._settings.health_timeout_seconds)
            response.raise_for_status()
        except httpx.HTTPError as error:
            return ComponentHealth(False, f"the action server is not answering "
                                          f"({type(error).__name__})")
        return ComponentHealth(True, "the action server is up")


def _combined(kind: str, urls: tuple[str, ...],
              states: list[ComponentHealth]) -> ComponentHealth:
    """One node: its own state. Several: up while any is up, naming those that are not."""
    if len(states) == 1:
        return states[0]
    down = [f"{url}: {state.detail}" for url, state in zip(urls, states) if not state.ok]
    up = len(states) - len(down)
    detail = f"{up} of {len(states)} {kind} nodes up" + (f"; {'; '.join(down)}" if down else "")
    return ComponentHealth(up > 0, detail)
