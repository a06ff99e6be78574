"""Build the SQLite knowledge base from the source files.

The Local Offer tables follow the Open Referral UK profile 3.0 (organization,
service, location, service_at_location, contact, phone, cost_option, schedule,
taxonomy_term, attribute, service_area, eligibility), so a council's own feed
fits the same shape. Topics and the council's details sit beside them.

The database is written to a temporary file and moved into place only when it
is complete: a failed build leaves the previous knowledge base untouched.

    python -m knowledge.build var/knowledge.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import sqlite_utils

from knowledge.guides import load_guides
from knowledge.sources import (SOURCE_DIR, Directory, GlossaryEntry, Policy, SourceError,
                               Topic, load_council, load_directory, load_glossary,
                               load_policies, load_topics)

DEFAULT_DB = Path("var/knowledge.db")
NEED_VOCABULARY = "send-need"


def _topic_rows(topics: list[Topic]) -> list[dict[str, Any]]:
    return [
        {
            "key": t.key, "title": t.title, "summary": t.summary,
            "young_person_summary": t.young_person_summary, "details": t.details,
            "next_steps": t.next_steps, "citations": json.dumps(t.citations),
            "service_categories": json.dumps(t.service_categories),
            "follow_ups": json.dumps([vars(f) for f in t.follow_ups]),
            "last_reviewed": t.last_reviewed.isoformat(), "owner": t.owner,
            "situation_notes": json.dumps([vars(n) for n in t.situation_notes]),
        }
        for t in topics
    ]


def _write_topics(db: sqlite_utils.Database, topics: list[Topic]) -> None:
    db["topic"].insert_all(_topic_rows(topics), pk="key")
    db["topic"].enable_fts(["title", "summary", "details"], tokenize="porter")


def _write_glossary(db: sqlite_utils.Database, glossary: list[GlossaryEntry]) -> None:
    db["glossary"].insert_all(
        ({"term": e.term, "expansion": e.expansion, "meaning": e.meaning, "topic": e.topic,
          "aliases": json.dumps(e.aliases)} for e in glossary), pk="term")
    db["glossary_name"].insert_all(
        ({"name": name.lower(), "term": e.term} for e in glossary for name in (e.term, *e.aliases)),
        pk="name", foreign_keys=[("term", "glossary", "term")])


def _write_policies(db: sqlite_utils.Database, policies: list[Policy]) -> None:
    db["policy"].insert_all(
        ({**vars(p), "last_checked": p.last_checked.isoformat()} for p in policies), pk="id")
    db["policy"].enable_fts(["title", "summary", "details"], tokenize="porter")


def _write_guides(db: sqlite_utils.Database, guides: dict[str, dict[str, Any]]) -> None:
    db["guide"].insert_all(({"name": name, "document": json.dumps(document, default=str)}
                            for name, document in guides.items()), pk="name")


def _write_taxonomy(db: sqlite_utils.Database, directory: Directory) -> None:
    terms = [
        {"id": term["id"], "name": term["name"], "vocabulary": directory.vocabulary,
         "parent_id": None, "description": term["sector"]}
        for term in directory.taxonomy
    ]
    needs = sorted({need for service in directory.services for need in service["needs"]})
    terms += [
        {"id": f"need:{need}", "name": need.replace("_", " "), "vocabulary": NEED_VOCABULARY,
         "parent_id": None, "description": "need"}
        for need in needs
    ]
    db["taxonomy_term"].insert_all(terms, pk="id")


def _service_row(service: dict[str, Any], term_names: dict[str, str]) -> dict[str, Any]:
    terms = [term_names[service["category"]]] + [n.replace("_", " ") for n in service["needs"]]
    return {
        "id": service["id"], "organization_id": service["organization"],
        "name": service["name"], "description": service["description"],
        "url": service["url"], "email": service["email"], "status": "active",
        "fees": service["cost"], "minimum_age": service["min_age"],
        "maximum_age": service["max_age"], "assured_date": str(service["last_checked"]),
        "how_to_access": service["how_to_access"], "complaints": service["complaints"],
        "accountable": service["accountable"], "category_id": service["category"],
        "terms": " ".join(terms),
    }


def _linked_rows(service: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The ORUK child records of one service, keyed by table name."""
    sid = service["id"]
    location = service["location"]
    return {
        "location": [{"id": f"{sid}-location", "name": location["name"],
                      "address_1": location["address"], "postal_code": location["postcode"]}],
        "service_at_location": [{"id": f"{sid}-at-location", "service_id": sid,
                                 "location_id": f"{sid}-location"}],
        "contact": [{"id": f"{sid}-contact", "service_id": sid, "name": service["name"],
                     "email": service["email"]}],
        "phone": [{"id": f"{sid}-phone", "service_id": sid, "number": str(service["phone"])}],
        "cost_option": [{"id": f"{sid}-cost", "service_id": sid, "option": service["cost"]}],
        "schedule": [{"id": f"{sid}-schedule", "service_id": sid,
                      "description": service["schedule"]}],
        "service_area": [{"id": f"{sid}-area", "service_id": sid, "name": service["area"]}],
        "eligibility": [{"id": f"{sid}-eligibility", "service_id": sid,
                         "minimum_age": service["min_age"], "maximum_age": service["max_age"],
                         "description": service["eligibility"]}],
        "attribute": [
            {"id": f"{sid}-{term}", "link_id": sid, "link_type": "service",
             "link_entity": "service", "taxonomy_term_id": term}
            for term in [service["category"], *(f"need:{n}" for n in service["needs"])]
        ],
    }


def _write_directory(db: sqlite_utils.Database, directory: Directory) -> None:
    db["organization"].insert_all(directory.organizations, pk="id")
    _write_taxonomy(db, directory)
    term_names = {term["id"]: term["name"] for term in directory.taxonomy}
    service_rows = [_service_row(s, term_names) for s in directory.services]
    db["service"].insert_all(service_rows, pk="id",
                             foreign_keys=[("organization_id", "organization", "id")])
    linked: dict[str, list[dict[str, Any]]] = {}
    for service in directory.services:
        for table, rows in _linked_rows(service).items():
            linked.setdefault(table, []).extend(rows)
    for table, rows in linked.items():
        db[table].insert_all(rows, pk="id", batch_size=1000)
    db["service"].enable_fts(["name", "description", "terms"], tokenize="porter")
    db["attribute"].create_index(["taxonomy_term_id", "link_id"])
    for table in ("eligibility", "phone", "contact", "schedule", "cost_option"):
        db[table].create_index(["service_id"])
    db["service_area"].create_index(["service_id", "name"])


def build(db_path: Path, source_dir: Path = SOURCE_DIR) -> dict[str, int]:
    """Build the knowledge base at db_path from source_dir; return the row counts.

    >>> build(Path("/tmp/kb.db"))["topic"] > 0
    True
    """
    topics = load_topics(source_dir)
    directory = load_directory(source_dir)
    glossary = load_glossary(source_dir)
    policies = load_policies(source_dir)
    guides = load_guides(source_dir)
    council = load_council(source_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    partial = db_path.with_name(db_path.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite_utils.Database(partial)
    try:
        _write_topics(db, topics)
        _write_directory(db, directory)
        _write_glossary(db, glossary)
        _write_policies(db, policies)
        _write_guides(db, guides)
        db["metadata"].insert_all([
            {"key": "council", "value": json.dumps(council)},
            {"key": "built_at", "value": dt.datetime.now(dt.timezone.utc).isoformat()},
        ], pk="key")
        counts = {name: db[name].count
                  for name in ("topic", "service", "organization", "glossary", "policy", "guide")}
    except BaseException:
        db.close()
        partial.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(partial, db_path)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the SEND knowledge base.")
    parser.add_argument("db", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--sources", type=Path, default=SOURCE_DIR,
                        help="folder with topics/, guides/, local_offer/ and council.yml")
    args = parser.parse_args(argv)
    try:
        counts = build(args.db, args.sources)
    except (SourceError, KeyError, TypeError, sqlite3.Error) as error:
        print(f"Knowledge base not built: {error}. The previous one is unchanged.",
              file=sys.stderr)
        return 1
    print(f"Knowledge base built at {args.db}: "
          + ", ".join(f"{count} {name} rows" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
