"""A slot copied the direct way is what Python's own copy makes: same class, same
attributes, and a change to the copy leaves the original alone."""

from __future__ import annotations

import copy
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.slots import Slot

import bot  # noqa: F401  (installs the copy, as Rasa does when it loads our components)
from bot.slot_copies import copy_slot

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain.yml"


def pythons_copy(slot: Slot) -> Slot:
    cls, args, state, *_ = slot.__reduce_ex__(4)
    made = cls(*args)
    made.__dict__.update(state)
    return made


def test_rasa_copies_slots_the_direct_way() -> None:
    assert Slot.__copy__ is copy_slot


def test_every_slot_type_of_our_domain_copies_as_python_does() -> None:
    slots = Domain.load(str(DOMAIN)).slots
    assert len({type(slot) for slot in slots}) >= 4
    for slot in slots:
        slot.value = "x"
        ours, pythons = copy.copy(slot), pythons_copy(slot)
        assert type(ours) is type(pythons) is type(slot)
        assert ours.__dict__ == pythons.__dict__ == slot.__dict__
        assert ours is not slot and ours.__dict__ is not slot.__dict__
        ours.value = "changed"
        assert slot.value == "x"
