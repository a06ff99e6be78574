"""Rasa's "is the domain empty?" check, with the empty domain built once.

Rasa 3.6 asks it twice for every message, before warning about intents or entities
missing from the domain, and each time builds a whole empty Domain to compare with:
a fiftieth of Rasa's time in bench/load.py's profile. The answer is the same.
"""

from __future__ import annotations

import functools
from typing import Any

from rasa.shared.core.domain import Domain

_rasa_check = Domain.is_empty


@functools.lru_cache(maxsize=1)
def empty_as_dict() -> dict[str, Any]:
    return Domain.empty().as_dict()


def is_empty(domain: Domain) -> bool:
    return domain.as_dict() == empty_as_dict()


def install() -> None:
    Domain.is_empty = is_empty
