"""Work out a family's statutory dates from the timescales in the knowledge base.

The rules (how long, from what, and where the rule comes from) live in
`knowledge/guides/timescales.yml`; this module only counts. Months are counted
to the same date in the later month, or to that month's last day when it is
shorter (31 January plus one month is the last day of February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from knowledge.guides import Timescale, Timescales
from knowledge.situation import Situation, applies

CHRISTMAS_START = (12, 25)
SATURDAY = 5


@dataclass(frozen=True)
class Deadline:
    """One statutory date for this family, and whether it has already gone by."""

    dates: tuple[dt.date, ...]
    rule: Timescale
    passed: bool
    moved_because: str | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    """
    >>> add_months(dt.date(2026, 1, 31), 1), add_months(dt.date(2027, 12, 31), 2)
    (datetime.date(2026, 2, 28), datetime.date(2028, 2, 29))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add(day: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "months":
        return add_months(day, amount)
    return day + dt.timedelta(days=amount * (7 if unit == "weeks" else 1))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, except the New Year bank holiday (moved to Monday at a weekend)."""
    if day.weekday() >= SATURDAY:
        return False
    new_year = dt.date(day.year, 1, 1)
    while new_year.weekday() >= SATURDAY:
        new_year += dt.timedelta(days=1)
    return day != new_year


def next_working_day(after: dt.date) -> dt.date:
    day = after + dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def holiday_shift(deadline: dt.date) -> tuple[dt.date, str | None]:
    """An appeal deadline from 25 December to 1 January moves to the next working day;
    one in August moves to the first working day of September.

    >>> holiday_shift(dt.date(2026, 12, 29))
    (datetime.date(2027, 1, 4), 'it falls between 25 December and 1 January')
    """
    if deadline.month == 8:
        return next_working_day(dt.date(deadline.year, 8, 31)), "it falls in August"
    if (deadline.month, deadline.day) >= CHRISTMAS_START or (deadline.month, deadline.day) == (1, 1):
        new_year = dt.date(deadline.year + (deadline.month == 12), 1, 1)
        return next_working_day(new_year), "it falls between 25 December and 1 January"
    return deadline, None


def deadlines(timescales: Timescales, known: dict[str, dt.date], situation: Situation,
              today: dt.date) -> list[Deadline]:
    """The dates that follow from the events we know the dates of, earliest first.

    Of the appeal deadlines (from the decision letter and from the mediation
    certificate) only the later one is given: that is the one that applies.
    """
    found, appeals = [], []
    for rule in timescales.rules:
        if rule.event not in known or not applies(rule.when, situation):
            continue
        dates = tuple(add(known[rule.event], amount, rule.unit) for amount in rule.amounts)
        if rule.appeal:
            appeals.append((dates[0], rule))
        else:
            found.append(Deadline(dates, rule, passed=dates[-1] < today))
    if appeals:
        latest, rule = max(appeals, key=lambda pair: pair[0])
        shifted, reason = holiday_shift(latest)
        found.append(Deadline((shifted,), rule, passed=shifted < today, moved_because=reason))
    return sorted(found, key=lambda deadline: deadline.dates[0])
