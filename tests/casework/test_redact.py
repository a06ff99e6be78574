"""Personal identifiers are taken out of text before it is kept."""

from __future__ import annotations

import pytest

from casework.redact import redact


@pytest.mark.parametrize("text, expected", [
    ("email me at jo.bloggs+send@mail.example.co.uk", "email me at [email]"),
    ("call 07700 900123 or 01632 960000", "call [phone] or [phone]"),
    ("+44 7700 900123", "[phone]"),
    ("his NHS number is 943 476 5919", "his NHS number is [NHS number]"),
    ("we live at AB1 2CD", "we live at [postcode]"),
    ("my son is Oliver Smith and he is 7", "my son is [name] and he is 7"),
    ("my daughter is called Amy", "my daughter is called [name]"),
    ("My son is Autistic", "My son is Autistic"),
    ("my son is 7 and in Year 3", "my son is 7 and in Year 3"),
    ("what is an EHCP", "what is an EHCP"),
])
def test_identifiers_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected
