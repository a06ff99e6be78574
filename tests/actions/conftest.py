"""Actions run against the real knowledge base built from knowledge/, with real trackers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import actions.handoff

# A Friday at 10am in the UK (the SEND team is open) and a Saturday (it is closed).
TEAM_OPEN = dt.datetime(2026, 11, 27, 10, tzinfo=dt.timezone.utc)
TEAM_CLOSED = dt.datetime(2026, 11, 28, 10, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def use_test_knowledge_base(knowledge_base_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEND_KB_PATH", str(knowledge_base_file))


@pytest.fixture(autouse=True)
def use_a_fresh_casework_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own staff store, so escalations never leak between tests."""
    path = tmp_path / "casework.db"
    monkeypatch.setenv("SEND_CASEWORK_DB", str(path))
    return path


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """Set the time the handoff actions see: clock(TEAM_OPEN) or clock(TEAM_CLOSED)."""
    def set_time(now: dt.datetime) -> None:
        monkeypatch.setattr(actions.handoff, "utc_now", lambda: now)
    return set_time
