"""Statutory dates worked out from the knowledge base's timescales, on fixed dates.

Month ends, leap years and the appeal deadline's Christmas and August rules are
where a date calculator goes wrong, so each has a case here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from actions.statutory_dates import add_months, deadlines, holiday_shift, is_working_day
from knowledge.query import KnowledgeBase
from knowledge.situation import Situation

D = dt.date
TODAY = D(2026, 11, 28)


def dates_for(kb: KnowledgeBase, known: dict[str, dt.date], situation: Situation = Situation(),
              today: dt.date = TODAY) -> dict[str, tuple[dt.date, ...]]:
    """The rule's first words -> its dates, for readable assertions."""
    return {" ".join(d.rule.says.split()[:6]): d.dates
            for d in deadlines(kb.timescales(), known, situation, today)}


def test_assessment_request_gives_the_6_16_and_20_week_dates(kb: KnowledgeBase) -> None:
    found = deadlines(kb.timescales(), {"assessment_request": D(2026, 3, 3)}, Situation(), TODAY)
    assert [d.dates[0] for d in found] == [D(2026, 4, 14), D(2026, 6, 23), D(2026, 7, 21)]
    assert "carry out an assessment" in found[0].rule.says
    assert "final EHC plan" in found[2].rule.says
    assert all(d.passed for d in found)
    assert "regulations 4(1) and 5(1)" in found[0].rule.citation


def test_dates_still_to_come_are_not_marked_as_passed(kb: KnowledgeBase) -> None:
    found = deadlines(kb.timescales(), {"assessment_request": D(2026, 11, 20)}, Situation(),
                      TODAY)
    assert [d.passed for d in found] == [False, False, False]


def test_annual_review_gives_report_decision_and_next_review(kb: KnowledgeBase) -> None:
    found = deadlines(kb.timescales(), {"review_meeting": D(2026, 1, 12)}, Situation(), TODAY)
    assert [d.dates[0] for d in found] == [D(2026, 1, 26), D(2026, 2, 9), D(2027, 1, 12)]


def test_a_review_on_29_february_is_next_due_on_28_february(kb: KnowledgeBase) -> None:
    found = deadlines(kb.timescales(), {"review_meeting": D(2028, 2, 29)}, Situation(), TODAY)
    assert found[-1].dates == (D(2029, 2, 28),)


def test_under_fives_get_the_3_to_6_month_review_as_a_should(kb: KnowledgeBase) -> None:
    found = deadlines(kb.timescales(), {"final_plan": D(2026, 8, 31)}, Situation(age=4), TODAY)
    ranged = [d for d in found if len(d.dates) == 2]
    assert ranged[0].dates == (D(2026, 11, 30), D(2027, 2, 28))
    assert "should" in ranged[0].rule.says and "9.178" in ranged[0].rule.citation
    older = deadlines(kb.timescales(), {"final_plan": D(2026, 8, 31)}, Situation(age=7), TODAY)
    assert [d.dates for d in older] == [(D(2027, 8, 31),)]


def test_draft_plan_comments_are_15_days_counting_every_day(kb: KnowledgeBase) -> None:
    assert [d.dates for d in deadlines(kb.timescales(), {"draft_plan": D(2028, 2, 20)},
                                       Situation(), TODAY)] == [(D(2028, 3, 6),)]


@pytest.mark.parametrize("letter, deadline", [
    (D(2026, 10, 1), D(2026, 12, 1)),     # 2 months to the same date
    (D(2026, 12, 31), D(2027, 2, 28)),    # no 31 February: the month's last day
    (D(2027, 12, 31), D(2028, 2, 29)),    # a leap year
    (D(2026, 6, 15), D(2026, 9, 1)),      # August moves to September's first working day
    (D(2029, 6, 10), D(2029, 9, 3)),      # ... and 1 September 2029 is a Saturday
    (D(2026, 10, 27), D(2027, 1, 4)),     # 27 December moves past New Year (a Friday)
    (D(2027, 10, 27), D(2028, 1, 4)),     # New Year on a Saturday: Monday 3 January is a holiday
    (D(2022, 11, 1), D(2023, 1, 3)),      # 1 January on a Sunday: Monday 2 January is a holiday
])
def test_appeal_deadline_from_the_decision_letter(kb: KnowledgeBase, letter: dt.date,
                                                  deadline: dt.date) -> None:
    found = deadlines(kb.timescales(), {"decision_letter": letter}, Situation(), TODAY)
    assert [d.dates for d in found] == [(deadline,)]


def test_appeal_deadline_is_the_later_of_letter_and_mediation_certificate(
        kb: KnowledgeBase) -> None:
    # The worked example: letter 1 October, certificate 29 November -> 29 December,
    # which falls in the Christmas window, so the next working day in January.
    found = deadlines(kb.timescales(), {"decision_letter": D(2026, 10, 1),
                                        "mediation_certificate": D(2026, 11, 29)},
                      Situation(), TODAY)
    assert [d.dates for d in found] == [(D(2027, 1, 4),)]
    assert found[0].moved_because == "it falls between 25 December and 1 January"
    earlier_certificate = deadlines(kb.timescales(), {"decision_letter": D(2026, 10, 1),
                                                      "mediation_certificate": D(2026, 10, 5)},
                                    Situation(), TODAY)
    assert [d.dates for d in earlier_certificate] == [(D(2026, 12, 1),)]


def test_add_months_keeps_the_day_or_uses_the_last_day_of_a_short_month() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 30), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 5, 15), 12) == D(2027, 5, 15)


def test_working_days_skip_weekends_and_new_year() -> None:
    assert not is_working_day(D(2027, 1, 1))      # Friday, New Year's Day
    assert not is_working_day(D(2028, 1, 3))      # Monday, New Year moved from Saturday
    assert is_working_day(D(2028, 1, 4))
    assert not is_working_day(D(2026, 11, 28))    # Saturday


def test_deadlines_outside_the_holiday_windows_do_not_move() -> None:
    assert holiday_shift(D(2026, 12, 24)) == (D(2026, 12, 24), None)
    assert holiday_shift(D(2027, 1, 2)) == (D(2027, 1, 2), None)
    assert holiday_shift(D(2026, 7, 31)) == (D(2026, 7, 31), None)
