"""Is the SEND team open now, and when will it next be? From council.yml's `opening`."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo


def _local(now: dt.datetime, opening: dict[str, Any]) -> dt.datetime:
    return now.astimezone(ZoneInfo(opening["timezone"]))


def is_open(opening: dict[str, Any], now: dt.datetime) -> bool:
    """
    >>> hours = {"weekdays": [0, 1, 2, 3, 4], "opens_hour": 9, "closes_hour": 17,
    ...          "timezone": "Europe/London"}
    >>> is_open(hours, dt.datetime(2026, 11, 27, 10, tzinfo=dt.timezone.utc))   # a Friday
    True
    >>> is_open(hours, dt.datetime(2026, 11, 28, 10, tzinfo=dt.timezone.utc))   # a Saturday
    False
    """
    local = _local(now, opening)
    return (local.weekday() in opening["weekdays"]
            and opening["opens_hour"] <= local.hour < opening["closes_hour"])


def next_opening(opening: dict[str, Any], now: dt.datetime) -> dt.datetime:
    """When the team next opens (bank holidays are not known here, so not skipped)."""
    local = _local(now, opening)
    day = local.replace(hour=opening["opens_hour"], minute=0, second=0, microsecond=0)
    if local >= day:
        day += dt.timedelta(days=1)
    while day.weekday() not in opening["weekdays"]:
        day += dt.timedelta(days=1)
    return day


def when_opening(opening: dict[str, Any], now: dt.datetime) -> str:
    """Plain words for the next opening: "at 9am on Monday 30 November"."""
    day = next_opening(opening, now)
    hour = f"{day.hour % 12 or 12}{'am' if day.hour < 12 else 'pm'}"
    return f"at {hour} on {day:%A} {day.day} {day:%B}"
