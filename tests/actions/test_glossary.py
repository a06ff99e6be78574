from __future__ import annotations

from actions.answers import spell_out_acronyms
from actions.glossary import ActionExplainTerm
from knowledge.sources import load_glossary
from tests.actions.trackers import make_tracker, run_action

GLOSSARY = load_glossary()


def test_a_term_is_explained_with_what_it_stands_for() -> None:
    messages, _ = run_action(ActionExplainTerm(),
                             make_tracker("what does SENCO mean?", "ask_meaning"))
    assert messages[0]["text"].startswith(
        "SENCO (special educational needs co-ordinator): The teacher in a school")


def test_a_term_with_a_topic_offers_the_whole_topic() -> None:
    messages, _ = run_action(ActionExplainTerm(), make_tracker("whats an ehcp", "ask_meaning"))
    assert messages[0]["buttons"] == [{"title": "Tell me more about EHC plan",
                                       "payload": "/explain_ehc_plan"}]


def test_an_unknown_word_is_admitted_not_guessed() -> None:
    messages, _ = run_action(ActionExplainTerm(),
                             make_tracker("what does flibbertigibbet mean", "ask_meaning"))
    assert "don't know that word yet" in messages[0]["text"]


def test_acronyms_are_spelt_out_the_first_time_only() -> None:
    text = spell_out_acronyms("Ask the SENCO. The SENCO will help.", GLOSSARY)
    assert text == ("Ask the SENCO (special educational needs co-ordinator). "
                    "The SENCO will help.")


def test_acronyms_already_spelt_out_are_left_alone() -> None:
    text = "An EHC plan (education, health and care plan), or EHCP."
    assert spell_out_acronyms(text, GLOSSARY) == text


def test_acronyms_inside_addresses_are_left_alone() -> None:
    assert spell_out_acronyms("email senco@example.org", GLOSSARY) == "email senco@example.org"
