"""Importing a council's Open Referral UK feed: every format lands in the knowledge base,
bad records are reported with their reasons, and a failed import changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from knowledge.build import build
from knowledge.oruk.command import feed_file, main
from knowledge.oruk.convert import NO_PHONE, NOT_GIVEN, BadRecord, age_range
from knowledge.oruk.feeds import read_feed
from knowledge.query import KnowledgeBase
from knowledge.sources import SERVICE_FIELDS, SOURCE_DIR, load_directory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = (Path(__file__).resolve().parents[3] / "shared" / "reference"
            / "oruk-uk-profile-3.0" / "examples")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
V1_FEED = FIXTURES / "oruk_v1_services.json"
BAD_FEED = FIXTURES / "oruk_bad_records.json"
FEED = "anyshire-feed"
COUNSELLING = "ac148810-d857-441c-9679-408f346de14b"
TALKERS = "3d1c5a8e-0b7f-4a52-9d0e-1f2a3b4c5d01"
SENSORY_CLUB = "3d1c5a8e-0b7f-4a52-9d0e-1f2a3b4c5d02"
DROP_IN = "3d1c5a8e-0b7f-4a52-9d0e-1f2a3b4c5d03"


def copy_sources(folder: Path) -> Path:
    """A copy of the knowledge sources, so nothing in the repository is changed."""
    sources = folder / "sources"
    shutil.copytree(SOURCE_DIR, sources, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return sources


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return copy_sources(tmp_path)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "knowledge.db"


def run_import(source: Path, sources: Path, db: Path, name: str = FEED) -> int:
    return main([str(source), "--name", name, "--sources", str(sources), "--db", str(db)])


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, params).fetchall()


def one(db: Path, sql: str, *params: object) -> object:
    found = rows(db, sql, *params)
    assert len(found) == 1, found
    return found[0][0]


# Each format ends up in the knowledge base -------------------------------------------------

FORMATS = [
    pytest.param(EXAMPLES / "service_list.json", "counselling anxiety depression",
                 COUNSELLING, "Community Counselling", 12, 25, NO_PHONE,
                 "Example Organization Inc.", dt.date(2005, 1, 1), id="service_list.json"),
    pytest.param(EXAMPLES / "service_full.json", "counselling eating disorders",
                 COUNSELLING, "Community Counselling", 12, 25, NO_PHONE,
                 "Example Organization Inc.", dt.date(2005, 1, 1), id="service_full.json"),
    pytest.param(EXAMPLES / "csv", "counselling difficult life events",
                 COUNSELLING, "Community Counselling", 12, 25, "+44 1234 234567",
                 "Example Organization Inc.", dt.date(2005, 1, 1), id="csv package"),
    pytest.param(V1_FEED, "toddlers slow to start talking", TALKERS, "Little Talkers Group",
                 2, 4, "01632 960501", "Anyshire Early Years Partnership", dt.date(2026, 9, 1),
                 id="oruk 1.0 export"),
]


@pytest.mark.parametrize(
    "source, words, raw_id, name, min_age, max_age, phone, organization, checked", FORMATS)
def test_each_format_lands_in_the_knowledge_base(
        sources: Path, db: Path, source: Path, words: str, raw_id: str, name: str,
        min_age: int, max_age: int, phone: str, organization: str, checked: dt.date) -> None:
    assert run_import(source, sources, db) == 0
    found = KnowledgeBase.open(db).search_services(words, age=min_age)
    assert found, f"no service found for '{words}'"
    service = found[0]
    assert (service.id, service.name) == (f"{FEED}:{raw_id}", name)
    assert (service.minimum_age, service.maximum_age) == (min_age, max_age)
    assert service.phone == phone
    assert service.organization == organization
    assert service.last_checked == checked


def test_a_full_service_keeps_its_cost_times_place_area_and_category(
        sources: Path, db: Path) -> None:
    assert run_import(EXAMPLES / "service_full.json", sources, db) == 0
    sid = f"{FEED}:{COUNSELLING}"
    assert one(db, "select option from cost_option where service_id = ?", sid) == (
        "Under 18s and Over 60s: £35 per 1 hour session (until 2022-12-31)")
    assert one(db, "select description from schedule where service_id = ?", sid).startswith(
        "The service is available from 10 am to 6pm weekdays.")
    assert rows(db, "select name, address_1, postal_code from location where id = ?",
                f"{sid}-location") == [("MyCity Civic Center", "1-30 Main Street, MyCity",
                                        "ABC 1234")]
    assert one(db, "select name from service_area where service_id = ?", sid).startswith(
        "The service is available to all residents of the MyCity area.")
    assert one(db, "select taxonomy_term_id from attribute where link_id = ?", sid) == (
        f"{FEED}:3f7b145d-84af-42d7-8fae-eaca714b02b2")
    assert "in-person or remotely" in one(db, "select how_to_access from service where id = ?",
                                          sid)


def test_the_csv_package_joins_phones_addresses_and_organisations(
        sources: Path, db: Path) -> None:
    assert run_import(EXAMPLES / "csv", sources, db) == 0
    sid = f"{FEED}:{COUNSELLING}"
    assert one(db, "select address_1 from location where id = ?", f"{sid}-location") == (
        "1-30 Main Street, MyVillage, MyCity")
    assert one(db, "select number from phone where service_id = ?", sid) == "+44 1234 234567"
    assert one(db, "select organization.email from organization join service on "
                   "service.organization_id = organization.id where service.id = ?",
               sid) == "email@example.com"
    # The example's only attribute row links to another service: this one has no category.
    assert one(db, "select taxonomy_term_id from attribute where link_id = ?", sid) == (
        f"{FEED}:uncategorised")


def test_an_oruk_1_0_feed_reads_eligibility_taxonomy_and_regular_schedules(
        sources: Path, db: Path) -> None:
    assert run_import(V1_FEED, sources, db) == 0
    club = KnowledgeBase.open(db).search_services("sensory climbing wall")[0]
    assert (club.id, club.minimum_age, club.maximum_age) == (f"{FEED}:{SENSORY_CLUB}", 14, 19)
    assert club.email == "inclusive.leisure@example.org"  # the service gives none: its org's
    assert club.fees == "Per evening: £3.50 including a drink"
    assert one(db, "select name from taxonomy_term where id = ?",
               f"{FEED}:leisure-activities") == "Leisure and activities"
    assert one(db, "select description from schedule where service_id = ?",
               f"{FEED}:{TALKERS}") == "Monday, Wednesday: 09:30 to 11:30."
    assert one(db, "select postal_code from location where id = ?",
               f"{FEED}:{TALKERS}-location") == "AN4 2WB"


def test_missing_details_are_said_plainly_not_invented(sources: Path, db: Path) -> None:
    assert run_import(V1_FEED, sources, db) == 0
    drop_in = KnowledgeBase.open(db).search_services("childcare short breaks appointment")[0]
    assert drop_in.id == f"{FEED}:{DROP_IN}"
    assert (drop_in.minimum_age, drop_in.maximum_age) == (0, 25)
    assert drop_in.fees == drop_in.how_to_access == NOT_GIVEN
    assert "not given in the council's feed" in drop_in.email
    assert drop_in.eligibility.startswith("The council's feed gives no age limits.")
    assert drop_in.last_checked == dt.datetime.now(dt.timezone.utc).date()
    written = yaml.safe_load(feed_file(sources, FEED).read_text())
    undated = [s for s in written["services"] if s["id"] == f"{FEED}:{DROP_IN}"][0]
    assert "no date" in undated["last_checked_note"]


def test_imported_services_pass_the_directory_checks_beside_the_hand_written_ones(
        sources: Path, db: Path) -> None:
    hand_written = len(load_directory(sources).services)
    assert run_import(V1_FEED, sources, db) == 0
    directory = load_directory(sources)
    assert len(directory.services) == hand_written + 3
    imported = [s for s in directory.services if s["id"].startswith(f"{FEED}:")]
    assert all(s[name] not in (None, "") for s in imported for name in SERVICE_FIELDS)
    names = [s.name for s in
             KnowledgeBase.open(db).search_services("supported internships", limit=20)]
    assert "Anyshire Supported Internships" in names


# Ages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("record, expected", [
    ({"minimum_age": 12, "maximum_age": 100}, (12, 25)),
    ({"minimum_age": "16", "maximum_age": "19.0"}, (16, 19)),
    ({}, (0, 25)),
    ({"maximum_age": 5}, (0, 5)),
    ({"minimum_age": 25}, (25, 25)),
    ({"eligibility": [{"minimum_age": 5, "maximum_age": 11}]}, (5, 11)),
    ({"eligibilitys": [{"minimum_age": 0, "maximum_age": 4}, {"minimum_age": 16}]}, (0, 4)),
    ({"minimum_age": 3, "eligibility": {"minimum_age": 10, "maximum_age": 14}}, (3, 14)),
])
def test_ages_come_from_the_service_or_its_eligibility(record: dict, expected: tuple) -> None:
    assert age_range(record)[:2] == expected


@pytest.mark.parametrize("record, reason", [
    ({"minimum_age": 30, "maximum_age": 100}, "outside the 0 to 25 range"),
    ({"eligibility": [{"minimum_age": 26}]}, "outside the 0 to 25 range"),
    ({"minimum_age": "twelve"}, "'twelve' is not a whole number"),
    ({"maximum_age": 7.5}, "'7.5' is not a whole number"),
    ({"minimum_age": -1}, "'-1' is not a whole number"),
    ({"minimum_age": True}, "is not a whole number"),
    ({"minimum_age": 18, "maximum_age": 5}, "above its maximum age"),
])
def test_ages_that_cannot_be_read_or_are_not_for_0_to_25s_are_refused(
        record: dict, reason: str) -> None:
    with pytest.raises(BadRecord, match=reason):
        age_range(record)


# Bad records ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bad_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    """Import the bad-records feed once: exit code, stdout, stderr and the database."""
    folder = tmp_path_factory.mktemp("bad")
    db, out, err = folder / "knowledge.db", io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_import(BAD_FEED, copy_sources(folder), db)
    return code, out.getvalue(), err.getvalue(), db


@pytest.mark.parametrize("line", [
    "Skipped record 2: it has no id.",
    "Skipped service no-name (record 3): it has no name.",
    "Skipped service unreadable-ages (record 4): its minimum age 'twelve' is not a whole number",
    "Skipped service ages-backwards (record 5): its minimum age (18) is above its maximum",
    "Skipped service adults-only (record 6): it is for ages 30 to 100, outside the 0 to 25",
    "Skipped service good-1 (record 7): its id is also used by record 1.",
    "Skipped service closed-service (record 8): its status is 'defunct', not active.",
    "Skipped record 9: it is not an object describing a service.",
])
def test_each_bad_record_is_reported_with_its_id_or_position_and_reason(
        bad_import: tuple[int, str, str, Path], line: str) -> None:
    assert line in bad_import[2]


def test_good_records_still_import_beside_bad_ones(
        bad_import: tuple[int, str, str, Path]) -> None:
    code, out, err, db = bad_import
    assert code == 0
    assert "Imported 1 service" in out and "skipped 8" in out
    assert "duplicate id (1)" in out and "ages outside 0 to 25 (1)" in out
    found = KnowledgeBase.open(db).search_services("brothers sisters", limit=20)
    assert [(s.id, s.phone) for s in found if s.id.startswith(f"{FEED}:")] == [
        (f"{FEED}:good-1", "01632 960601")]
    assert err.count("Skipped") == 8


def test_a_bad_csv_row_is_reported_by_its_row(sources: Path, db: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture) -> None:
    package = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", package)
    with (package / "services.csv").open("a", encoding="utf-8") as services:
        services.write(",,Nameless row,,,,active,,,3,9,,,,\n"
                       "adults-1,,Adult Gym,,,,active,,,40,99,,,,\n")
    assert run_import(package, sources, db) == 0
    err = capsys.readouterr().err
    assert "Skipped services.csv row 2: it has no id." in err
    assert "Skipped service adults-1 (services.csv row 3): it is for ages 40 to 99" in err


def test_a_feed_with_nothing_to_import_exits_1_and_changes_nothing(
        sources: Path, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    build(db, sources)
    before = db.read_bytes()
    only_bad = tmp_path / "only_bad.json"
    only_bad.write_text(json.dumps([{"id": "x", "name": "Adults", "minimum_age": 40}]))
    assert run_import(only_bad, sources, db) == 1
    assert "Skipped service x (record 1)" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert not feed_file(sources, FEED).exists()


# Re-importing and ids -------------------------------------------------------------------------

def test_reimporting_a_feed_updates_it_in_place(sources: Path, db: Path, tmp_path: Path) -> None:
    assert run_import(V1_FEED, sources, db) == 0
    first_ids = [s["id"] for s in yaml.safe_load(feed_file(sources, FEED).read_text())["services"]]
    feed = json.loads(V1_FEED.read_text())
    feed["content"][1]["description"] = "A Saturday club with trampolines for teenagers."
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(feed))
    assert run_import(changed, sources, db) == 0
    again = [s["id"] for s in yaml.safe_load(feed_file(sources, FEED).read_text())["services"]]
    assert again == first_ids
    assert one(db, "select count(*) from service where id like ?", f"{FEED}:%") == 3
    found = KnowledgeBase.open(db).search_services("trampolines", limit=20)
    assert [s.id for s in found if s.id.startswith(f"{FEED}:")] == [f"{FEED}:{SENSORY_CLUB}"]
    assert one(db, "select description from service where id = ?",
               f"{FEED}:{SENSORY_CLUB}") == "A Saturday club with trampolines for teenagers."


def test_every_id_is_prefixed_with_the_feed_name(sources: Path, db: Path) -> None:
    assert run_import(V1_FEED, sources, db) == 0
    text = feed_file(sources, FEED).read_text()
    written = yaml.safe_load(text)
    ids = [r["id"] for key in ("services", "organizations", "taxonomy") for r in written[key]]
    assert ids and all(i.startswith(f"{FEED}:") for i in ids)
    assert f"{FEED}:uncategorised" in ids
    header = text.splitlines()[:4]
    assert header[0].startswith(f"# Generated by knowledge.oruk from the '{FEED}' Open Referral")
    assert any(line.startswith("# Source: ") and str(V1_FEED) in line for line in header)
    assert any(line.startswith("# Imported at: ") for line in header)


def test_two_feeds_holding_the_same_records_do_not_clash(sources: Path, db: Path) -> None:
    assert run_import(EXAMPLES / "service_full.json", sources, db, name="feed-a") == 0
    assert run_import(EXAMPLES / "csv", sources, db, name="feed-b") == 0
    found = KnowledgeBase.open(db).search_services("counselling", limit=50)
    ids = {s.id for s in found if ":" in s.id}
    assert ids == {f"feed-a:{COUNSELLING}", f"feed-b:{COUNSELLING}"}


# Failures change nothing ------------------------------------------------------------------

def test_a_failed_import_leaves_the_feed_file_and_knowledge_base_untouched(
        sources: Path, db: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_import(V1_FEED, sources, db) == 0
    db_before, feed_before = db.read_bytes(), feed_file(sources, FEED).read_bytes()
    (sources / "topics" / "annual_review.md").write_text("no front matter here")
    capsys.readouterr()
    assert run_import(EXAMPLES / "service_full.json", sources, db) == 1
    err = capsys.readouterr().err
    assert "Not imported: the knowledge base could not be rebuilt" in err
    assert str(sources / "topics" / "annual_review.md") in err  # the real file, not a copy
    assert "Traceback" not in err
    assert db.read_bytes() == db_before
    assert feed_file(sources, FEED).read_bytes() == feed_before
    assert sorted(p.name for p in feed_file(sources, FEED).parent.iterdir()) == [f"{FEED}.yml"]


def test_a_failed_first_import_writes_no_feed_file(sources: Path, db: Path) -> None:
    build(db, sources)
    before = db.read_bytes()
    (sources / "local_offer" / "taxonomy.yml").write_text("vocabulary: [unclosed")
    assert run_import(V1_FEED, sources, db) == 1
    assert db.read_bytes() == before
    assert not feed_file(sources, FEED).exists()


def test_if_the_feed_file_cannot_be_moved_into_place_the_knowledge_base_is_restored(
        sources: Path, db: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    assert run_import(V1_FEED, sources, db) == 0
    db_before, feed_before = db.read_bytes(), feed_file(sources, FEED).read_bytes()
    real_replace = os.replace

    def replace_failing_for_the_feed_file(source: object, target: object) -> None:
        if str(source).endswith(".partial") and str(target).endswith(".yml"):
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_failing_for_the_feed_file)
    assert run_import(EXAMPLES / "csv", sources, db) == 1
    assert "could not be written (disk full)" in capsys.readouterr().err
    assert db.read_bytes() == db_before
    assert feed_file(sources, FEED).read_bytes() == feed_before
    assert sorted(p.name for p in feed_file(sources, FEED).parent.iterdir()) == [f"{FEED}.yml"]


# Refusing what is not a feed --------------------------------------------------------------

def _write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize("make_source, message", [
    (lambda tmp: _write(tmp / "notes.txt", "Opening hours: 9 to 5"), "neither JSON nor"),
    (lambda tmp: _write(tmp / "feed.json", '{"type": "FeatureCollection"}'),
     "is JSON but not an Open Referral UK feed"),
    (lambda tmp: _write(tmp / "feed.json", "42"), "is JSON but not an Open Referral UK feed"),
    (lambda tmp: _write(tmp / "feed.json", '["a", "b"]'), "is JSON but not"),
    (lambda tmp: _write(tmp / "feed.json", b"\xff\xfe\x00binary"), "neither JSON nor"),
    (lambda tmp: _write(tmp / "services.csv", "id,name\n1,A\n"), "give the folder"),
    (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "has no services.csv"),
    (lambda tmp: tmp / "missing.json", "does not exist"),
], ids=["text", "geojson", "number", "strings", "binary", "one csv", "folder", "missing"])
def test_a_source_that_is_not_a_feed_is_refused_in_one_plain_line(
        sources: Path, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
        make_source, message: str) -> None:
    assert run_import(make_source(tmp_path), sources, db) == 1
    err = capsys.readouterr().err
    assert err.startswith("Not imported: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_read_feed_names_the_format_it_detected() -> None:
    assert read_feed(EXAMPLES / "service_list.json").format == "ORUK 3.0 JSON, /services page"
    assert read_feed(EXAMPLES / "service_full.json").format == "ORUK 3.0 JSON, one service"
    assert read_feed(EXAMPLES / "csv").format == "ORUK 3.0 CSV package"
    assert read_feed(V1_FEED).format == "ORUK 1.0 JSON, /services page"
    assert read_feed(BAD_FEED).format == "ORUK 3.0 JSON, list of services"


def test_one_page_of_a_paged_feed_is_noted(sources: Path, db: Path,
                                           capsys: pytest.CaptureFixture) -> None:
    assert run_import(EXAMPLES / "service_list.json", sources, db) == 0
    assert "page 1 of 10" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["Anyshire", "anyshire_feed", "any shire", "../escape", ""])
def test_the_feed_name_must_be_a_plain_slug(sources: Path, db: Path, name: str,
                                            capsys: pytest.CaptureFixture) -> None:
    assert run_import(V1_FEED, sources, db, name=name) == 1
    assert "lower-case letters, digits and hyphens" in capsys.readouterr().err
    assert not (sources / "local_offer" / "imported").exists()


@pytest.mark.parametrize("args, code, expected", [
    ([str(EXAMPLES / "csv"), "--name", FEED], 0, "Imported 1 service"),
    ([str(FIXTURES / "missing.json"), "--name", FEED], 1, "does not exist"),
    ([str(V1_FEED), "--name", "Not A Slug"], 1, "lower-case letters"),
], ids=["imports", "missing source", "bad name"])
def test_the_command_exit_codes(tmp_path: Path, args: list[str], code: int,
                                expected: str) -> None:
    sources = copy_sources(tmp_path)
    command = [sys.executable, "-m", "knowledge.oruk", *args,
               "--sources", str(sources), "--db", str(tmp_path / "kb.db")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == code, done.stderr
    assert expected in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
