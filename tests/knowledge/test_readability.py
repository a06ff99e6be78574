"""Every summary reads easily: Flesch reading ease of at least 60 (plain English)."""

from __future__ import annotations

import pytest
import textstat

from knowledge.guides import load_guides, parse_budget_guide, parse_pointers, parse_timescales
from knowledge.sources import load_policies, load_topics

GUIDES = load_guides()
TIMESCALES = parse_timescales(GUIDES["timescales"])
BUDGET = parse_budget_guide(GUIDES["budget_options"])

MIN_READING_EASE = 60
SUMMARIES = [
    *((f"{t.key} summary", t.summary) for t in load_topics()),
    *((f"{t.key} young person", t.young_person_summary) for t in load_topics()),
    *((f"policy {p.id}", p.summary) for p in load_policies()),
    *((f"{t.key} note {n}", note.text) for t in load_topics()
      for n, note in enumerate(t.situation_notes, start=1)),
    *((f"timescale {n}", rule.says) for n, rule in enumerate(TIMESCALES.rules, start=1)),
    *((f"timescales {key}", TIMESCALES.notes[key])
      for key in ("holidays", "late", "exceptions", "assumptions", "need_decision_date")),
    ("budget question", BUDGET.question),
    *((f"budget {o.key}", f"{o.means} {o.suits} {o.know}") for o in BUDGET.options),
    *((f"pointer {p.subject}", p.says) for p in parse_pointers(GUIDES["pointers"]).pointers),
]


@pytest.mark.parametrize("name, text", SUMMARIES, ids=[name for name, _ in SUMMARIES])
def test_summary_is_plain_english(name: str, text: str) -> None:
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_READING_EASE, f"{name} scores {score:.0f}: use shorter words and sentences"


def test_readability_measure_tells_plain_from_legalese() -> None:
    plain = "Your plan must be checked once a year. You can ask for help."
    legalese = ("Notwithstanding the aforementioned statutory obligations, the local authority "
                "shall determine, following consideration of representations, whether modification "
                "of the documentation constitutes an appropriate administrative determination.")
    assert textstat.flesch_reading_ease(plain) >= MIN_READING_EASE
    assert textstat.flesch_reading_ease(legalese) < MIN_READING_EASE
