"""Who is asking and their situation, read from what people write.

Nothing is guessed: a part stays unknown until the person says it. Rasa's
pipeline turns these into entities (bot/situation_entities.py), and the slots
they fill shape the answers (actions/who_is_asking.py).
"""

from __future__ import annotations

import functools
import re

from knowledge.query import spaced_words
from knowledge.sources import load_entities
from knowledge.vocabulary import canonical, parse_age

AUDIENCE_ORDER = ("professional", "parent", "young_person")
OWN_AGE = re.compile(r"\b(?:i'?m|i am|im|i turned|i'?ll be|i will be)\s+(?:now\s+|only\s+|just\s+)?"
                     r"(\d{1,2}|[a-z]+(?:-[a-z]+)?)\b(?!\s*(?:weeks|months|mins|minutes|%))",
                     re.IGNORECASE)
CHILD_AGE = re.compile(r"\b(?:son|daughter|child|boy|girl|kid|grandson|granddaughter|he|she)"
                       r"(?:'s|’s| is| turns| turned| will be)\s+(?:now\s+|only\s+|just\s+|nearly\s+)?"
                       r"(\d{1,2}|[a-z]+(?:-[a-z]+)?)\b(?!\s*(?:weeks|months|mins|minutes|%|hours))",
                       re.IGNORECASE)
NO_PLAN = re.compile(r"\b(?:no|not got an?|not have an?|without an?|doesn'?t have an?|does not have an?|"
                     r"hasn'?t got an?|haven'?t got an?|don'?t have an?|has no|have no|isn'?t on an?)"
                     r"\s+(?:ehcp|ehc plan|education,? health and care plan|plan|statement)\b",
                     re.IGNORECASE)
YOUNGEST_YOUNG_PERSON = 13


@functools.lru_cache(maxsize=1)
def _audience_phrases() -> dict[str, tuple[str, ...]]:
    phrases = load_entities()["audience_phrases"]
    return {audience: tuple(spaced_words(p) for p in phrases[audience])
            for audience in AUDIENCE_ORDER}


def own_age(text: str) -> int | None:
    """The writer's own age from "I'm 17", "im seventeen" or "I turned 16".

    >>> own_age("im 17 and want to go to college"), own_age("I'm worried")
    (17, None)
    """
    for match in OWN_AGE.finditer(text):
        age = parse_age(match.group(1))
        if age is not None and YOUNGEST_YOUNG_PERSON <= age:
            return age
    return None


def child_age(text: str) -> int | None:
    """A child's age from "my son is 4" or "she's nearly seven".

    >>> child_age("my son is 4 and at nursery"), child_age("she's 15 months")
    (4, None)
    """
    for match in CHILD_AGE.finditer(text):
        age = parse_age(match.group(1))
        if age is not None:
            return age
    return None


def audience_in(text: str) -> str | None:
    """Who is asking, if the text says: professional, parent or young person.

    >>> audience_in("my son is 6"), audience_in("im 17"), audience_in("I'm a SENCo")
    ('parent', 'young_person', 'professional')
    """
    said = spaced_words(text)
    for audience in AUDIENCE_ORDER:
        if any(phrase in said for phrase in _audience_phrases()[audience]):
            return audience
    return "young_person" if own_age(text) is not None else None


def has_plan_in(text: str, plans_named: list[str]) -> bool | None:
    """True if an EHC plan (or an old statement) is mentioned, False if its absence is.

    >>> has_plan_in("he doesn't have an EHCP", ["ehcp"]), has_plan_in("her ehcp", ["ehcp"])
    (False, True)
    """
    if NO_PLAN.search(text):
        return False
    named = {canonical("plan", plan) for plan in plans_named}
    return True if named & {"ehc_plan", "statement"} else None
