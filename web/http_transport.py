"""httpx's requests sent through aiohttp's connection pool.

The web app talks to Rasa and the action server with httpx. With many conversations at
once, httpx's own pool (httpcore) checks every kept connection's socket twice for each
request: on this 2-core machine that cost 1.5 ms of CPU per request at 20 at once,
against 0.3 ms through this transport (a small local server; in bench/load.py the web
app's CPU per turn fell from 0.56 to about 0.4 of the floor's). The client code, and
the stand-ins tests put behind it, stay httpx's. aiohttp's errors become the httpx
errors the client expects: a refused connection is still a ConnectError, so the request
never reached the node.
"""

from __future__ import annotations

import asyncio

import aiohttp
import httpx

# Closed before the servers behind (Sanic: 5 s) close an idle connection from their side.
KEEP_IDLE_SECONDS = 1.0
# aiohttp writes these itself from the URL and the body.
OWN_HEADERS = {"host", "content-length", "transfer-encoding"}


def aiohttp_timeout(request: httpx.Request) -> aiohttp.ClientTimeout:
    """httpx's connect and read timeouts for this request, in aiohttp's terms."""
    timeout = request.extensions.get("timeout") or {}
    return aiohttp.ClientTimeout(total=None, sock_connect=timeout.get("connect"),
                                 sock_read=timeout.get("read"))


def httpx_error(error: Exception, request: httpx.Request) -> httpx.TransportError:
    """The httpx error that says the same as aiohttp's."""
    message = str(error) or type(error).__name__
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(error, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message, request=request)
    if isinstance(error, asyncio.TimeoutError):       # aiohttp's read timeout is one too
        return httpx.ReadTimeout(message, request=request)
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError(message, request=request)
    return httpx.NetworkError(message, request=request)


class AiohttpTransport(httpx.AsyncBaseTransport):
    """One aiohttp session for the app's lifetime; make it inside the running loop."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(
            auto_decompress=False,    # httpx decodes the body from its headers
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_IDLE_SECONDS))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        headers = [(name.decode("latin-1"), value.decode("latin-1"))
                   for name, value in request.headers.raw
                   if name.decode("latin-1").lower() not in OWN_HEADERS]
        body = await request.aread()
        try:
            async with self._session.request(
                    request.method, str(request.url), headers=headers,
                    data=body or None, timeout=aiohttp_timeout(request),
                    allow_redirects=False) as response:
                return httpx.Response(response.status, headers=response.raw_headers,
                                      content=await response.read(), request=request)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise httpx_error(error, request) from error

    async def aclose(self) -> None:
        await self._session.close()
