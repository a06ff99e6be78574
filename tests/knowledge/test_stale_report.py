from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.query import KnowledgeBase
from knowledge.stale_report import main


def test_stale_services_are_those_checked_over_a_year_ago(kb: KnowledgeBase) -> None:
    today = dt.date(2026, 11, 28)
    stale = kb.stale_services(today)
    assert stale, "the sample Local Offer has records not checked for a year"
    assert all(today - s.last_checked > dt.timedelta(days=365) for s in stale)
    assert [s.last_checked for s in stale] == sorted(s.last_checked for s in stale)


def test_a_year_later_every_service_is_stale(kb: KnowledgeBase) -> None:
    assert len(kb.stale_services(dt.date(2028, 1, 1))) == kb.counts()["service"]


def test_report_command_lists_stale_services(knowledge_base_file: Path,
                                             capsys: pytest.CaptureFixture) -> None:
    assert main([str(knowledge_base_file), "--today", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    assert "Children's Audiology" in out
    assert "not checked for more than a year (as of 2026-11-28)" in out


def test_report_command_without_a_knowledge_base_says_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([str(tmp_path / "none.db")]) == 1
    assert "make setup" in capsys.readouterr().err
