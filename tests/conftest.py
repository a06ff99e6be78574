"""Fixtures shared by every test environment: a real knowledge base built from the real sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.build import build
from knowledge.query import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def knowledge_base_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The knowledge base built from knowledge/ into a temporary file, once per test run."""
    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build(path)
    return path


@pytest.fixture(scope="session")
def kb(knowledge_base_file: Path) -> KnowledgeBase:
    return KnowledgeBase.open(knowledge_base_file)
