"""ops/python310.sh finds Python 3.10 the way a user's machine has it, or says what to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "ops" / "python310.sh"


def run(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True)


def fake_python(folder: Path, version: str) -> Path:
    """A stand-in python3.10 that reports the given version, as a wrong shim would."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "python3.10"
    major, minor = version.split(".")
    path.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'import sys; "
                    f"sys.exit(({major}, {minor}) != (3, 10))'\n")
    path.chmod(0o755)
    return path


def test_no_python310_anywhere_names_what_to_install(tmp_path: Path) -> None:
    result = run({"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1
    assert "Python 3.10 was not found" in result.stderr
    assert "pyenv install 3.10" in result.stderr


def test_a_python310_that_does_not_work_is_skipped(tmp_path: Path) -> None:
    fake_python(tmp_path / "bin", "3.11")
    result = run({"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1


def test_python310_named_by_the_user_is_used(tmp_path: Path) -> None:
    found = run(dict(os.environ)).stdout.strip()
    assert found, "this machine should have Python 3.10 (it runs Rasa)"
    result = run({"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHON310": found})
    assert result.returncode == 0 and result.stdout.strip() == found
