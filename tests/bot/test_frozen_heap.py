"""The garbage collector is kept off what was loaded before the first message, once."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.frozen_heap import FrozenHeap


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_first_message_freezes_what_is_loaded_and_later_ones_do_not(unfrozen) -> None:
    component = FrozenHeap()
    message = Message(data={"text": "hello"})
    assert component.process([message]) == [message]
    frozen = gc.get_freeze_count()
    assert frozen > 0
    made_later = [[n] for n in range(1000)]
    component.process([Message(data={"text": "thanks"})])
    assert gc.get_freeze_count() == frozen and made_later
