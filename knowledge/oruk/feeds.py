"""Reading an Open Referral UK source: a JSON feed file or a folder holding the CSV package.

`read_feed` recognises the shape the source comes in and returns its service records,
each with where it sits in the source, so a bad record can be reported by its place.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

V1_KEYS = frozenset({"eligibility", "eligibilitys", "service_taxonomy", "service_taxonomys",
                     "regular_schedule", "regular_schedules", "holiday_schedules", "locations"})
# Where each nested list of a service comes from in the CSV package: ORUK 3.0 file names
# first, then the ORUK 1.0 ones. Every one of these tables has a service_id column.
CSV_SERVICE_TABLES = {
    "contacts": ("contacts", "contact"), "phones": ("phones", "phone"),
    "cost_options": ("cost_options", "cost_option"),
    "schedules": ("schedules", "schedule", "regular_schedule"),
    "service_areas": ("service_areas", "service_area"), "eligibility": ("eligibility",),
    "service_taxonomy": ("service_taxonomy",), "service_at_locations": ("service_at_location",),
}


class FeedError(ValueError):
    """The import cannot start: a bad feed name, or a source that is not an ORUK feed."""


@dataclass(frozen=True)
class Feed:
    """The service records read from a source, each with where it sits in the source."""

    format: str
    records: list[tuple[str, Any]]
    note: str = ""


def read_feed(source: Path) -> Feed:
    """Read a JSON feed file or a CSV package folder; say plainly why if it is neither."""
    if source.is_dir():
        return read_csv_package(source)
    if not source.is_file():
        raise FeedError(f"{source} does not exist")
    if source.suffix.lower() == ".csv":
        raise FeedError(f"{source} is a single CSV file: give the folder that holds "
                        "services.csv and the other ORUK CSV files")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise FeedError(f"{source} is neither JSON nor a folder of ORUK CSV files, "
                        "so it is not an Open Referral UK feed") from None
    return _json_feed(data, source)


def _json_feed(data: Any, source: Path) -> Feed:
    """Recognise the JSON shapes ORUK feeds come in."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return _page(data["contents"], "ORUK 3.0 JSON, /services page",
                     data.get("page_number"), data.get("total_pages"))
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return _page(data["content"], "ORUK 1.0 JSON, /services page",
                     data.get("number"), data.get("totalPages"))
    if isinstance(data, dict) and isinstance(data.get("services"), list):
        services = _with_organizations(data["services"], data.get("organizations"))
        return Feed(f"{_version(services)} JSON export", _positions(services))
    if isinstance(data, dict) and ("id" in data or "name" in data):
        return Feed(f"{_version([data])} JSON, one service", [("the service", data)])
    if isinstance(data, list) and (not data or any(isinstance(item, dict) for item in data)):
        return Feed(f"{_version(data)} JSON, list of services", _positions(data))
    raise FeedError(f"{source} is JSON but not an Open Referral UK feed: expected a /services "
                    "page, one service, a list of services or an ORUK export")


def _page(items: list[Any], kind: str, page: Any, pages: Any) -> Feed:
    note = ""
    if isinstance(pages, int) and pages > 1:
        note = (f"this file is page {page} of {pages} of the feed: only its services are "
                "imported; import a file holding every service to get the whole directory")
    return Feed(kind, _positions(items), note)


def _positions(items: list[Any]) -> list[tuple[str, Any]]:
    return [(f"record {number}", item) for number, item in enumerate(items, 1)]


def _version(items: list[Any]) -> str:
    v1 = any(isinstance(item, dict) and V1_KEYS & set(item) for item in items)
    return "ORUK 1.0" if v1 else "ORUK 3.0"


def _with_organizations(services: list[Any], organizations: Any) -> list[Any]:
    """Attach each service's organisation, found by organization_id, when it is not nested."""
    by_id = {_text(org.get("id")): org for org in organizations or [] if isinstance(org, dict)}
    return [
        {**service, "organization": by_id[_text(service.get("organization_id"))]}
        if isinstance(service, dict) and not isinstance(service.get("organization"), dict)
        and _text(service.get("organization_id")) in by_id else service
        for service in services
    ]


def read_csv_package(folder: Path) -> Feed:
    """Read an ORUK CSV package as nested services, the same shape as `/services/{id}`."""
    tables = {path.stem: _read_csv(path) for path in sorted(folder.glob("*.csv"))}
    if "services" not in tables:
        raise FeedError(f"{folder} has no services.csv, so it is not an ORUK CSV package")
    linked = {key: _group(_table(tables, names), "service_id")
              for key, names in CSV_SERVICE_TABLES.items()}
    phones = _group(_table(tables, ("phones", "phone")), "contact_id")
    addresses = _group(_table(tables, ("addresses", "address", "physical_address")),
                       "location_id")
    locations = {row["id"]: {**row, "addresses": addresses.get(row["id"], [])}
                 for row in _table(tables, ("locations", "location"))}
    terms = {row["id"]: row for row in _table(tables, ("taxonomy_terms", "taxonomy"))}
    attributes = _group(_table(tables, ("attribute", "attributes")), "link_id")
    organizations = {row["id"]: row for row in _table(tables, ("organizations", "organization"))}
    records = []
    for number, row in enumerate(tables["services"], 1):
        sid = row.get("id") or ""
        service = {**row, **{key: rows.get(sid, []) for key, rows in linked.items()}}
        service["contacts"] = [{**c, "phones": phones.get(c.get("id"), [])}
                               for c in service["contacts"]]
        service["service_at_locations"] = [{**link, "location": locations.get(
            link.get("location_id"), {})} for link in service["service_at_locations"]]
        service["attributes"] = [{**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id"), {})}
                                 for a in attributes.get(sid, [])]
        service["service_taxonomy"] = [{**link, "taxonomy": terms.get(link.get("taxonomy_id"), {})}
                                       for link in service["service_taxonomy"]]
        service["organization"] = organizations.get(row.get("organization_id"), {})
        records.append((f"services.csv row {number}", service))
    version = "ORUK 1.0" if {"eligibility", "service_taxonomy"} & set(tables) else "ORUK 3.0"
    return Feed(f"{version} CSV package", records)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FeedError(f"{path} cannot be read as CSV ({error})") from None


def _table(tables: dict[str, list[dict[str, str]]], names: tuple[str, ...]) -> list[dict]:
    return next((tables[name] for name in names if name in tables), [])


def _group(rows: list[dict[str, str]], key: str) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row.get(key):
            grouped.setdefault(row[key], []).append(row)
    return grouped


def _text(value: Any) -> str:
    """A feed value as one line of text; "" for anything but a string or number (or a bool)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())
