"""Faults through the real processes: the action server down, Rasa down, the knowledge base
missing or corrupt, Rasa's conversation store unreadable. Each time the person gets a
plain message with the council's contact details, /healthz says what is wrong, and
everything recovers by itself when the part comes back (nothing else is restarted).
When the conversation store fails, Rasa carries on in memory (its fail-safe store), so
the person still gets answers, with a note that earlier messages may be forgotten."""

from __future__ import annotations

import shutil
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import httpx
import pytest

from ops.stack import Stack

TEAM_PHONE = "01632 960000"


def chat(http: httpx.Client, message: str = "what is an ehcp") -> httpx.Response:
    return http.post("/api/chat", json={"session_id": f"it-{uuid.uuid4().hex}",
                                        "message": message})


def health(http: httpx.Client) -> tuple[int, dict]:
    response = http.get("/healthz")
    return response.status_code, response.json()


def recovers(http: httpx.Client, check: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def answers_normally(http: httpx.Client) -> bool:
    response = chat(http)
    return response.status_code == 200 and "Where this comes from:" in response.text


@pytest.fixture
def kept_aside(stack: Stack) -> Iterator[Callable[[Path], Path]]:
    """Move a file aside for a test and always put it back."""
    moved: list[tuple[Path, Path]] = []

    def aside(path: Path) -> Path:
        backup = path.with_suffix(".aside")
        shutil.copy2(path, backup)
        moved.append((path, backup))
        return backup
    yield aside
    for path, backup in moved:
        shutil.copy2(backup, path)


@pytest.mark.parametrize("part", ["actions", "rasa"])
def test_a_process_down_gets_a_plain_message_and_recovers_when_it_is_back(
        stack: Stack, http: httpx.Client, part: str) -> None:
    stack.process(part).stop()
    try:
        response = chat(http)
        assert response.status_code == 503
        assert TEAM_PHONE in response.json()["detail"] and "Traceback" not in response.text
        status, body = health(http)
        assert status == 503 and not body[part]["ok"], body
    finally:
        stack.process(part).start()
    assert recovers(http, lambda: health(http)[0] == 200)
    assert answers_normally(http)


def remove(path: Path) -> None:
    path.unlink()


def corrupt(path: Path) -> None:
    path.write_bytes(b"this is not a database" * 100)


@pytest.mark.parametrize("breaking, reason", [(remove, "does not exist"),
                                              (corrupt, "cannot be read")],
                         ids=["missing", "corrupt"])
def test_a_broken_knowledge_base_is_said_plainly_and_picked_up_again(
        stack: Stack, http: httpx.Client, kept_aside, breaking: Callable[[Path], None],
        reason: str) -> None:
    kb = stack.config.knowledge_base
    backup = kept_aside(kb)
    breaking(kb)
    response = chat(http)
    assert response.status_code == 200
    assert "can't look that up right now" in response.text and TEAM_PHONE in response.text
    status, body = health(http)
    assert status == 503 and reason in body["knowledge_base"]["detail"]
    shutil.copy2(backup, kb)
    assert recovers(http, lambda: answers_normally(http))
    assert health(http)[0] == 200


def test_an_unreadable_conversation_store_is_said_plainly_and_recovers(
        stack: Stack, http: httpx.Client, kept_aside) -> None:
    tracker = stack.config.var_dir / "rasa/tracker.db"
    assert answers_normally(http)                # the store exists and works
    with sqlite3.connect(tracker) as store:      # its write-ahead log emptied into the file,
        store.execute("pragma wal_checkpoint(truncate)")   # as SQLite does from time to time
    backup = kept_aside(tracker)
    tracker.write_bytes(b"not a database either" * 1000)
    status, body = health(http)
    assert status == 503 and "cannot be read" in body["tracker_store"]["detail"], body
    assert body["rasa"]["ok"]                    # Rasa itself is up: the store is the fault
    response = chat(http)                        # Rasa answers from memory, and we say so
    assert response.status_code == 200
    notice = response.json()["messages"][-1]["text"]
    assert notice.startswith("I can't save our conversation just now") and TEAM_PHONE in notice
    shutil.copy2(backup, tracker)
    assert recovers(http, lambda: health(http)[0] == 200)
    assert recovers(http, lambda: "can't save" not in chat(http).text, seconds=10)
    assert answers_normally(http)
