"""Train the triage models from data/ into var/triage/ (`python -m triage.train`).

Runs in the Rasa environment, which has scikit-learn. Four models:
- `risk`: is a child or young person at risk (two classes), with its limits for
  urgent help, a concern and the patterns' veto chosen from cross-validation so
  that recall comes first;
- `risk_kinds`: which kind of risk, for the reply and the case;
- `routes`: question, out of scope, needs a person, vague or small talk;
- `scope_kinds` and `person_kinds`: which subject is out of scope, and why a
  person is needed.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from triage.features import features
from triage.linear_model import LinearModel, fit
from triage.model_files import model_dir
from triage.patterns import normalise, pattern_kinds
from triage.pieces import pieces
from triage.risk import RISK_LABEL, RiskDetector
from triage.training_data import (RISK_LABELS, Example, nlu_examples, risk_examples,
                                  route_examples)

NO_RISK = "none"
URGENT_INTENT = "urgent_risk"
FOLDS = 5
# Recall comes first: the urgent limit is set so that at least this share of the risk
# messages, each scored by a model that never saw it, would get urgent help.
TARGET_RECALL = 0.99
CONCERN_SHARE = 0.3       # the concern limit, as a share of the urgent limit
# The veto is tried at these shares of the urgent limit: low, as a pattern match stays
# urgent unless the model is sure the words are innocent.
VETO_SHARES = (0.05, 0.1)
# A concern counts as a negative, but only half as much: it is close to a risk.
CONCERN_WEIGHT = 0.5
NLU_ROUTES = {"out_of_scope": "out_of_scope", "ask_for_person": "needs_person",
              "greet": "small_talk", "goodbye": "small_talk", "thank": "small_talk",
              "bot_capabilities": "small_talk", "start_again": "small_talk"}


def risk_rows(risky: Sequence[Example], safe: Sequence[Example],
              letters: bool) -> tuple[list[set[str]], list[str], list[float]]:
    """A risk message counts whole (which sentence holds the risk is not known); a safe
    message counts whole and piece by piece, since no piece of it is a risk."""
    rows, labels, weights = [], [], []
    for example in risky:
        rows.append(features(example.text, letters))
        labels.append(RISK_LABEL)
        weights.append(1.0)
    for example in safe:
        weight = CONCERN_WEIGHT if example.label == "concern" else 1.0
        for piece in pieces(example.text):
            rows.append(features(piece, letters))
            labels.append(NO_RISK)
            weights.append(weight)
    return rows, labels, weights


def train_risk(risky: Sequence[Example], safe: Sequence[Example]) -> LinearModel:
    rows, labels, weights = risk_rows(risky, safe, letters=True)
    return fit(rows, labels, letters=True, weights=weights)


def folds(examples: Sequence[Example], seed: int = 7) -> list[list[Example]]:
    shuffled = list(examples)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::FOLDS] for i in range(FOLDS)]


def out_of_fold_scores(risky: Sequence[Example],
                       safe: Sequence[Example]) -> dict[Example, float]:
    """Each message's score from a model trained without it."""
    scores: dict[Example, float] = {}
    risky_folds, safe_folds = folds(risky), folds(safe)
    for k in range(FOLDS):
        model = train_risk([e for i, f in enumerate(risky_folds) if i != k for e in f],
                           [e for i, f in enumerate(safe_folds) if i != k for e in f])
        detector = RiskDetector(model, None)
        for example in [*risky_folds[k], *safe_folds[k]]:
            scores[example] = detector.score(example.text)
    return scores


def choose_limits(scores: dict[Example, float],
                  matched: dict[Example, bool]) -> dict[str, float]:
    """The limits that keep TARGET_RECALL of risk messages urgent with the fewest false
    alarms: the model's urgent limit, and the lower limit (the veto) above which a pattern
    match is urgent too. A false alarm on an ordinary message counts as much as on a
    near-miss, though ordinary messages are many more. The concern limit is a share of
    the urgent one."""
    risky = [e for e in scores if e.label == "risk"]
    near = [e for e in scores if e.label == "near_miss"]
    ordinary = [e for e in scores if e.label not in RISK_LABELS]

    def alarms(examples: list[Example], urgent: float, veto: float) -> float:
        return sum(urgent_at(scores[e], matched[e], urgent, veto)
                   for e in examples) / max(len(examples), 1)

    best: tuple[float, dict[str, float]] | None = None
    for veto_share in VETO_SHARES:
        for urgent in sorted({scores[e] for e in risky}, reverse=True):
            veto = urgent * veto_share
            if alarms(risky, urgent, veto) >= TARGET_RECALL:
                cost = alarms(near, urgent, veto) + alarms(ordinary, urgent, veto)
                if best is None or cost < best[0]:
                    best = (cost, {"urgent": urgent, "veto": veto})
                break
    assert best is not None
    limits = best[1]
    return {"urgent": round(limits["urgent"], 4), "veto": round(limits["veto"], 4),
            "concern": round(limits["urgent"] * CONCERN_SHARE, 4)}


def urgent_at(score: float, matched: bool, urgent: float, veto: float) -> bool:
    """The detector's urgent rule (triage/risk.py), for choosing its limits."""
    return score >= urgent or (matched and score >= veto)


def report(scores: dict[Example, float], matched: dict[Example, bool],
           limits: dict[str, float]) -> None:
    """Cross-validated recall and false alarms, by label, at the chosen limits."""
    print(f"limits: {limits}")
    groups = {label: [e for e in scores if e.label == label] for label in RISK_LABELS}
    groups["ordinary"] = [e for e in scores if e.label not in RISK_LABELS]
    for name, chosen in groups.items():
        urgent = sum(urgent_at(scores[e], matched[e], limits["urgent"], limits["veto"])
                     for e in chosen)
        noticed = sum(scores[e] >= limits["concern"] or matched[e] for e in chosen)
        print(f"  {name:10s} {len(chosen):5d}: urgent {urgent / max(len(chosen), 1):.3f}, "
              f"urgent or a safety line {noticed / max(len(chosen), 1):.3f}")


def risk_sets() -> tuple[list[Example], list[Example]]:
    examples = risk_examples()
    nlu = nlu_examples()
    risky = [e for e in examples if e.label == "risk"] + \
        [Example(e.text, "risk", "unclear", e.source) for e in nlu if e.label == URGENT_INTENT]
    safe = [e for e in examples if e.label != "risk"] + \
        [e for e in nlu if e.label != URGENT_INTENT] + route_examples()
    return risky, safe


def route_sets() -> list[Example]:
    """Every message with its route: the route files, the NLU examples mapped to their
    route, and the safeguarding near-misses and concerns (which are ordinary questions)."""
    nlu = [Example(e.text, NLU_ROUTES.get(e.label, "question"), e.kind, e.source)
           for e in nlu_examples() if e.label != URGENT_INTENT]
    near = [Example(e.text, "question", e.kind, e.source)
            for e in risk_examples() if e.label != "risk"]
    return route_examples() + nlu + near


def train_classes(examples: Sequence[Example], by_kind: bool, letters: bool) -> LinearModel:
    rows = [features(e.text, letters) for e in examples]
    labels = [e.kind if by_kind else e.label for e in examples]
    return fit(rows, labels, letters=letters)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder (default var/triage)")
    args = parser.parse_args(argv)
    out = args.out or model_dir()
    risky, safe = risk_sets()
    print(f"risk: {len(risky)} risk messages, {len(safe)} others")
    scores = out_of_fold_scores(risky, safe)
    matched = {e: bool(pattern_kinds(normalise(e.text))) for e in scores}
    limits = choose_limits(scores, matched)
    report(scores, matched, limits)
    risk = train_risk(risky, safe)
    replace(risk, settings=limits).save(out / "risk.json")
    train_classes([e for e in risky if e.kind != "unclear"], by_kind=True,
                  letters=False).save(out / "risk_kinds.json")
    routes = route_sets()
    train_classes(routes, by_kind=False, letters=True).save(out / "routes.json")
    for route, name in (("out_of_scope", "scope_kinds"), ("needs_person", "person_kinds")):
        train_classes([e for e in route_examples() if e.label == route], by_kind=True,
                      letters=False).save(out / f"{name}.json")
    print(f"triage models saved in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
