from __future__ import annotations

import shutil
from pathlib import Path

from ops.fingerprint import MODEL_INPUTS, ROOT, model_fingerprint


def _copy_inputs(tmp_path: Path) -> Path:
    for relative in MODEL_INPUTS:
        source, target = ROOT / relative, tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy(source, target)
    (tmp_path / "var/spacy/en_send").mkdir(parents=True, exist_ok=True)
    (tmp_path / "var/spacy/en_send/patterns.jsonl").write_text('{"label": "need"}\n')
    return tmp_path


def test_fingerprint_is_stable_when_nothing_changes(tmp_path: Path) -> None:
    root = _copy_inputs(tmp_path)
    assert model_fingerprint(root) == model_fingerprint(root)


def test_changed_entity_patterns_change_the_fingerprint(tmp_path: Path) -> None:
    root = _copy_inputs(tmp_path)
    before = model_fingerprint(root)
    (root / "var/spacy/en_send/patterns.jsonl").write_text('{"label": "setting"}\n')
    assert model_fingerprint(root) != before


def test_changed_training_data_changes_the_fingerprint(tmp_path: Path) -> None:
    root = _copy_inputs(tmp_path)
    before = model_fingerprint(root)
    with (root / "data/nlu/conversation.yml").open("a") as nlu:
        nlu.write("    - hello again\n")
    assert model_fingerprint(root) != before


def test_files_outside_the_inputs_do_not_change_the_fingerprint(tmp_path: Path) -> None:
    root = _copy_inputs(tmp_path)
    before = model_fingerprint(root)
    (root / "README.md").write_text("changed")
    assert model_fingerprint(root) == before
