"""The safeguarding detector's recall and false alarms, beside the patterns alone.

    .venv/web/bin/python -m bench.risk                        # the check set in ../shared/dev
    .venv/web/bin/python -m bench.risk --messages FILE.jsonl  # any {text, risk, kind} lines
    .venv/web/bin/python -m bench.risk --held-out tests/safeguarding/heldout

Both detectors read every message in the same run: the trained detector that the
assistant uses (triage/risk.py: its model and the patterns) and the patterns alone,
the baseline. Recall is the share of risk messages given urgent help; a false alarm
is a message with no risk given urgent help. A concern (an answer with one safety
line, no urgent case) is neither, and is counted apart. Never train on the check set:
it is measured here, and only here.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.figures import percentiles
from triage.risk import CONCERN, NONE, URGENT, RiskDetector, patterns_only, risk_detector
from triage.training_data import risk_examples

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "dev" / "risk_messages.jsonl"


@dataclass(frozen=True)
class Labelled:
    text: str
    risk: bool
    kind: str


def from_jsonl(path: Path) -> list[Labelled]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Labelled(row["text"], bool(row["risk"]), row["kind"]) for row in rows]


def from_held_out(folder: Path) -> list[Labelled]:
    """Our own held-out YAML: risk messages, and near-misses (concerns are left out:
    they are neither a risk nor free of worry)."""
    return [Labelled(e.text, e.label == "risk",
                     e.kind if e.label == "risk" else f"near_miss_{e.kind}")
            for e in risk_examples(folder) if e.label != "concern"]


def measure(name: str, detector: RiskDetector, messages: list[Labelled]) -> dict[str, float]:
    """Print one detector's figures, overall and by kind; return the overall ones."""
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    levels: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    timings = []
    for message in messages:
        started = time.perf_counter()
        level = detector.assess(message.text).level
        timings.append((time.perf_counter() - started) * 1000)
        by_kind[message.kind][level] += 1
        levels[message.risk][level] += 1
    risky, safe = sum(levels[True].values()), sum(levels[False].values())
    figures = {"recall": levels[True][URGENT] / risky,
               "false_alarms": levels[False][URGENT] / safe,
               "concerns": levels[False][CONCERN] / safe}
    median, p95 = percentiles(timings)
    print(f"\n{name}: recall {figures['recall']:.3f} ({levels[True][URGENT]}/{risky}), "
          f"false alarms {figures['false_alarms']:.3f} ({levels[False][URGENT]}/{safe}), "
          f"near-misses answered with a safety line {figures['concerns']:.3f}; "
          f"{median:.2f} ms a message (p95 {p95:.2f} ms)")
    for kind in sorted(by_kind):
        counts = by_kind[kind]
        print(f"  {kind:36s} urgent {counts[URGENT]:3d}  concern {counts[CONCERN]:3d}  "
              f"none {counts[NONE]:3d}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=Path, default=DEV_SET,
                        help="JSON lines with text, risk and kind (default: the dev check set)")
    parser.add_argument("--held-out", type=Path, default=None,
                        help="a folder of our own held-out YAML files instead")
    args = parser.parse_args(argv)
    if not args.held_out and not args.messages.exists():
        print(f"There is no check set at {args.messages}: give one with --messages, or use "
              "--held-out tests/safeguarding/heldout.")
        return 2
    messages = from_held_out(args.held_out) if args.held_out else from_jsonl(args.messages)
    print(f"{len(messages)} messages: {sum(m.risk for m in messages)} at risk, "
          f"{sum(not m.risk for m in messages)} not")
    trained = measure("trained detector (model and patterns)", risk_detector(), messages)
    baseline = measure("patterns alone (baseline)", patterns_only(), messages)
    print(f"\nrecall {trained['recall']:.3f} against {baseline['recall']:.3f}; "
          f"false alarms {trained['false_alarms']:.3f} against {baseline['false_alarms']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
