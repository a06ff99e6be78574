"""The quicker emptiness check answers as Rasa's does."""

from __future__ import annotations

from pathlib import Path

from rasa.shared.core.domain import Domain

import bot  # noqa: F401  (installs the check, as Rasa does when it loads our components)
from bot.empty_domain import _rasa_check, is_empty

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain.yml"


def test_rasa_uses_the_quicker_check() -> None:
    assert Domain.is_empty is is_empty


def test_empty_and_full_domains_are_told_apart_as_rasa_does() -> None:
    for domain in (Domain.empty(), Domain.from_yaml("intents: [greet]"),
                   Domain.load(str(DOMAIN))):
        assert is_empty(domain) == _rasa_check(domain)
    assert is_empty(Domain.empty()) and not is_empty(Domain.load(str(DOMAIN)))
