"""Who is asking and their case, and which notes in the knowledge base apply to them.

Topic notes and timescales carry a `when` condition, such as
`{audience: young_person, age_from: 16}` or `{age_below: 5}`. A note applies
only when everything it asks about is known and matches: the assistant never
assumes a child's age or who is asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

AUDIENCES = ("parent", "young_person", "professional")
CONDITION_KEYS = {"audience", "age_from", "age_below", "has_plan", "setting"}


@dataclass(frozen=True)
class Situation:
    """What the person has told us, each part None until they say it."""

    audience: str | None = None
    age: int | None = None
    has_plan: bool | None = None
    setting: str | None = None


def check_condition(when: dict[str, Any], where: str) -> None:
    """Reject a condition the matcher would silently ignore (a typo in a source file)."""
    unknown = set(when) - CONDITION_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown condition {sorted(unknown)}; "
                         f"use {sorted(CONDITION_KEYS)}")
    if "audience" in when and when["audience"] not in AUDIENCES:
        raise ValueError(f"{where}: audience must be one of {AUDIENCES}")


def applies(when: dict[str, Any], situation: Situation) -> bool:
    """True when every part of the condition is known and matches.

    >>> applies({"age_below": 5}, Situation(age=4))
    True
    >>> applies({"age_below": 5}, Situation())
    False
    """
    tests = {
        "audience": lambda value: situation.audience == value,
        "age_from": lambda value: situation.age is not None and situation.age >= value,
        "age_below": lambda value: situation.age is not None and situation.age < value,
        "has_plan": lambda value: situation.has_plan is not None and situation.has_plan == value,
        "setting": lambda value: situation.setting in (value if isinstance(value, list)
                                                       else [value]),
    }
    return all(tests[key](value) for key, value in when.items())
