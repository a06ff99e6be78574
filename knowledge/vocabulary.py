"""Turn the words people use into the values the knowledge base uses.

The spaCy entity ruler finds "ASD", "autistic" or "EHCP"; answers need the
canonical value ("autism", "ehc_plan") and ages as numbers. The phrases come
from `knowledge/entities.yml`, the same file the entity ruler is built from.
"""

from __future__ import annotations

import functools
import re

from knowledge.sources import load_entities

NUMBER_WORDS = {
    word: number for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two "
        "twenty-three twenty-four twenty-five".split())
}
# Age at the start of each school year in England: Reception is 4, Year 1 is 5 ... Year 13 is 17.
RECEPTION_AGE = 4


@functools.lru_cache(maxsize=1)
def _phrase_index() -> dict[str, dict[str, str]]:
    phrases = load_entities()["phrases"]
    return {
        entity: {phrase.lower(): value for value, words in values.items() for phrase in words}
        for entity, values in phrases.items()
    }


def canonical(entity: str, text: str) -> str | None:
    """The canonical value for a phrase found as entity, or None if unknown.

    >>> canonical("need", "ASD")
    'autism'
    """
    return _phrase_index().get(entity, {}).get(" ".join(text.lower().split()))


def _first_number(text: str) -> int | None:
    digits = re.search(r"\d{1,3}", text)
    if digits:
        return int(digits.group())
    for word in re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower()):
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
    return None


def parse_age(text: str) -> int | None:
    """An age in years from text such as "7-year-old", "aged seven" or "16yo".

    >>> parse_age("a 7-year-old")
    7
    """
    age = _first_number(text)
    return age if age is not None and 0 <= age <= 25 else None


def age_for_school_year(text: str) -> int | None:
    """The age a child usually is at the start of a school year ("Year 6" is 10).

    >>> age_for_school_year("yr 6")
    10
    """
    if "reception" in text.lower():
        return RECEPTION_AGE
    year = _first_number(text)
    return RECEPTION_AGE + year if year is not None and 1 <= year <= 14 else None
