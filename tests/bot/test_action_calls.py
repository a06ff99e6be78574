"""Rasa's calls to an HTTP endpoint reuse one connection, keep Rasa's headers, and still
get through when the server has gone and come back."""

from __future__ import annotations

import asyncio
import json
import socket

import numpy as np
import pytest
from aiohttp import web
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

import bot  # noqa: F401  (installs kept sessions, as Rasa does when it loads our components)
from bot.action_calls import KEEP_IDLE_SECONDS, kept_session, to_json


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def serve(port: int, connections: list[object], headers: list[str]) -> web.AppRunner:
    async def webhook(request: web.Request) -> web.Response:
        connections.append(request.transport)
        headers.append(request.headers.get("X-Council", ""))
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def test_calls_share_a_connection_and_keep_rasas_headers() -> None:
    async def calls() -> tuple[list[object], list[str]]:
        port, connections, headers = free_port(), [], []
        server = await serve(port, connections, headers)
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook",
                                  headers={"X-Council": "Anyshire"})
        try:
            for _ in range(3):
                assert await endpoint.request(json={"next_action": "x"}) == {
                    "events": [], "responses": []}
        finally:
            await server.cleanup()
        return connections, headers

    connections, headers = asyncio.run(calls())
    assert len(connections) == 3 and len({id(c) for c in connections}) == 1
    assert headers == ["Anyshire"] * 3


def test_a_call_gets_through_after_the_server_went_away_and_came_back() -> None:
    async def calls() -> int:
        port, connections, headers = free_port(), [], []
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        server = await serve(port, connections, headers)
        await endpoint.request(json={})
        await server.cleanup()                       # the action server stops...
        await asyncio.sleep(KEEP_IDLE_SECONDS + 0.5)
        server = await serve(port, connections, headers)     # ...and starts again
        try:
            await endpoint.request(json={})
        finally:
            await server.cleanup()
        return len(connections)

    assert asyncio.run(calls()) == 2


def test_each_endpoint_has_its_own_session() -> None:
    async def sessions() -> tuple[bool, bool]:
        first, second = EndpointConfig("http://127.0.0.1:1/a"), EndpointConfig(
            "http://127.0.0.1:1/b")
        same = kept_session(first).session is kept_session(first).session
        different = kept_session(first).session is not kept_session(second).session
        return same, different

    assert asyncio.run(sessions()) == (True, True)


def test_the_json_sent_reads_back_as_the_standard_librarys() -> None:
    tracker = DialogueStateTracker.from_events("family", [
        ActionExecuted("action_listen"),
        UserUttered("my son is 7 – what's an EHCP? /explain", {"name": "explain_ehc_plan",
                    "confidence": np.float64(0.8125)}, [{"entity": "age", "value": "7"}]),
        SlotSet("age", 7), SlotSet("topics", ["ehc_plan", "annual_review"]),
        BotUttered("An EHC plan is… “legal” 🙂", {"buttons": [{"title": "A", "payload": "/a"}]}),
        ActionExecuted("action_explain_topic")])
    body = {"next_action": "action_explain_topic", "sender_id": "family",
            "tracker": tracker.current_state(EventVerbosity.ALL), "version": "3.6.21"}
    assert json.loads(to_json(body)) == json.loads(json.dumps(body))
    with pytest.raises(TypeError, match="not JSON serializable"):   # as before: Rasa's error
        to_json({"not json": {1, 2}})
