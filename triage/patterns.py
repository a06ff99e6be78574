"""Spot messages suggesting a child or young person may be at risk of harm.

Deliberately simple and predictable: regular expressions from
`knowledge/safeguarding.yml`, matched after common misspellings are corrected.
Used by the Rasa pipeline (bot/risk_detector.py) so that such a message is
answered with urgent help whatever else it asks, and tested on varied,
indirect and misspelt messages (tests/knowledge/test_safeguarding.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from knowledge.sources import SOURCE_DIR, read_yaml


MIN_CORRECTED_LENGTH = 5


@dataclass(frozen=True)
class RiskSigns:
    corrections: frozenset[str]
    misspellings: dict[str, str]
    patterns: dict[str, list[re.Pattern[str]]]


@functools.lru_cache(maxsize=1)
def risk_signs() -> RiskSigns:
    source = read_yaml(SOURCE_DIR / "safeguarding.yml")
    return RiskSigns(
        corrections=frozenset(source["words_to_correct"]),
        misspellings=dict(source["misspellings"]),
        patterns={kind: [re.compile(p) for p in patterns]
                  for kind, patterns in source["patterns"].items()},
    )


def _one_edit_apart(word: str, target: str) -> bool:
    """True if one letter is wrong, missing, extra, or two neighbours are swapped."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and word[diffs[0]] == target[diffs[1]]
                                   and word[diffs[1]] == target[diffs[0]])
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _corrected(word: str, signs: RiskSigns) -> str:
    if word in signs.misspellings:
        return signs.misspellings[word]
    if len(word) < MIN_CORRECTED_LENGTH or word in signs.corrections:
        return word
    return next((c for c in sorted(signs.corrections) if _one_edit_apart(word, c)), word)


def normalise(text: str, signs: RiskSigns) -> str:
    """Lower case, plain apostrophes, runs of three or more letters cut to one, and
    misspellings of the words that matter corrected ("sucidal" -> "suicidal")."""
    text = re.sub(r"(\w)\1{2,}", r"\1", text.lower().replace("\u2019", "'"))
    return " ".join(_corrected(word, signs) for word in re.findall(r"[\w']+|[^\w\s]", text))


def risk_kind(text: str) -> str | None:
    """The kind of risk a message suggests ("self_harm_or_suicide", "abuse_or_danger",
    "child_missing"), or None.

    >>> risk_kind("my son keeps saying he wants to die")
    'self_harm_or_suicide'
    """
    signs = risk_signs()
    plain = normalise(text, signs)
    for kind, patterns in signs.patterns.items():
        if any(pattern.search(plain) for pattern in patterns):
            return kind
    return None
