"""Every command the project offers is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text()


def command_modules() -> list[str]:
    """Modules that run as `python -m ...`: those with a main() guarded by __main__."""
    modules = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.parts[len(ROOT.parts)] in {"tests", ".venv", "var"}:
            continue
        text = path.read_text()
        if path.name == "__main__.py" or ("def main(" in text and "__main__" in text):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__main__" else parts))
    return sorted(set(modules) - {"ops.train", "knowledge.oruk.command"})


def make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*?)(?<!\\)$", makefile, re.MULTILINE | re.DOTALL).group(1)
    return [t for t in phony.replace("\\", " ").split() if t not in {"help", "envs", "knowledge"}]


@pytest.mark.parametrize("module", command_modules())
def test_every_python_command_is_in_the_readme(module: str) -> None:
    assert f"python -m {module}" in README


@pytest.mark.parametrize("target", make_targets())
def test_every_make_target_is_in_the_readme(target: str) -> None:
    assert f"make {target}" in README


def test_make_test_runs_every_test_folder() -> None:
    makefile = (ROOT / "Makefile").read_text()
    folders = {path.parent.relative_to(ROOT).as_posix()
               for path in (ROOT / "tests").rglob("test_*.py")}
    assert folders and all(f" {folder}" in makefile for folder in folders), folders
