from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from knowledge.build import build, main
from knowledge.sources import SOURCE_DIR, load_directory, load_topics

ORUK_TABLES = ["organization", "service", "location", "service_at_location", "contact", "phone",
               "cost_option", "schedule", "taxonomy_term", "attribute", "service_area",
               "eligibility"]


def test_build_counts_every_topic_and_service(tmp_path: Path) -> None:
    counts = build(tmp_path / "kb.db")
    assert counts["topic"] == len(load_topics())
    assert counts["service"] == len(load_directory().services)


@pytest.mark.parametrize("table", ORUK_TABLES)
def test_build_writes_open_referral_uk_tables(knowledge_base_file: Path, table: str) -> None:
    with sqlite3.connect(knowledge_base_file) as db:
        assert db.execute(f"select count(*) from {table}").fetchone()[0] > 0


def test_every_service_says_who_it_is_for_how_to_get_it_and_how_to_complain(
        knowledge_base_file: Path) -> None:
    with sqlite3.connect(knowledge_base_file) as db:
        rows = db.execute(
            "select service.id, eligibility.description, how_to_access, fees, complaints, "
            "accountable, assured_date from service "
            "left join eligibility on eligibility.service_id = service.id").fetchall()
    for row in rows:
        assert all(value for value in row), f"service {row[0]} is missing a field"


def _copy_sources(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCE_DIR, sources, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return sources


def test_failed_build_leaves_the_previous_knowledge_base_untouched(tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    build(db_path)
    before = db_path.read_bytes()
    sources = _copy_sources(tmp_path)
    (sources / "topics" / "annual_review.md").write_text("no front matter here")
    with pytest.raises(ValueError, match="annual_review.md"):
        build(db_path, sources)
    assert db_path.read_bytes() == before


def test_build_command_reports_a_bad_source_in_plain_words(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    sources = _copy_sources(tmp_path)
    (sources / "topics" / "local_offer.md").write_text("---\nkey: local_offer\n---\n")
    assert main([str(tmp_path / "kb.db"), "--sources", str(sources)]) == 1
    error = capsys.readouterr().err
    assert "Knowledge base not built" in error and "local_offer.md" in error
    assert not (tmp_path / "kb.db").exists()


def test_duplicate_organization_ids_are_reported_by_name(tmp_path: Path) -> None:
    sources = _copy_sources(tmp_path)
    organizations = sources / "local_offer" / "organizations.yml"
    text = organizations.read_text()
    organizations.write_text(text + text.splitlines()[-1] + "\n")
    with pytest.raises(ValueError, match="organization id .* is used twice"):
        build(tmp_path / "kb.db", sources)
    assert not (tmp_path / "kb.db.partial").exists()
