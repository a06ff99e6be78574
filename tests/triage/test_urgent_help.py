"""Urgent help fitted to who is speaking, with the council's own numbers."""

from __future__ import annotations

import pytest

from knowledge.sources import load_council
from triage.urgent_help import concern_line, priority_case, urgent_help

COUNCIL = load_council()


def test_a_young_person_hears_childline_samaritans_and_999_and_is_not_in_trouble() -> None:
    text = urgent_help(COUNCIL, "young_person", "suicide")
    assert "You are not in trouble" in text
    for number in ("999", "0800 1111", "116 123"):
        assert number in text
    assert text.index("999") < text.index("0800 1111")   # the emergency comes first


def test_a_parent_hears_999_social_care_day_and_night_and_nhs_111() -> None:
    text = urgent_help(COUNCIL, "parent", "neglect")
    for words in ("999", "01632 960100", "Out of hours: 01632 960101", "NHS 111"):
        assert words in text


def test_a_parent_at_breaking_point_is_told_to_step_away_and_who_listens() -> None:
    text = urgent_help(COUNCIL, "parent", "parent_cannot_cope")
    assert "step away" in text and "116 123" in text


def test_a_professional_hears_their_own_safeguarding_duty() -> None:
    text = urgent_help(COUNCIL, "professional", "abuse_staff")
    assert "designated safeguarding lead" in text
    assert "front door for children's social care" in text and "01632 960100" in text


@pytest.mark.parametrize("kind, first", [
    ("missing_runaway", "If a child or young person is missing, call 999 now"),
    ("self_harm", "hurt, unwell or in danger right now, call 999 or go to A&E"),
    ("domestic_abuse", "in danger right now, call 999."),
])
def test_the_first_thing_to_do_fits_what_is_happening(kind: str, first: str) -> None:
    assert first in urgent_help(COUNCIL, None, kind).splitlines()[1]


def test_when_nobody_has_said_who_they_are_every_line_is_given() -> None:
    text = urgent_help(COUNCIL, None, None)
    for number in ("999", "01632 960100", "0800 1111", "116 123"):
        assert number in text


def test_a_concern_gets_one_short_safety_line_in_the_right_voice() -> None:
    assert "Childline" in concern_line(COUNCIL, "young_person")
    assert "designated safeguarding lead" in concern_line(COUNCIL, "professional")
    parent = concern_line(COUNCIL, "parent")
    assert "999" in parent and "01632 960100" in parent and parent.count(".") <= 3


def test_the_priority_case_message_gives_the_reference_and_the_teams_hours() -> None:
    text = priority_case(COUNCIL, "SEND-00042")
    assert "SEND-00042" in text and "Monday to Friday" in text
