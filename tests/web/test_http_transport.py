"""httpx requests through aiohttp's pool: the same requests and answers, kept
connections, and the httpx errors the Rasa client tells apart."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web

from web.http_transport import AiohttpTransport


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def served(app: web.Application) -> AsyncIterator[str]:
    """The app on a port of its own, for the duration: its base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=AiohttpTransport())


def stand_in(seen: list[web.Request]) -> web.Application:
    async def webhook(request: web.Request) -> web.Response:
        seen.append(request)
        body = await request.json()
        return web.json_response([{"text": f"you said {body['message']}"}],
                                 headers={"X-Node": "a"})

    async def zipped(request: web.Request) -> web.Response:
        return web.Response(body=gzip.compress(b'{"ok": true}'), content_type="application/json",
                            headers={"Content-Encoding": "gzip"})

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.json_response({})

    async def hang_up(request: web.Request) -> web.Response:
        request.transport.close()
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    app.router.add_get("/zipped", zipped)
    app.router.add_get("/slow", slow)
    app.router.add_get("/hang-up", hang_up)
    return app


def test_a_request_and_its_answer_arrive_whole_on_one_kept_connection() -> None:
    async def run() -> None:
        seen: list[web.Request] = []
        async with served(stand_in(seen)) as url, client() as http:
            for text in ("hello", "what is an EHCP – and a “plan”?"):
                response = await http.post(f"{url}/webhook", params={"token": "t/1"},
                                           json={"message": text},
                                           headers={"X-Council": "Anyshire"})
                assert response.status_code == 200
                assert response.json() == [{"text": f"you said {text}"}]
                assert response.headers["x-node"] == "a"
        assert [r.query["token"] for r in seen] == ["t/1", "t/1"]
        assert [r.headers["X-Council"] for r in seen] == ["Anyshire"] * 2
        assert len({id(r.transport) for r in seen}) == 1
    asyncio.run(run())


def test_a_compressed_answer_is_decoded_once() -> None:
    async def run() -> None:
        async with served(stand_in([])) as url, client() as http:
            assert (await http.get(f"{url}/zipped")).json() == {"ok": True}
    asyncio.run(run())


def test_a_node_that_is_not_there_is_a_connect_error() -> None:
    async def run() -> None:
        async with client() as http:
            with pytest.raises(httpx.ConnectError):
                await http.post(f"http://127.0.0.1:{free_port()}/webhook", json={})
    asyncio.run(run())


def test_a_slow_answer_is_a_read_timeout_and_a_hang_up_a_transport_error() -> None:
    async def run() -> None:
        async with served(stand_in([])) as url, client() as http:
            with pytest.raises(httpx.ReadTimeout):
                await http.get(f"{url}/slow", timeout=0.2)
            with pytest.raises(httpx.TransportError) as caught:
                await http.get(f"{url}/hang-up")
            assert not isinstance(caught.value, httpx.ConnectError)
    asyncio.run(run())
