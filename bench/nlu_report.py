"""Print the held-out NLU figures from `rasa test nlu` and fail below a floor.

    python -m bench.nlu_report var/results/nlu/intent_report.json --min-f1 0.90
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SUMMARY_KEYS = ("accuracy", "macro avg", "weighted avg", "micro avg")


def weakest_intents(report: dict, count: int = 5) -> list[tuple[str, float]]:
    scores = [(name, row["f1-score"]) for name, row in report.items()
              if name not in SUMMARY_KEYS and isinstance(row, dict)]
    return sorted(scores, key=lambda item: item[1])[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--min-f1", type=float, default=0.90)
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text())
    macro_f1 = report["macro avg"]["f1-score"]
    print(f"Held-out NLU: {report['macro avg']['support']} examples, "
          f"accuracy {report['accuracy']:.3f}, intent macro-F1 {macro_f1:.3f} "
          f"(floor {args.min_f1:.2f})")
    print("Weakest intents: " + ", ".join(f"{n} {f:.2f}" for n, f in weakest_intents(report)))
    if macro_f1 < args.min_f1:
        print(f"FAIL: intent macro-F1 {macro_f1:.3f} is below {args.min_f1:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
