"""Find the dates people type: "3 March", "3rd of march 2026", "12/01/2026", "2026-01-12".

Dates are read the UK way (day before month). A date typed without a year is
taken to be the last time that day came round, as people tell us about things
that have happened; the answer says which year was assumed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.guides import Timescales

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")], start=1) for name in names}
_MONTH = "(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d|'\d\d))?"
PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)(?:/(?P<year>\d{4}|\d\d))?\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)[.-](?P<month>[01]?\d)[.-](?P<year>\d{4}|\d\d)\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?{_DAY}{_YEAR}\b", re.IGNORECASE),
]
RELATIVE = {"today": 0, "yesterday": 1}
Mention = tuple[int, int, str]


@dataclass(frozen=True)
class FoundDate:
    """A date and where it was in the text; `year_assumed` when no year was typed."""

    day: dt.date
    start: int
    end: int
    year_assumed: bool = False


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _date(match: re.Match[str], today: dt.date) -> FoundDate | None:
    parts = match.groupdict()
    month = MONTHS[parts["month_name"].lower()] if parts.get("month_name") else int(parts["month"])
    year = _year(parts.get("year"))
    try:
        day = dt.date(year or today.year, month, int(parts["day"]))
        if year is None and day > today:
            day = dt.date(today.year - 1, month, int(parts["day"]))
    except ValueError:  # 31 February, or 29 February in a year without one
        return None
    return FoundDate(day, match.start(), match.end(), year_assumed=year is None)


def dates_in(text: str, today: dt.date) -> list[FoundDate]:
    """Every date in text, in the order typed.

    >>> [f.day.isoformat() for f in dates_in("letter dated 1 Oct 2026, cert 29/11/2026",
    ...                                      dt.date(2026, 12, 1))]
    ['2026-10-01', '2026-11-29']
    """
    found: list[FoundDate] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            date = _date(match, today)
            if date:
                found.append(date)
    for word, days_ago in RELATIVE.items():
        for match in re.finditer(rf"\b{word}\b", text, re.IGNORECASE):
            found.append(FoundDate(today - dt.timedelta(days=days_ago), match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def event_mentions(text: str, timescales: Timescales) -> list[Mention]:
    """Where each event is mentioned: (start, end, event key); the longest phrase wins.

    >>> [m[2] for m in event_mentions("decision letter then the certificate", kb.timescales())]
    ['decision_letter', 'mediation_certificate']
    """
    lowered = text.lower()
    candidates = sorted(((m.start(), m.end(), event.key)
                         for event in timescales.events for word in event.words
                         for m in re.finditer(rf"\b{re.escape(word)}\b", lowered)),
                        key=lambda c: c[0] - c[1])
    kept: list[Mention] = []
    for start, end, key in candidates:
        if all(end <= k[0] or start >= k[1] for k in kept):
            kept.append((start, end, key))
    return sorted(kept)
