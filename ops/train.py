"""Train the Rasa model only when its inputs changed.

    python ops/train.py      (run with the Rasa environment's Python)

The model is named by the fingerprint of its inputs, so an unchanged project
reuses the saved model at once. When training is needed it runs with
`--force`: Rasa's own cache keys the spaCy pipeline by name only and would
otherwise keep features built from old entity patterns.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ops.fingerprint import MODEL_DIR, RASA_DATA, ROOT, model_path  # noqa: E402

KEEP_MODELS = 3


def prune_old_models(keep: int = KEEP_MODELS) -> None:
    models = sorted((ROOT / MODEL_DIR).glob("send-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    for old in models[:-keep]:
        old.unlink()


def main() -> int:
    target = model_path()
    if target.exists():
        target.touch()
        print(f"Model up to date: {target.relative_to(ROOT)} (inputs unchanged, not retrained)")
        return 0
    rasa = Path(sys.executable).parent / "rasa"
    command = [str(rasa), "train", "--force", "--config", "bot/config.yml",
               "--domain", "bot/domain.yml", "--data", *RASA_DATA, "--out", str(MODEL_DIR),
               "--fixed-model-name", target.name.removesuffix(".tar.gz")]
    print("Training the Rasa model (inputs changed)...", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0 or not target.exists():
        print("Training failed: see the messages above.", file=sys.stderr)
        return 1
    print(f"Model trained in {time.monotonic() - started:.0f} s: {target.relative_to(ROOT)}")
    prune_old_models()
    return 0


if __name__ == "__main__":
    sys.exit(main())
