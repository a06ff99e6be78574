"""The pieces of a message the router reads one by one.

A risk buried in the middle of a long question must still count. The whole message
is read first; a long one is also read three sentences at a time, so that a few
sentences about a risk are not drowned by many about something else. (Scoring single
sentences raised more false alarms in cross-validation, as a sentence loses the words
around it that say it is innocent: "he beat me at FIFA".)
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|\s*;\s*|\s+-\s+|\s*\.{2,}\s*")
SENTENCES_A_PIECE = 3


def sentences(text: str) -> list[str]:
    """The message's sentences, split at stops, line breaks, semicolons and dashes.

    >>> sentences("He is 9. School say no - is that right?")
    ['He is 9.', 'School say no', 'is that right?']
    """
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def pieces(text: str) -> list[str]:
    """The whole message, then, if it is longer than three sentences, every run of three
    sentences in a row."""
    parts = sentences(text)
    runs = [" ".join(parts[i:i + SENTENCES_A_PIECE])
            for i in range(len(parts) - SENTENCES_A_PIECE + 1)] \
        if len(parts) > SENTENCES_A_PIECE else []
    return list(dict.fromkeys([text.strip(), *runs]))
