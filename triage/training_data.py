"""The messages the triage models learn from, read from their YAML sources.

- data/safeguarding/<kind>.yml: messages of one kind of risk (`risk`), possible
  worries that are not emergencies (`concern`) and innocent uses of the same words
  (`near_miss`);
- data/routes/*.yml: messages by route (out of scope, needs a person) and kind, and
  vague messages, small talk, in-scope questions that look like the others, and
  ordinary questions written the way people really type (questions_*.yml);
- data/nlu/: Rasa's intent examples, which are ordinary questions (and a few
  urgent ones).
The held-out sets in tests/ have the same shapes and are read with the same
functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAFEGUARDING_DIR = ROOT / "data" / "safeguarding"
ROUTES_DIR = ROOT / "data" / "routes"
NLU_DIR = ROOT / "data" / "nlu"
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
RISK_LABELS = ("risk", "concern", "near_miss")
# The route each file's lists belong to; other.yml names its own.
ROUTE_FILES = {"out_of_scope.yml": "out_of_scope", "needs_person.yml": "needs_person"}
OTHER_ROUTES = {"vague": "vague", "small_talk": "small_talk", "in_scope_near_miss": "question",
                "question": "question"}


@dataclass(frozen=True)
class Example:
    text: str
    label: str    # risk / concern / near_miss; or a route
    kind: str     # the kind of risk, out-of-scope subject or reason for a person
    source: str   # the file it came from


def _strings(items: object, where: str) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError(f"{where}: expected a list of messages")
    return [i.strip() for i in items if i.strip()]


def risk_examples(folder: Path = SAFEGUARDING_DIR) -> list[Example]:
    """Every message of every kind, labelled risk, concern or near_miss."""
    found = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for label in RISK_LABELS:
            found += [Example(text, label, data["kind"], path.name)
                      for text in _strings(data.get(label, []), f"{path}:{label}")]
    return found


def route_examples(folder: Path = ROUTES_DIR) -> list[Example]:
    """Messages labelled by route, with the kind within the route."""
    found = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, items in data.items():
            route = ROUTE_FILES.get(path.name) or OTHER_ROUTES.get(key)
            if route is None:
                raise ValueError(f"{path}: {key} is not a known route")
            found += [Example(text, route, key, path.name)
                      for text in _strings(items, f"{path}:{key}")]
    return found


def nlu_examples(folder: Path = NLU_DIR) -> list[Example]:
    """Rasa's intent examples, as plain text (entity annotations removed)."""
    found = []
    for path in sorted(folder.rglob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in block:
                continue
            for line in block["examples"].splitlines():
                text = ANNOTATION.sub(r"\1", line.strip()[2:].strip())
                if text:
                    found.append(Example(text, block["intent"], block["intent"], path.name))
    return found
