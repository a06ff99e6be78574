"""Dates as people type them, read the UK way."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.date_text import dates_in

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("text, expected, assumed", [
    ("we asked for an assessment on 3 March", dt.date(2026, 3, 3), True),
    ("the annual review was 12/01/2026", dt.date(2026, 1, 12), False),
    ("3rd of march 2025", dt.date(2025, 3, 3), False),
    ("March 3rd", dt.date(2026, 3, 3), True),
    ("letter dated 1.9.25", dt.date(2025, 9, 1), False),
    ("2026-01-12", dt.date(2026, 1, 12), False),
    ("14/2/26", dt.date(2026, 2, 14), False),
    ("Dec 31, 2025", dt.date(2025, 12, 31), False),
    ("on 29th december", dt.date(2025, 12, 29), True),   # no year: the last 29 December
    ("29 feb 2028", dt.date(2028, 2, 29), False),
    ("today", TODAY, False),
    ("yesterday", dt.date(2026, 11, 27), False),
])
def test_dates_are_read_day_first_and_default_to_the_last_time_the_day_came(
        text: str, expected: dt.date, assumed: bool) -> None:
    [found] = dates_in(text, TODAY)
    assert (found.day, found.year_assumed) == (expected, assumed)


@pytest.mark.parametrize("text", ["31/02/2026", "29 February 2026", "16-25 year olds",
                                  "1:1 support", "year 6", "he is 7", "32 March"])
def test_things_that_are_not_dates_are_not_read_as_dates(text: str) -> None:
    assert dates_in(text, TODAY) == []


def test_several_dates_come_back_in_the_order_typed() -> None:
    found = dates_in("decision letter 1 Oct 2026 and certificate 29/11/2026", TODAY)
    assert [f.day for f in found] == [dt.date(2026, 10, 1), dt.date(2026, 11, 29)]
