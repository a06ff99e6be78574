"""Whatever a person types, searching the knowledge base never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.query import KnowledgeBase, fts_query

FTS_SYNTAX = st.sampled_from(['"', "'", "(", ")", "*", "^", ":", "-", "+", "NEAR", "AND", "OR",
                              "NOT", "{", "}", "NEAR(", "col:", "\\", "\x00", "🙂", "é", "ß"])
ANY_TEXT = st.one_of(
    st.text(max_size=3000),
    st.lists(st.one_of(FTS_SYNTAX, st.text(max_size=12)), max_size=60).map(" ".join),
)
ANY_AGE = st.one_of(st.none(), st.integers(min_value=-10**6, max_value=10**6))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT, age=ANY_AGE, need=st.one_of(st.none(), st.text(max_size=20)))
def test_service_search_never_raises(kb: KnowledgeBase, text: str, age, need) -> None:
    services = kb.search_services(text, age=age, need=need, area=text[:20] or None)
    assert isinstance(services, list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT)
def test_topic_glossary_and_policy_search_never_raise(kb: KnowledgeBase, text: str) -> None:
    kb.search_topics(text)
    kb.search_policies(text)
    kb.glossary_entry(text)
    kb.topic(text)


@given(text=ANY_TEXT)
def test_fts_query_is_only_quoted_words(text: str) -> None:
    for part in fts_query(text).split(" OR "):
        assert part == "" or (part.startswith('"') and part.endswith('"')
                              and '"' not in part[1:-1])
