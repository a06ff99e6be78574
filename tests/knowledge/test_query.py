from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.query import KnowledgeBase, KnowledgeBaseUnavailable, fts_query


def test_topic_by_key_has_its_citations(kb: KnowledgeBase) -> None:
    topic = kb.topic("annual_review")
    assert "at least once every 12 months" in topic.summary
    assert any("9.166" in citation for citation in topic.citations)


def test_unknown_topic_is_none(kb: KnowledgeBase) -> None:
    assert kb.topic("no_such_topic") is None


def test_topic_search_finds_reviews_for_a_review_question(kb: KnowledgeBase) -> None:
    assert kb.search_topics("how often is a plan reviewed")[0].key == "annual_review"


def test_service_search_ranks_speech_therapy_first_for_a_seven_year_old(
        kb: KnowledgeBase) -> None:
    services = kb.search_services("speech and language therapy for a 7-year-old", age=7)
    assert services[0].name == "Children's Speech and Language Therapy"


def test_service_search_leaves_out_services_for_other_ages(kb: KnowledgeBase) -> None:
    services = kb.search_services("speech and language therapy", age=7, limit=50)
    assert services
    assert all(s.minimum_age <= 7 <= s.maximum_age for s in services)
    assert "Speech and Language Therapy for Young Adults" not in {s.name for s in services}


def test_service_search_prefers_services_matching_every_word(kb: KnowledgeBase) -> None:
    services = kb.search_services("supported internships", limit=10)
    assert services
    for service in services:
        text = f"{service.name} {service.description}".lower()
        assert "support" in text and "internship" in text


def test_service_search_drops_words_no_service_uses(kb: KnowledgeBase) -> None:
    services = kb.search_services("swimming zebra")
    assert services and all("swim" in f"{s.name} {s.description}".lower() for s in services)


def test_nothing_is_found_when_no_service_uses_any_word(kb: KnowledgeBase) -> None:
    assert kb.search_services("zebra grooming") == []


def test_service_search_filters_by_need_and_category(kb: KnowledgeBase,
                                                     knowledge_base_file: Path) -> None:
    services = kb.search_services("", need="hearing", category="specialist_teaching", limit=50)
    assert services
    with sqlite3.connect(knowledge_base_file) as db:
        for service in services:
            terms = {row[0] for row in db.execute(
                "select taxonomy_term_id from attribute where link_id = ?", (service.id,))}
            assert {"need:hearing", "specialist_teaching"} <= terms


@pytest.mark.parametrize("text", [
    '"', "'", "NEAR(speech", "speech OR", "AND", "*", "speech*", "(((", ")", "^therapy",
    "col:name", "🙂🙂 autism 🙂", "\x00\x01", "a" * 10_000, "speech " * 500, "", "   ",
])
def test_search_never_raises_on_any_text(kb: KnowledgeBase, text: str) -> None:
    kb.search_services(text)
    kb.search_topics(text)


def test_fts_query_keeps_only_plain_words() -> None:
    assert fts_query('speech "therapy" (for) a 7-year-old!!') == '"speech" OR "therapy"'
    assert fts_query("speech therapy", "AND") == '"speech" AND "therapy"'
    assert fts_query("the and of") == ""


def test_missing_file_is_reported_as_unavailable(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseUnavailable, match="does not exist"):
        KnowledgeBase.open(tmp_path / "missing.db")


def test_corrupt_file_is_reported_as_unavailable(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database" * 100)
    with pytest.raises(KnowledgeBaseUnavailable, match="cannot be read"):
        KnowledgeBase.open(corrupt)


def test_council_details_come_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    council = kb.council()
    assert council["send_team"]["phone"].startswith("01632 960")
    assert council["emergency"]["childline"] == "0800 1111"


def test_service_search_in_a_town_includes_county_wide_services(
        kb: KnowledgeBase, knowledge_base_file: Path) -> None:
    services = kb.search_services("", area="westbridge", limit=500)
    with sqlite3.connect(knowledge_base_file) as db:
        areas = {db.execute("select name from service_area where service_id = ?",
                            (s.id,)).fetchone()[0] for s in services}
    assert areas == {"Westbridge", "Anyshire"}


def test_glossary_finds_a_term_by_any_of_its_names(kb: KnowledgeBase) -> None:
    assert kb.glossary_entry("  ehcp ").term == "EHC plan"
    assert kb.glossary_entry("SENCO").expansion == "special educational needs co-ordinator"
    assert kb.glossary_entry("not a term") is None


def test_policies_are_found_by_their_words(kb: KnowledgeBase) -> None:
    policy = kb.search_policies("personal budget")[0]
    assert policy.title == "Anyshire Personal Budget policy"
    assert policy.url.startswith("https://") and ".example.org" in policy.url
