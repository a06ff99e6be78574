"""Signs of risk by pattern: the predictable half of the safeguarding detector.

Regular expressions from `knowledge/safeguarding.yml`, matched after common
misspellings are corrected. A match is a strong feature of the trained model
(triage/features.py) and, on its own, enough for urgent help unless the model
is sure the words are used innocently (triage/risk.py).
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
    cues: dict[str, list[re.Pattern[str]]]


@functools.lru_cache(maxsize=1)
def risk_signs() -> RiskSigns:
    source = read_yaml(SOURCE_DIR / "safeguarding.yml")
    return RiskSigns(
        corrections=frozenset(source["words_to_correct"]),
        misspellings=dict(source["misspellings"]),
        patterns=_compiled(source["patterns"]),
        cues=_compiled(source["cues"]),
    )


def _compiled(groups: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
    return {name: [re.compile(p) for p in patterns] for name, patterns in groups.items()}


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


@functools.lru_cache(maxsize=20_000)
def _corrected(word: str) -> str:
    signs = risk_signs()
    if word in signs.misspellings:
        return signs.misspellings[word]
    if len(word) < MIN_CORRECTED_LENGTH or word in signs.corrections:
        return word
    return next((c for c in sorted(signs.corrections) if _one_edit_apart(word, c)), word)


def normalise(text: str) -> str:
    """Lower case, plain apostrophes, runs of three or more letters cut to one, and
    misspellings of the words that matter corrected ("sucidal" -> "suicidal").

    >>> normalise("Sooo SUCIDAL rn")
    'so suicidal rn'
    """
    text = re.sub(r"(\w)\1{2,}", r"\1", text.lower().replace("\u2019", "'"))
    return " ".join(_corrected(word) for word in re.findall(r"[\w']+|[^\w\s]", text))


def pattern_kinds(plain: str) -> list[str]:
    """Every kind of risk whose patterns match text already normalised."""
    return [kind for kind, patterns in risk_signs().patterns.items()
            if any(pattern.search(plain) for pattern in patterns)]


def cues_in(plain: str) -> list[str]:
    """Every cue (knowledge/safeguarding.yml) seen in text already normalised: features
    for the model, never a decision by themselves."""
    return [name for name, patterns in risk_signs().cues.items()
            if any(pattern.search(plain) for pattern in patterns)]


def risk_kind(text: str) -> str | None:
    """The first kind of risk the patterns see in a message ("self_harm_or_suicide",
    "abuse_or_danger", "child_missing"), or None.

    >>> risk_kind("my son keeps saying he wants to die")
    'self_harm_or_suicide'
    """
    kinds = pattern_kinds(normalise(text))
    return kinds[0] if kinds else None
