"""The gate on the router, on our own held-out set (tests/routes, written by someone who
never saw the training data in data/routes): each path is chosen for most of its
messages, and ordinary messages almost never get urgent help.

The floors are where the router is today, a little below, so that a change that makes it
worse fails; docs/SAFETY.md has the figures and what is left to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.router import URGENT, router
from triage.training_data import route_examples

HELD_OUT = Path(__file__).resolve().parents[1] / "routes"
EXAMPLES = route_examples(HELD_OUT)
ROUTE_FOR_LABEL = {"vague": "clarify"}
FLOORS = {"question": 0.93, "small_talk": 0.95, "vague": 0.8, "needs_person": 0.75,
          "out_of_scope": 0.68}
MAX_URGENT_ON_ORDINARY = 0.05


@pytest.mark.parametrize("label, floor", FLOORS.items())
def test_each_path_is_chosen_for_most_of_its_held_out_messages(label: str,
                                                               floor: float) -> None:
    chosen = [e for e in EXAMPLES if e.label == label]
    wrong = [(router().decide(e.text).route, e.text) for e in chosen]
    wrong = [w for w in wrong if w[0] != ROUTE_FOR_LABEL.get(label, label)]
    assert 1 - len(wrong) / len(chosen) >= floor, wrong[:10]


def test_the_subject_or_reason_is_named_right_when_the_path_is_right() -> None:
    right = [(e, router().decide(e.text)) for e in EXAMPLES
             if e.label in ("out_of_scope", "needs_person")]
    right = [(e, d) for e, d in right if d.route == e.label]
    named = sum(d.kind == e.kind for e, d in right)
    assert named / len(right) >= 0.9


def test_ordinary_messages_almost_never_get_urgent_help() -> None:
    urgent = [e.text for e in EXAMPLES if router().decide(e.text).route == URGENT]
    assert len(urgent) / len(EXAMPLES) <= MAX_URGENT_ON_ORDINARY, urgent
