"""The saved spaCy pipeline finds the domain's entities (runs in the Rasa environment)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

from knowledge.sources import load_entities
from knowledge.spacy_pipeline import DEFAULT_OUTPUT, build_pipeline, main

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_entities())


@pytest.mark.parametrize("text, expected", [
    ("my 7-year-old has ASD", [("7-year-old", "age"), ("ASD", "need")]),
    ("yr 6 and STILL no secondary named in the EHCP??",
     [("yr 6", "school_year"), ("secondary", "setting"), ("EHCP", "plan")]),
    ("she's in Year 9 at a special school", [("Year 9", "school_year"),
                                             ("special school", "setting")]),
    ("what even is a notional budget lol", [("notional budget", "budget_option")]),
    ("he is aged seven and goes to nursery", [("aged seven", "age"), ("nursery", "setting")]),
    ("16yo at sixth form college with adhd",
     [("16yo", "age"), ("sixth form college", "setting"), ("adhd", "need")]),
    ("direct payments or a third party arrangement",
     [("direct payments", "budget_option"), ("third party arrangement", "budget_option")]),
    ("he still has a statement not an education, health and care plan",
     [("statement", "plan"), ("education, health and care plan", "plan")]),
    ("dyslexia, hearing loss and a visual impairment",
     [("dyslexia", "need"), ("hearing loss", "need"), ("visual impairment", "need")]),
    ("starting an apprenticeship at 17", [("apprenticeship", "setting")]),
    ("social, emotional and mental health needs", [("social, emotional and mental health", "need")]),
])
def test_entity_ruler_finds_domain_entities(nlp, text: str, expected: list) -> None:
    assert [(ent.text, ent.label_) for ent in nlp(text).ents] == expected


def test_saved_pipeline_loads_with_its_patterns(tmp_path: Path) -> None:
    output = tmp_path / "en_send"
    assert main([str(output)]) == 0
    loaded = spacy.load(output)
    assert [ent.label_ for ent in loaded("an EHCP for my autistic son").ents] == ["plan", "need"]


def test_rasa_config_loads_the_pipeline_this_module_builds() -> None:
    config = yaml.safe_load((ROOT / "bot/config.yml").read_text())
    spacy_nlp = next(c for c in config["pipeline"] if c["name"] == "SpacyNLP")
    assert Path(spacy_nlp["model"]) == DEFAULT_OUTPUT


def test_rasa_extracts_every_entity_type_the_domain_declares() -> None:
    config = yaml.safe_load((ROOT / "bot/config.yml").read_text())
    domain = yaml.safe_load((ROOT / "bot/domain.yml").read_text())
    extractor = next(c for c in config["pipeline"] if c["name"] == "SpacyEntityExtractor")
    entity_types = set(load_entities()["phrases"]) | set(load_entities()["token_patterns"])
    domain_entities = {entity if isinstance(entity, str) else next(iter(entity))
                       for entity in domain["entities"]}
    not_the_ruler = {"audience", "has_plan", "page_audience",   # bot/situation_entities.py
                     "event_kind", "rating"}                   # set by buttons only
    assert set(extractor["dimensions"]) == entity_types == set(domain_entities) - not_the_ruler
