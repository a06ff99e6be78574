"""The command that creates staff accounts."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.staff_accounts import StaffAccounts
from casework.staff_user import main
from casework.store import CaseworkStore


def test_creates_an_account_with_the_password_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("SEND_CASEWORK_DB", str(tmp_path / "c.db"))
    monkeypatch.setenv("STAFF_PASSWORD", "a long enough password")
    assert main(["Admin@Example.org", "--role", "admin", "--name", "Priya"]) == 0
    assert "admin@example.org saved with the role admin" in capsys.readouterr().out
    _, session = StaffAccounts(CaseworkStore()).log_in("admin@example.org",
                                                       "a long enough password")
    assert (session.name, session.role) == ("Priya", "admin")


def test_a_short_password_is_refused_with_a_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("SEND_CASEWORK_DB", str(tmp_path / "c.db"))
    monkeypatch.setenv("STAFF_PASSWORD", "short")
    assert main(["a@example.org"]) == 1
    assert "Staff user not saved: The password must be at least 12" in capsys.readouterr().err
