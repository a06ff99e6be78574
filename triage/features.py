"""What the triage models see in a piece of text: its words, pairs of words, the
letter groups inside words (so misspellings still match) and the risk patterns it
matches. The same function at training and at run time."""

from __future__ import annotations

import re

from triage.patterns import cues_in, normalise, pattern_kinds

WORD = re.compile(r"[a-z0-9']+|[?!]")
LETTER_GROUPS = (3, 4, 5)


def letter_groups(word: str) -> set[str]:
    """Groups of 3 to 5 letters inside a word, with its edges marked.

    >>> sorted(letter_groups("cut"))[:3]
    [' cu', ' cut', ' cut ']
    """
    padded = f" {word} "
    return {padded[i:i + n] for n in LETTER_GROUPS for i in range(len(padded) - n + 1)}


def features(text: str, letters: bool = True) -> set[str]:
    """The features of a piece of text, as names ("w:" word, "b:" pair of words, "c:"
    letter group, "p:" risk pattern kind, "k:" cue)."""
    plain = normalise(text)
    words = WORD.findall(plain)
    found = {"w:" + w for w in words}
    found.update(f"b:{a} {b}" for a, b in zip(words, words[1:]))
    if letters:
        for word in set(words):
            found.update("c:" + group for group in letter_groups(word))
    found.update("p:" + kind for kind in pattern_kinds(plain))
    found.update("k:" + cue for cue in cues_in(plain))
    return found
