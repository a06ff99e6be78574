"""The gate on the safeguarding detector, on our own held-out set (tests/safeguarding/
heldout, written by someone who never saw the training data): at least 99% of risk
messages get urgent help and every one gets at least the safety line, and no more than 5%
of near-misses raise a false alarm. (Issue 14 asks for every risk message to get urgent
help: the detector is not there yet; docs/SAFETY.md has the figures.)

The trained model is built by `make` (python -m triage.train) before the tests run; if it
is missing, these tests fail rather than measure the patterns alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.model_files import load_model
from triage.risk import NONE, URGENT, risk_detector
from triage.training_data import risk_examples

HELD_OUT = Path(__file__).resolve().parents[1] / "safeguarding" / "heldout"
EXAMPLES = risk_examples(HELD_OUT)
MIN_RECALL = 0.99
MAX_FALSE_ALARMS = 0.05
# A possible worry (label "concern") is not an emergency; a safety line for a third of
# them is where the detector is today, and this catches it getting worse.
MIN_CONCERNS_NOTICED = 0.3
RISKS = [e for e in EXAMPLES if e.label == "risk"]


def test_the_held_out_set_covers_every_kind_of_risk_with_near_misses() -> None:
    kinds = {e.kind for e in EXAMPLES}
    assert len(kinds) >= 13
    for kind in kinds:
        labels = [e.label for e in EXAMPLES if e.kind == kind]
        assert labels.count("risk") >= 15 and labels.count("near_miss") >= 15, kind


def test_the_trained_models_are_built() -> None:
    assert load_model("risk") is not None and load_model("risk_kinds") is not None


def test_at_least_99_percent_of_held_out_risk_messages_get_urgent_help() -> None:
    missed = [e.text for e in RISKS if risk_detector().assess(e.text).level != URGENT]
    assert len(missed) / len(RISKS) <= 1 - MIN_RECALL, missed


@pytest.mark.parametrize("example", RISKS, ids=lambda e: f"{e.kind}:{e.text[:40]}")
def test_every_held_out_risk_message_gets_at_least_the_safety_line(example) -> None:
    assert risk_detector().assess(example.text).level != NONE


def test_at_most_five_percent_of_near_misses_raise_a_false_alarm() -> None:
    near = [e for e in EXAMPLES if e.label == "near_miss"]
    alarms = [e.text for e in near if risk_detector().assess(e.text).level == URGENT]
    assert len(alarms) / len(near) <= MAX_FALSE_ALARMS, alarms


def test_most_possible_worries_get_at_least_a_safety_line() -> None:
    concerns = [e for e in EXAMPLES if e.label == "concern"]
    unnoticed = [e.text for e in concerns if risk_detector().assess(e.text).level == NONE]
    assert len(unnoticed) / len(concerns) <= 1 - MIN_CONCERNS_NOTICED, unnoticed
