"""Where the trained triage models are kept: var/triage/<name>.json (or the folder in
SEND_TRIAGE_DIR), built by `python -m triage.train`."""

from __future__ import annotations

import os
from pathlib import Path

from triage.linear_model import LinearModel

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "var" / "triage"


def model_dir() -> Path:
    return Path(os.environ.get("SEND_TRIAGE_DIR") or DEFAULT_DIR)


def model_file(name: str) -> Path:
    return model_dir() / f"{name}.json"


def load_model(name: str) -> LinearModel | None:
    """The trained model, or None if it has not been built."""
    path = model_file(name)
    return LinearModel.load(path) if path.exists() else None
