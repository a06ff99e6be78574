"""Out of scope: a polite no and a pointer, never a guess."""

from __future__ import annotations

import pytest

from actions.out_of_scope import ActionOutOfScope
from tests.actions.trackers import make_tracker, run_action


@pytest.mark.parametrize("text, expected", [
    ("how do i pay my council tax", "council tax"),
    ("can you help with his maths homework", "teacher"),
    ("does my son have adhd", "GP or health visitor"),
    ("can you diagnose autism", "can't diagnose"),
    ("help filling in a DLA form", "Citizens Advice"),
    ("what's the weather tomorrow", "I can only help with special educational needs"),
])
def test_out_of_scope_gets_a_pointer(text: str, expected: str) -> None:
    messages, _ = run_action(ActionOutOfScope(), make_tracker(text, "out_of_scope"))
    assert expected in messages[0]["text"]
    assert messages[0]["buttons"] == [{"title": "What can you help with?",
                                       "payload": "/bot_capabilities"}]


def test_the_diagnosis_pointer_cites_the_rule_it_states() -> None:
    messages, _ = run_action(ActionOutOfScope(), make_tracker("can u diagnose my kid",
                                                              "out_of_scope"))
    assert "You do not need a diagnosis" in messages[0]["text"]
    assert "Where this comes from: Children and Families Act 2014, section 36(8)" in \
        messages[0]["text"]
