"""The action server's one connection to the knowledge base."""

from __future__ import annotations

import os
from pathlib import Path

from knowledge.query import KnowledgeBase, KnowledgeBaseUnavailable
from knowledge.sources import load_council

# path -> (modification time, open knowledge base); reopened when the file is rebuilt.
_open: dict[Path, tuple[float, KnowledgeBase]] = {}


def knowledge_base_path() -> Path:
    return Path(os.environ.get("SEND_KB_PATH", "var/knowledge.db"))


def knowledge_base() -> KnowledgeBase:
    """The current knowledge base; raises KnowledgeBaseUnavailable if it cannot be read."""
    path = knowledge_base_path()
    try:
        modified = path.stat().st_mtime
    except OSError:
        raise KnowledgeBaseUnavailable(f"the knowledge base file {path} does not exist")
    cached = _open.get(path)
    if cached is None or cached[0] != modified:
        _open[path] = (modified, KnowledgeBase.open(path))
    return _open[path][1]


__all__ = ["council_details", "knowledge_base", "knowledge_base_path", "KnowledgeBaseUnavailable"]


def council_details() -> dict:
    """The council's contact details, from the source file if the database is unreadable."""
    try:
        return knowledge_base().council()
    except KnowledgeBaseUnavailable:
        return load_council()
