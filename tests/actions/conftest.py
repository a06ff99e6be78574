"""Actions run against the real knowledge base built from knowledge/, with real trackers."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def use_test_knowledge_base(knowledge_base_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEND_KB_PATH", str(knowledge_base_file))


@pytest.fixture(autouse=True)
def use_a_fresh_casework_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own staff store, so escalations never leak between tests."""
    path = tmp_path / "casework.db"
    monkeypatch.setenv("SEND_CASEWORK_DB", str(path))
    return path
