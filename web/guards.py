"""Bad input stopped at the door: request bodies that are too big, not UTF-8 or nested too
deep, and chat messages sent too fast.

`InputGuard` is pure ASGI middleware: it reads the whole body before the app does (never
more than `max_body_bytes`), checks it, and gives the app the same bytes. What it refuses
gets the app's usual answer `{"detail": "<plain sentence>"}`, never a stack trace. The rules
for the message itself (control characters, very long words) are in `ChatRequest`.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web import errors
from web.config import Settings
from web.schemas import SESSION_ID_PATTERN, problems

CHAT_PATH = "/api/chat"
# Our requests nest two deep; Python's JSON parser fails with a RecursionError near 1,000.
MAX_JSON_DEPTH = 20
# Keys remembered by one rate limit at most (idle ones are forgotten long before).
MAX_KEYS = 100_000
# What any route may answer, for the OpenAPI schema: the guard's refusals, and 422s in the
# app's own shape (errors.py) rather than FastAPI's default one.
RESPONSES = problems(413, 422)

TOO_BIG = "That is too much to send at once. Please send a shorter message."
TOO_DEEP = (f"The request has more than {MAX_JSON_DEPTH} levels of brackets inside "
            "each other. Please send simpler JSON.")
SESSION = re.compile(SESSION_ID_PATTERN)
# A backslash escape (skipped whole), a quote, or a bracket: all a depth count needs.
JSON_TOKENS = re.compile(rb'\\.|["\[\]{}]', re.DOTALL)


def refuse(status_code: int, detail: str, retry_after: int | None = None) -> HTTPException:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return HTTPException(status_code=status_code, detail=detail, headers=headers)


def declared_length(scope: Scope) -> int | None:
    """The Content-Length the client gave, if it gave a number."""
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit():
            return int(value)
    return None


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes:
    """The whole body, refused as soon as it passes `limit`: by its Content-Length before
    reading, and by counting, for a client that sends no length or a wrong one."""
    declared = declared_length(scope)
    if declared is not None and declared > limit:
        raise refuse(413, TOO_BIG)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise refuse(413, TOO_BIG)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the app the body already read, then listens to the client again
    (for its disconnect)."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}
    return replayed


def json_depth(body: bytes) -> int:
    """How deeply brackets nest outside strings. One pass over the bytes, so even hostile
    input cannot make it slow or recurse."""
    depth = deepest = 0
    in_string = False
    for token in JSON_TOKENS.findall(body):
        if token == b'"':
            in_string = not in_string
        elif in_string or len(token) == 2:
            continue
        elif token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_body(body: bytes) -> None:
    """Refuse what the JSON parser would choke on: bytes that are not UTF-8, and nesting
    deep enough to exhaust it."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise refuse(422, errors.UNREADABLE) from None
    if json_depth(body) > MAX_JSON_DEPTH:
        raise refuse(422, TOO_DEEP)


def session_of(body: bytes) -> str | None:
    """The chat's session id, when the body has a well-formed one (without, it gets a 422)."""
    try:
        session_id = json.loads(body).get("session_id")
    except (ValueError, AttributeError):
        return None
    return session_id if isinstance(session_id, str) and SESSION.fullmatch(session_id) else None


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def seconds(count: int) -> str:
    return "1 second" if count == 1 else f"{count} seconds"


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimit:
    """At most `per_minute` requests per key, refilled evenly (a token bucket): a burst of
    up to `per_minute`, then one every 60/per_minute seconds. A key idle for a minute has a
    full bucket again, the same as a new one, so it is forgotten; and at most `max_keys` are
    kept, the least recently seen going first. Safe to share between threads.

        >>> limit = RateLimit(per_minute=1)
        >>> limit.retry_after("a"), limit.retry_after("a")
        (None, 60)
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_KEYS) -> None:
        if per_minute < 1:
            raise ValueError("a rate limit must allow at least 1 request a minute")
        self._capacity = float(per_minute)
        self._per_second = per_minute / 60
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, Bucket] = OrderedDict()   # least recently seen first
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many keys are remembered."""
        return len(self._buckets)

    def retry_after(self, key: str) -> int | None:
        """None when the request may go ahead (it is counted); otherwise the whole seconds
        until it may."""
        with self._lock:
            now = self._clock()
            self._forget_idle(now)
            bucket = self._buckets.pop(key, None) or Bucket(self._capacity, now)
            self._buckets[key] = bucket
            bucket.tokens = min(self._capacity,
                                bucket.tokens + (now - bucket.updated) * self._per_second)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return None
            return max(1, math.ceil((1 - bucket.tokens) / self._per_second))

    def _forget_idle(self, now: float) -> None:
        while self._buckets:
            oldest = next(iter(self._buckets.values()))
            if now - oldest.updated < 60 and len(self._buckets) < self._max_keys:
                return
            self._buckets.popitem(last=False)


class ChatRateLimits:
    """POST /api/chat per client address (anyone flooding) and per session id (one
    conversation sending faster than a person types)."""

    def __init__(self, settings: Settings) -> None:
        self.per_address = RateLimit(settings.chat_per_address_per_minute)
        self.per_session = RateLimit(settings.chat_per_session_per_minute)

    def check(self, address: str, session_id: str | None) -> None:
        wait = self.per_address.retry_after(address)
        if wait is not None:
            raise refuse(429, f"We are getting a lot of messages from your network just now. "
                              f"Please wait {seconds(wait)} and try again.", wait)
        wait = self.per_session.retry_after(session_id) if session_id else None
        if wait is not None:
            raise refuse(429, f"You are sending messages very quickly. Please wait "
                              f"{seconds(wait)}, then send your message again.", wait)


class InputGuard:
    """Pure ASGI middleware that checks every HTTP request's body, and the chat's rate
    limits, before the app sees the request."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_body_bytes = settings.max_body_bytes
        self.chat_limits = ChatRateLimits(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await read_body(scope, receive, self.max_body_bytes)
            check_body(body)
            if scope["method"] == "POST" and scope["path"] == CHAT_PATH:
                self.chat_limits.check(client_address(scope), session_of(body))
        except ClientDisconnect:
            return   # nobody is left to answer
        except HTTPException as refusal:
            response = await errors.http_error(Request(scope), refusal)
            await response(scope, receive, send)
            return
        await self.app(scope, replay(body, receive), send)

