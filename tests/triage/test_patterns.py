"""Messages suggesting a child or young person is at risk must all be caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.patterns import risk_kind

import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "data" / "nlu" / "safeguarding.yml"
HELD_OUT = ROOT / "tests" / "rasa" / "nlu_test"


def held_out_examples(urgent: bool) -> list[str]:
    """The held-out NLU test messages that are (or are not) labelled urgent_risk."""
    found = []
    for path in sorted(HELD_OUT.rglob("*.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if (block["intent"] == "urgent_risk") == urgent:
                found += [line.strip()[2:] for line in block["examples"].splitlines()
                          if line.strip()]
    return found

AT_RISK = {
    "self_harm_or_suicide": [
        "my son keeps saying he wants to die",
        "i want to diee",
        "i wanna kil myslef",
        "she said she wants to end it all",
        "I dont want to be alive anymore",
        "i don't want to wake up tomorrow",
        "sucidal thoughts every night",
        "my daughter is having suicidle thoughts",
        "he has been self harming since year 8",
        "my daughter cuts herself",
        "she is cutting herself again",
        "he took too many pills last night",
        "i think she overdosed",
        "kms",
        "everyone would be better off without me",
        "my 15 year old says there's no point in living",
        "I'm going to end my life",
        "he tried to kill himself",
        "WANT TO DIE",
        "honestly i just want to be dead",
    ],
    "abuse_or_danger": [
        "my dad hits me",
        "my stepdad hits my son",
        "her mum's boyfriend beats her",
        "im being abused at home",
        "i think my child is being abused",
        "someone touched her in her private area",
        "a man at the club touches him inappropriately",
        "i don't feel safe at home",
        "i'm scared to go home",
        "my son is scared of his dad",
        "he is being bullied and hit by other kids",
        "she was threatened with a knife",
        "i think he's being groomed online",
        "the kids are being neglected",
    ],
    "child_missing": [
        "my daughter is missing since last night",
        "my son has run away",
        "cant find my son anywhere",
        "my autistic son ran away from school and we can't find him",
        "my child has gone missing",
        "our teenager hasn't come home",
    ],
}
NOT_AT_RISK = [
    "my son is at risk of exclusion",
    "the school is killing me with paperwork",
    "is section F missing from the plan",
    "he is dying to start college",
    "I want to read more about reviews",
    "i cant wait for the review",
    "he did it again, he forgot his PE kit",
    "what happens to the plan when a child dies",
    "the review hurt my feelings",
    "what does LA stand for",
    "I want to appeal the decision",
    "how often does an EHC plan get reviewed?",
    "speech and language therapy for a 7-year-old",
    "can I get direct payments",
    "my daughter's anxiety is getting worse at school",
    "he takes tablets for his epilepsy",
    "the deadline is dead soon",
]


@pytest.mark.parametrize("kind, message",
                         [(kind, m) for kind, messages in AT_RISK.items() for m in messages])
def test_every_message_suggesting_risk_is_caught(kind: str, message: str) -> None:
    assert risk_kind(message) == kind


@pytest.mark.parametrize("message", NOT_AT_RISK)
def test_ordinary_questions_are_not_treated_as_risk(message: str) -> None:
    assert risk_kind(message) is None


@pytest.mark.parametrize("message", [
    line.strip()[2:] for line in
    TRAINING.read_text().split("examples: |")[1].splitlines() if line.strip()
])
def test_every_urgent_risk_training_example_is_caught_by_the_patterns_too(message: str) -> None:
    assert risk_kind(message) is not None


@pytest.mark.parametrize("message", held_out_examples(urgent=True))
def test_every_held_out_urgent_message_is_caught_by_the_patterns(message: str) -> None:
    """The pipeline must not rely on the classifier alone for any of these."""
    assert risk_kind(message) is not None


@pytest.mark.parametrize("message", held_out_examples(urgent=False))
def test_no_other_held_out_message_is_treated_as_risk(message: str) -> None:
    assert risk_kind(message) is None
