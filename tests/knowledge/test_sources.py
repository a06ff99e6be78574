from __future__ import annotations

import re

import pytest

from knowledge.sources import SOURCE_DIR, SourceError, load_directory, load_topics, parse_topic

TOPICS = load_topics()
# Services written by hand; imported ones ("feed:id") carry the council feed's real details.
SERVICES = [s for s in load_directory().services if ":" not in s["id"]]
MAX_SUMMARY_WORDS = 80
FICTIONAL_PHONE = re.compile(r"^01632 960\d{3}$")


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_every_topic_cites_where_it_comes_from(topic) -> None:
    assert topic.citations
    assert all(re.search(r"\d", citation) for citation in topic.citations)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_every_summary_is_short_enough_to_read_in_a_chat(topic) -> None:
    assert len(topic.summary.split()) <= MAX_SUMMARY_WORDS
    assert len(topic.young_person_summary.split()) <= MAX_SUMMARY_WORDS


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s["id"])
def test_every_service_uses_fictional_contact_details(service) -> None:
    assert FICTIONAL_PHONE.match(str(service["phone"])), service["phone"]
    assert service["email"].endswith("@example.org")
    assert ".example.org" in service["url"]


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s["id"])
def test_every_service_has_a_sensible_age_range(service) -> None:
    assert 0 <= service["min_age"] <= service["max_age"] <= 25


def test_topic_without_front_matter_names_the_file() -> None:
    with pytest.raises(SourceError, match="broken.md: must start with YAML front matter"):
        parse_topic("# no front matter", "broken.md")


def test_topic_missing_a_section_says_which() -> None:
    text = ((SOURCE_DIR / "topics" / "local_offer.md").read_text()
            .replace("## What you can do next", "## Something else"))
    with pytest.raises(SourceError, match="What you can do next"):
        parse_topic(text, "local_offer.md")
