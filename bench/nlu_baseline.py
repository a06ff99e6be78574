"""The trained model against a plain keyword search, on the same held-out questions.

    .venv/web/bin/python -m bench.nlu_baseline var/results/nlu/intent_report.json

The baseline answers each held-out topic question with the knowledge base's own
full-text search (`KnowledgeBase.search_topics`, the best-ranked topic), which is
what a site search box would do. Only topic questions are scored, since keyword
search has no notion of "hello" or "talk to a person". The model's figures for
the same intents come from the report `rasa test nlu` wrote in the same
`make test` run.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import yaml

from knowledge.build import DEFAULT_DB
from knowledge.query import KnowledgeBase

HELD_OUT = Path("tests/rasa/nlu_test/topics")
PREFIX = "explain_"


def held_out_questions(folder: Path = HELD_OUT) -> list[tuple[str, str]]:
    """(question, topic key) for every held-out topic example."""
    questions = []
    for path in sorted(folder.glob("*.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            key = block["intent"].removeprefix(PREFIX)
            questions += [(line.strip()[2:], key)
                          for line in block["examples"].splitlines() if line.strip()]
    return questions


def macro_f1(pairs: list[tuple[str, str | None]]) -> tuple[float, float]:
    """Accuracy and macro-F1 over the true labels of (truth, prediction) pairs."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for truth, guess in pairs:
        if truth == guess:
            counts[truth][0] += 1
            continue
        counts[truth][2] += 1
        if guess:
            counts[guess][1] += 1
    f1s = []
    for label in {truth for truth, _ in pairs}:
        tp, fp, fn = counts[label]
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    accuracy = sum(truth == guess for truth, guess in pairs) / len(pairs)
    return accuracy, sum(f1s) / len(f1s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="intent_report.json from rasa test nlu")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    args = parser.parse_args(argv)
    kb = KnowledgeBase.open(args.db)
    questions = held_out_questions()
    pairs = []
    for question, key in questions:
        found = kb.search_topics(question, limit=1)
        pairs.append((key, found[0].key if found else None))
    accuracy, f1 = macro_f1(pairs)
    report = json.loads(args.report.read_text())
    model_f1 = [row["f1-score"] for name, row in report.items() if name.startswith(PREFIX)]
    model_accuracy = sum(report[f"{PREFIX}{key}"]["recall"] for _, key in questions) / len(pairs)
    print(f"{len(pairs)} held-out topic questions over {len(model_f1)} topics")
    print(f"keyword search (baseline): accuracy {accuracy:.3f}, macro-F1 {f1:.3f}")
    print(f"trained model:             accuracy {model_accuracy:.3f}, "
          f"macro-F1 {sum(model_f1) / len(model_f1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
