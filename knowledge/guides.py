"""The guided conversations' source files: statutory timescales, the Personal
Budget options, where to point people for things out of scope, and the
clarifying questions for vague messages.

Each file in `knowledge/guides/` is checked here when the knowledge base is
built, stored whole in its `guide` table, and parsed back with the same
functions when the action server reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.situation import check_condition
from knowledge.sources import SOURCE_DIR, SourceError, read_yaml

GUIDE_NAMES = ("timescales", "budget_options", "pointers", "clarify")
UNITS = ("days", "weeks", "months")


@dataclass(frozen=True)
class DateEvent:
    """Something that happens on a date, from which statutory dates are counted."""

    key: str
    name: str
    button: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Timescale:
    """A rule: something must happen within `amounts` (one, or a range) of an event."""

    event: str
    amounts: tuple[int, ...]
    unit: str
    says: str
    citation: str
    when: dict[str, Any]
    appeal: bool


@dataclass(frozen=True)
class Timescales:
    events: tuple[DateEvent, ...]
    rules: tuple[Timescale, ...]
    notes: dict[str, str]

    def event(self, key: str) -> DateEvent | None:
        return next((event for event in self.events if event.key == key), None)


@dataclass(frozen=True)
class BudgetOption:
    key: str
    name: str
    choice: str
    means: str
    suits: str
    know: str
    citation: str


@dataclass(frozen=True)
class BudgetGuide:
    question: str
    citation: str
    policy: str
    needs_plan: str
    needs_plan_citation: str
    options: tuple[BudgetOption, ...]

    def option(self, key: str) -> BudgetOption | None:
        return next((option for option in self.options if option.key == key), None)


@dataclass(frozen=True)
class Pointer:
    """Where to go for a subject the assistant does not cover."""

    subject: str
    words: tuple[str, ...]
    says: str
    citation: str | None = None


@dataclass(frozen=True)
class Pointers:
    default: str
    pointers: tuple[Pointer, ...]

    def about(self, subject: str) -> Pointer | None:
        return next((p for p in self.pointers if p.subject == subject), None)


@dataclass(frozen=True)
class ClarifyingQuestion:
    """One question for a vague message, with its likely meanings as buttons."""

    words: tuple[str, ...]
    question: str
    options: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class ClarifyGuide:
    default: ClarifyingQuestion
    terms: tuple[ClarifyingQuestion, ...]


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _require(record: dict[str, Any], names: tuple[str, ...], where: str) -> None:
    missing = [name for name in names if record.get(name) in (None, "", [])]
    if missing:
        raise SourceError(f"{where}: missing {', '.join(missing)}")


def _timescale(item: dict[str, Any], events: set[str], where: str) -> Timescale:
    _require(item, ("event", "unit", "says", "citation"), where)
    amounts = tuple(item["range"]) if "range" in item else (item.get("amount"),)
    if item["event"] not in events:
        raise SourceError(f"{where}: unknown event '{item['event']}'")
    if item["unit"] not in UNITS or not all(isinstance(a, int) and a > 0 for a in amounts):
        raise SourceError(f"{where}: needs a whole amount (or range) of {'/'.join(UNITS)}")
    try:
        check_condition(item.get("when") or {}, where)
    except ValueError as error:
        raise SourceError(str(error)) from error
    return Timescale(event=item["event"], amounts=amounts, unit=item["unit"],
                     says=_text(item["says"]), citation=_text(item["citation"]),
                     when=dict(item.get("when") or {}), appeal=bool(item.get("appeal")))


def parse_timescales(document: dict[str, Any]) -> Timescales:
    events = []
    for number, item in enumerate(document.get("events") or [], start=1):
        _require(item, ("key", "name", "button", "words"), f"timescales.yml event {number}")
        events.append(DateEvent(key=item["key"], name=item["name"], button=item["button"],
                                words=tuple(word.lower() for word in item["words"])))
    keys = {event.key for event in events}
    rules = tuple(_timescale(item, keys, f"timescales.yml timescale {number}")
                  for number, item in enumerate(document.get("timescales") or [], start=1))
    notes = {**{k: _text(v) for k, v in (document.get("appeal_notes") or {}).items()},
             **{k: _text(document[k]) for k in
                ("exceptions", "exceptions_citation", "assumptions") if k in document}}
    _require(notes, ("holidays", "holidays_citation", "late", "late_citation",
                     "need_decision_date", "exceptions", "exceptions_citation", "assumptions"),
             "timescales.yml")
    return Timescales(events=tuple(events), rules=rules, notes=notes)


def parse_budget_guide(document: dict[str, Any]) -> BudgetGuide:
    fields = ("question", "citation", "policy", "needs_plan", "needs_plan_citation")
    _require(document, (*fields, "options"), "budget_options.yml")
    options = []
    for number, item in enumerate(document["options"], start=1):
        names = ("key", "name", "choice", "means", "suits", "know", "citation")
        _require(item, names, f"budget_options.yml option {number}")
        options.append(BudgetOption(**{name: _text(item[name]) for name in names}))
    return BudgetGuide(**{name: _text(document[name]) for name in fields},
                       options=tuple(options))


def parse_pointers(document: dict[str, Any]) -> Pointers:
    _require(document, ("default", "pointers"), "pointers.yml")
    pointers = []
    for number, item in enumerate(document["pointers"], start=1):
        _require(item, ("subject", "words", "says"), f"pointers.yml pointer {number}")
        pointers.append(Pointer(subject=item["subject"],
                                words=tuple(word.lower() for word in item["words"]),
                                says=_text(item["says"]),
                                citation=_text(item["citation"]) if item.get("citation") else None))
    return Pointers(default=_text(document["default"]), pointers=tuple(pointers))


def _clarifying_question(item: dict[str, Any], where: str) -> ClarifyingQuestion:
    _require(item, ("question", "options"), where)
    for number, option in enumerate(item["options"], start=1):
        _require(option, ("title", "payload"), f"{where} option {number}")
    return ClarifyingQuestion(words=tuple(w.lower() for w in item.get("words") or ()),
                              question=_text(item["question"]),
                              options=tuple({"title": o["title"], "payload": o["payload"]}
                                            for o in item["options"]))


def parse_clarify(document: dict[str, Any]) -> ClarifyGuide:
    _require(document, ("default", "terms"), "clarify.yml")
    terms = []
    for number, item in enumerate(document["terms"], start=1):
        _require(item, ("words",), f"clarify.yml term {number}")
        terms.append(_clarifying_question(item, f"clarify.yml term {number}"))
    return ClarifyGuide(default=_clarifying_question(document["default"], "clarify.yml default"),
                        terms=tuple(terms))


PARSERS = {"timescales": parse_timescales, "budget_options": parse_budget_guide,
           "pointers": parse_pointers, "clarify": parse_clarify}


def load_guides(source_dir: Path = SOURCE_DIR) -> dict[str, dict[str, Any]]:
    """Every guide file as read, after checking that it parses."""
    documents = {}
    for name in GUIDE_NAMES:
        document = read_yaml(source_dir / "guides" / f"{name}.yml") or {}
        PARSERS[name](document)
        documents[name] = document
    return documents
