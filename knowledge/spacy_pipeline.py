"""Build the saved spaCy pipeline that Rasa's SpacyNLP loads.

No pretrained spaCy model can be downloaded here, so the pipeline is
`spacy.blank("en")` plus an entity ruler whose patterns come from
`knowledge/entities.yml`. Rasa's SpacyEntityExtractor then reports what the
ruler found (need, setting, plan, budget_option, age, school_year).

Rasa caches a spaCy model by its name only, so `ops/train.py` retrains with
`--force` whenever this pipeline's files change.

    python -m knowledge.spacy_pipeline var/spacy/en_send
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from knowledge.sources import load_entities

DEFAULT_OUTPUT = Path("var/spacy/en_send")


def ruler_patterns(entities: dict[str, Any]) -> list[dict[str, Any]]:
    """Entity-ruler patterns: one phrase pattern per phrase, plus the token patterns.

    >>> ruler_patterns({"phrases": {"plan": {"ehc_plan": ["EHCP"]}}, "token_patterns": {}})
    [{'label': 'plan', 'pattern': 'ehcp', 'id': 'ehc_plan'}]
    """
    patterns: list[dict[str, Any]] = [
        {"label": entity, "pattern": phrase.lower(), "id": value}
        for entity, values in entities["phrases"].items()
        for value, phrases in values.items()
        for phrase in phrases
    ]
    patterns += [
        {"label": entity, "pattern": tokens}
        for entity, token_lists in entities["token_patterns"].items()
        for tokens in token_lists
    ]
    return patterns


def build_pipeline(entities: dict[str, Any]):  # -> spacy.Language (spaCy lives in the Rasa env)
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(ruler_patterns(entities))
    nlp.meta.update(name="send_entities", version="1.0.0",
                    description="Blank English pipeline with the SEND entity ruler")
    return nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the SEND spaCy pipeline.")
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    nlp = build_pipeline(load_entities())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.output)
    print(f"spaCy pipeline saved to {args.output} "
          f"({len(nlp.get_pipe('entity_ruler').patterns)} patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
