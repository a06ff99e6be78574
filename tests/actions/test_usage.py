"""Answers and misses are counted for the council's analytics, with text redacted."""

from __future__ import annotations

from actions.fallback import ActionFallback
from actions.topics import ActionExplainTopic
from casework.analytics import Analytics
from casework.store import CaseworkStore
from tests.actions.trackers import make_tracker, run_action


def test_topic_answers_and_unanswered_questions_are_counted() -> None:
    run_action(ActionExplainTopic(), make_tracker("what is the local offer",
                                                  "explain_local_offer"))
    run_action(ActionFallback(), make_tracker("my daughter is called Amy, blah",
                                              "nlu_fallback"))
    report = Analytics(CaseworkStore()).report()
    assert report["top_topics"] == [("local_offer", 1)]
    assert report["unanswered"] == ["my daughter is called [name], blah"]
