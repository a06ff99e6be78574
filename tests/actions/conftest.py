"""Actions run against the real knowledge base built from knowledge/, with real trackers."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def use_test_knowledge_base(knowledge_base_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEND_KB_PATH", str(knowledge_base_file))
