from __future__ import annotations

import pytest

from knowledge.vocabulary import age_for_school_year, canonical, parse_age


@pytest.mark.parametrize("entity, text, value", [
    ("need", "ASD", "autism"), ("need", "Autistic", "autism"), ("need", "ADHD", "adhd"),
    ("need", "speech and language", "speech_and_language"), ("plan", "EHCP", "ehc_plan"),
    ("plan", "education health and care plan", "ehc_plan"), ("plan", "Statement", "statement"),
    ("setting", "6th form", "sixth_form"), ("budget_option", "direct payments", "direct_payment"),
    ("budget_option", "notional budget", "notional_budget"), ("need", "unknown words", None),
])
def test_canonical_values(entity: str, text: str, value: str | None) -> None:
    assert canonical(entity, text) == value


@pytest.mark.parametrize("text, age", [
    ("7-year-old", 7), ("7 year old", 7), ("aged seven", 7), ("16yo", 16), ("age 4", 4),
    ("twenty-five years old", 25), ("99 years old", None), ("no number", None),
])
def test_parse_age(text: str, age: int | None) -> None:
    assert parse_age(text) == age


@pytest.mark.parametrize("text, age", [
    ("Year 6", 10), ("yr 9", 13), ("Y11", 15), ("reception", 4), ("year 1", 5), ("year 20", None),
])
def test_age_for_school_year(text: str, age: int | None) -> None:
    assert age_for_school_year(text) == age
