"""Take personal identifiers out of text before it is stored for analysis or logged.

Emails, phone numbers, NHS numbers, postcodes and names typed after "my son is"
or "my daughter is called" are replaced with a label in square brackets.
"""

from __future__ import annotations

import re

RULES = [
    ("[email]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[NHS number]", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
    ("[phone]", re.compile(r"(?:\+44\s?|\b0)(?:[\s-]?\d){9,10}\b")),
    ("[postcode]", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)),
]
NAME_AFTER = re.compile(
    r"\b((?i:(?:my|our)\s+(?:son|daughter|child|boy|girl|grandson|granddaughter|kid)(?:'s name)?"
    r"\s+(?:is\s+called|is\s+named|called|named|is)))\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
NOT_NAMES = {"He", "She", "They", "Autistic", "Year", "In", "At", "On", "Not", "Only", "Now",
             "Still", "Very", "Being", "Doing", "Going", "Getting", "Having"}


def redact(text: str) -> str:
    """
    >>> redact("My son is Tom, email me at a.b@example.org or 07700 900123, NR1 2AB")
    'My son is [name], email me at [email] or [phone], [postcode]'
    """
    for label, pattern in RULES:
        text = pattern.sub(label, text)
    return NAME_AFTER.sub(lambda m: m.group(0) if m.group(2).split()[0] in NOT_NAMES
                          else f"{m.group(1)} [name]", text)
