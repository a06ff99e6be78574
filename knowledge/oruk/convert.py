"""Turning Open Referral UK service records into Local Offer records.

Each record becomes a service, its organisation and its category, all with ids
prefixed by the feed's name. A record that cannot honestly be imported raises
BadRecord; `convert_feed` keeps it as Skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from knowledge.oruk.feeds import Feed, _text

YOUNGEST, OLDEST = 0, 25
NOT_GIVEN = "Not given in the council's feed: contact the service to ask."
NO_PHONE = "phone number not given in the council's feed"
NO_EMAIL = "email not given in the council's feed"
NO_WEBSITE = "website not given in the council's feed"
NO_COMPLAINTS = "Not given in the council's feed: ask the service how to make a complaint."
NO_DESCRIPTION = "Not described in the council's feed."
UNNAMED_ORGANIZATION = "an organisation the council's feed does not name"
NO_LOCATION = {"name": "No location given in the council's feed",
               "address": "Not given in the council's feed", "postcode": ""}
DATE_NOTE = ("The council's feed gives no date for this service: "
             "last_checked is the day it was imported.")
DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
        "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


class BadRecord(ValueError):
    """One record cannot be imported; `kind` groups the reasons in the summary."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


@dataclass(frozen=True)
class Skipped:
    """A record left out of the import, and why."""

    where: str
    kind: str
    reason: str


@dataclass
class Conversion:
    """A feed turned into Local Offer records, with the ones that could not be."""

    services: list[dict[str, Any]] = field(default_factory=list)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomy: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


def convert_feed(feed: Feed, name: str, today: dt.date) -> Conversion:
    """Convert every record, keeping each one that cannot be imported with its reason."""
    result = Conversion()
    first_seen: dict[str, str] = {}
    for position, raw in feed.records:
        raw_id = _text(raw.get("id")) if isinstance(raw, dict) else ""
        where = f"service {raw_id} ({position})" if raw_id else position
        try:
            if raw_id in first_seen:
                raise BadRecord("duplicate id", f"its id is also used by {first_seen[raw_id]}")
            if raw_id:
                first_seen[raw_id] = position
            service, organization, term = convert_service(raw, name, today)
        except BadRecord as bad:
            result.skipped.append(Skipped(where, bad.kind, str(bad)))
            continue
        result.services.append(service)
        result.organizations.setdefault(organization["id"], organization)
        result.taxonomy.setdefault(term["id"], term)
    return result


def convert_service(raw: Any, feed: str, today: dt.date) -> tuple[dict, dict, dict]:
    """One nested ORUK service (3.0 or 1.0) as a Local Offer service, organisation and category.

    Raises BadRecord when the record cannot honestly be imported.
    """
    if not isinstance(raw, dict):
        raise BadRecord("not a service", "it is not an object describing a service")
    raw_id, name = _text(raw.get("id")), _text(raw.get("name"))
    if not raw_id:
        raise BadRecord("no id", "it has no id")
    if not name:
        raise BadRecord("no name", "it has no name")
    status = _text(raw.get("status")).lower()
    if status and status != "active":
        raise BadRecord("not active", f"its status is '{status}', not active")
    min_age, max_age, ages = age_range(raw)
    organization, term = _organization(raw, feed), _category(raw, feed)
    last_checked = _last_checked(raw)
    service = {
        "id": f"{feed}:{raw_id}", "name": name,
        "description": _text(raw.get("description")) or NO_DESCRIPTION,
        "organization": organization["id"], "category": term["id"],
        "min_age": min_age, "max_age": max_age, "eligibility": f"{ages} {_conditions(raw)}",
        "how_to_access": _how_to_access(raw), "cost": _cost(raw), "complaints": NO_COMPLAINTS,
        "accountable": _accountable(organization), "phone": _phone(raw),
        "email": _text(raw.get("email")) or organization["email"] or NO_EMAIL,
        "url": _text(raw.get("url")) or organization["url"] or NO_WEBSITE,
        "location": _location(raw), "schedule": _schedule(raw), "area": _area(raw),
        "last_checked": last_checked or today, "needs": [],
    }
    if last_checked is None:
        service["last_checked_note"] = DATE_NOTE
    return service, organization, term


def age_range(raw: dict[str, Any]) -> tuple[int, int, str]:
    """The service's ages within 0-25, and a sentence giving the feed's own ages.

    Ages come from the service, else from its eligibility records. A range that
    does not reach into 0-25 is a BadRecord: the service is not for this assistant.

    >>> age_range({"minimum_age": 12, "maximum_age": 100})
    (12, 25, "Ages 12 to 100 in the council's feed.")
    """
    low, high = _age(raw.get("minimum_age"), "minimum"), _age(raw.get("maximum_age"), "maximum")
    eligibility = _items(raw, "eligibilitys", "eligibility")
    lows = [a for e in eligibility if (a := _age(e.get("minimum_age"), "minimum")) is not None]
    highs = [a for e in eligibility if (a := _age(e.get("maximum_age"), "maximum")) is not None]
    low = low if low is not None else min(lows, default=None)
    high = high if high is not None else max(highs, default=None)
    if low is not None and high is not None and low > high:
        raise BadRecord("unreadable ages",
                        f"its minimum age ({low}) is above its maximum age ({high})")
    if low is not None and low > OLDEST:
        raise BadRecord("ages outside 0 to 25", f"it is for ages {_span(low, high)}, outside "
                        f"the {YOUNGEST} to {OLDEST} range this assistant covers")
    sentence = (f"Ages {_span(low, high)} in the council's feed." if low is not None
                else f"Up to age {high} in the council's feed." if high is not None
                else "The council's feed gives no age limits.")
    return max(low or YOUNGEST, YOUNGEST), OLDEST if high is None else min(high, OLDEST), sentence


def _age(value: Any, which: str) -> int | None:
    if value is None or value == "":
        return None
    unreadable = BadRecord("unreadable ages",
                           f"its {which} age '{value}' is not a whole number of years")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise unreadable
    try:
        number = float(value)
    except ValueError:
        raise unreadable from None
    if not number.is_integer() or number < 0:
        raise unreadable
    return int(number)


def _span(low: int, high: int | None) -> str:
    return f"{low} and over" if high is None else f"{low} to {high}"


def _organization(raw: dict[str, Any], feed: str) -> dict[str, Any]:
    """The organisation as the directory stores it: the same fields as organizations.yml."""
    org = raw.get("organization") if isinstance(raw.get("organization"), dict) else {}
    org_name = _text(org.get("name"))
    org_id = (_text(org.get("id")) or _text(raw.get("organization_id"))
              or (re.sub(r"[^a-z0-9]+", "-", org_name.lower()).strip("-") or "unnamed"))
    return {"id": f"{feed}:{org_id}", "name": org_name or UNNAMED_ORGANIZATION,
            "description": _text(org.get("description")) or NO_DESCRIPTION,
            "email": _text(org.get("email")) or None,
            "url": _text(org.get("website")) or _text(org.get("url")) or None}


def _category(raw: dict[str, Any], feed: str) -> dict[str, str]:
    """The service's first named taxonomy term, or the feed's 'uncategorised' term."""
    for link in _items(raw, "attributes", "service_taxonomys", "service_taxonomy", "taxonomy"):
        term = next((link[k] for k in ("taxonomy_term", "taxonomy")
                     if isinstance(link.get(k), dict)), link)
        term_id, term_name = _text(term.get("id")), _text(term.get("name") or term.get("term"))
        if term_id and term_name:
            sector = _text(term.get("vocabulary")) or _text(term.get("taxonomy"))
            return {"id": f"{feed}:{term_id}", "name": term_name,
                    "sector": sector or f"{feed} feed"}
    return {"id": f"{feed}:uncategorised", "name": "Uncategorised", "sector": f"{feed} feed"}


def _conditions(raw: dict[str, Any]) -> str:
    texts = [_text(e.get("eligibility") or e.get("description"))
             for e in _items(raw, "eligibilitys", "eligibility")]
    texts += [_text(raw.get("eligibility")), _text(raw.get("eligibility_description"))]
    return _sentences(texts) or "Ask the service about any other conditions."


def _how_to_access(raw: dict[str, Any]) -> str:
    if _text(raw.get("application_process")):
        return _text(raw["application_process"])
    texts = [_text(raw.get("attending_access")), _text(raw.get("attending_type"))]
    texts += [_text(s.get("attending_type")) for s in _schedules(raw)]
    found = "; ".join(dict.fromkeys(t for t in texts if t))
    return f"The council's feed says: {_sentences([found])}" if found else NOT_GIVEN


def _cost(raw: dict[str, Any]) -> str:
    options = [_cost_option(option) for option in _items(raw, "cost_options")]
    return "; ".join(o for o in options if o) or _text(raw.get("fees")) or NOT_GIVEN


def _cost_option(option: dict[str, Any]) -> str:
    try:
        amount = float(option.get("amount"))
    except (TypeError, ValueError):
        amount = None
    price = ("free" if amount == 0 else "" if amount is None
             else f"£{amount:.0f}" if amount.is_integer() else f"£{amount:.2f}")
    text = " ".join(t for t in (price, _text(option.get("amount_description"))) if t)
    text = ": ".join(t for t in (_text(option.get("option")), text) if t)
    until = _text(option.get("valid_to"))
    return f"{text} (until {until})" if text and until else text


def _accountable(organization: dict[str, Any]) -> str:
    if organization["name"] == UNNAMED_ORGANIZATION:
        return NOT_GIVEN
    return f"{organization['name']}, named in the council's feed as running this service"


def _phone(raw: dict[str, Any]) -> str:
    phones = [p for c in _items(raw, "contacts") for p in _items(c, "phones")]
    phones += _items(raw, "phones")
    numbers = [_text(p.get("number")).strip('"').strip() for p in phones]
    return next((number for number in numbers if number), NO_PHONE)


def _location(raw: dict[str, Any]) -> dict[str, str]:
    """The first place the service is offered: ORUK 3.0 nests it, ORUK 1.0 may list it."""
    locations = [link["location"] for link in _items(raw, "service_at_locations")
                 if isinstance(link.get("location"), dict) and link["location"]]
    location = next(iter(locations + _items(raw, "locations")), None)
    if location is None:
        return dict(NO_LOCATION)
    address = next(iter(_items(location, "addresses", "physical_addresses",
                               "physical_address", "address")), {})
    lines = ", ".join(_text(address.get(k)) for k in ("address_1", "address_2", "city")
                      if _text(address.get(k)))
    return {"name": _text(location.get("name")) or lines or NO_LOCATION["name"],
            "address": lines or NO_LOCATION["address"],
            "postcode": _text(address.get("postal_code"))}


def _schedules(raw: dict[str, Any]) -> list[dict[str, Any]]:
    return _items(raw, "schedules", "regular_schedules", "regular_schedule")


def _schedule(raw: dict[str, Any]) -> str:
    """Opening times as a plain description: the feed's own words, else days and hours."""
    texts = []
    for entry in _schedules(raw):
        days = ", ".join(DAYS.get(day.strip().upper(), day.strip())
                         for day in _text(entry.get("byday")).split(",") if day.strip())
        opens, closes = _text(entry.get("opens_at"))[:5], _text(entry.get("closes_at"))[:5]
        hours = f"{opens} to {closes}" if opens and closes else ""
        texts.append(_text(entry.get("description")) or ": ".join(t for t in (days, hours) if t))
    return _sentences(texts) or NOT_GIVEN


def _area(raw: dict[str, Any]) -> str:
    names = [_text(a.get("name")) or _text(a.get("service_area"))
             for a in _items(raw, "service_areas")]
    return "; ".join(dict.fromkeys(n for n in names if n)) or NOT_GIVEN


def _last_checked(raw: dict[str, Any]) -> dt.date | None:
    """The date the feed says the service was assured or last changed, if it gives one."""
    for key in ("assured_date", "last_modified"):
        try:
            return dt.date.fromisoformat(_text(raw.get(key))[:10])
        except ValueError:
            continue
    return None


def _items(record: dict[str, Any], *keys: str) -> list[dict[str, Any]]:
    """The objects under any of keys: ORUK 1.0 and 3.0 name the same lists differently."""
    found: list[dict[str, Any]] = []
    for key in keys:
        value = record.get(key)
        values = value if isinstance(value, list) else [value]
        found += [item for item in values if isinstance(item, dict)]
    return found


def _sentences(texts: list[str]) -> str:
    unique = dict.fromkeys(t for t in texts if t)
    return " ".join(t if t[-1] in ".!?" else f"{t}." for t in unique)
