"""The fingerprint of everything a trained Rasa model depends on.

Used by ops/train.py (to train only when something changed) and ops/stack.py
(to load the model that matches the files on disk). Standard library only, as
it runs in both the Rasa and the web environments.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = Path("var/models")
SPACY_PIPELINE = Path("var/spacy/en_send")
# The spaCy pipeline is an input: Rasa caches it by name only, so a change to
# its patterns must change the fingerprint (and ops/train.py forces a retrain).
# The bot/ modules that train or featurise (bot/other_questions.py trains its own small
# model) are inputs too. Rasa's training data is data/nlu, data/rules and data/stories;
# the rest of data/ trains the triage models (triage/train.py), which Rasa loads at start.
RASA_DATA = ("data/nlu", "data/rules", "data/stories")
MODEL_INPUTS = ("bot/config.yml", "bot/domain.yml", "bot/other_questions.py",
                "bot/sentence_features.py", "bot/intent_classifier.py", *RASA_DATA,
                "requirements/rasa.lock", str(SPACY_PIPELINE))


def _files(root: Path, relative: str) -> list[Path]:
    path = root / relative
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def model_fingerprint(root: Path = ROOT) -> str:
    """A short hash of the model's input files: their paths and contents."""
    digest = hashlib.sha256()
    for relative in MODEL_INPUTS:
        for path in _files(root, relative):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:16]


def model_path(root: Path = ROOT) -> Path:
    """Where the model for the current inputs is (or will be) saved."""
    return root / MODEL_DIR / f"send-{model_fingerprint(root)}.tar.gz"
