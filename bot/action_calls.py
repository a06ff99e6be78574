"""Rasa's calls to the action server on kept connections.

Rasa 3.6 opens a new aiohttp session, and so a new connection, for every call to the
action server (`EndpointConfig.request`), and closes it afterwards. Keeping one session
per endpoint and event loop lets calls reuse connections: in bench/load.py p95 fell from
229-258 ms to 209-216 ms. A connection left idle is closed after KEEP_IDLE_SECONDS, well
before the action server (Sanic: 5 s) would close it, so a call never goes out on a
connection the server is closing. The call's JSON (the whole conversation so far) is
written with ujson, already in Rasa's environment, in under half the time; what ujson
refuses goes to the standard library, which writes it or fails as before. Everything
else about the call is Rasa's own.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import ujson
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

KEEP_IDLE_SECONDS = 1.0

_kept: dict[tuple[int, int], tuple[EndpointConfig, aiohttp.ClientSession]] = {}


class KeptSession:
    """What `async with endpoint.session()` gets: the kept session, not closed after."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc: Any) -> None:
        return None


def to_json(body: Any) -> str:
    """The request body as JSON: what `json.dumps` gives, read back, but quicker."""
    try:
        return ujson.dumps(body, ensure_ascii=True, escape_forward_slashes=False)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(body)


def new_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's session for the endpoint (its headers, basic auth and timeout), with idle
    connections kept for KEEP_IDLE_SECONDS."""
    auth = (aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
            if endpoint.basic_auth else None)
    return aiohttp.ClientSession(
        headers=endpoint.headers, auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT), json_serialize=to_json,
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_IDLE_SECONDS))


def kept_session(endpoint: EndpointConfig) -> KeptSession:
    key = (id(asyncio.get_running_loop()), id(endpoint))
    owner, session = _kept.get(key, (None, None))
    if owner is not endpoint or session is None or session.closed:
        session = new_session(endpoint)
        _kept[key] = (endpoint, session)
    return KeptSession(session)


def install() -> None:
    EndpointConfig.session = kept_session
