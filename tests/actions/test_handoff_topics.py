"""Topics staff choose: the assistant answers, then hands the conversation to the team once."""

from __future__ import annotations

from actions.topics import ActionExplainTopic
from casework.handoff import LEAVE_BUTTON, Handoffs
from casework.store import CaseworkStore
from tests.actions.conftest import TEAM_CLOSED
from tests.actions.trackers import make_tracker, run_action


def ask_about(topic: str, text: str = "how do i complain about the school"):
    return run_action(ActionExplainTopic(), make_tracker(text, f"explain_{topic}"))


def test_a_chosen_topic_is_answered_then_handed_to_the_team(clock) -> None:
    clock(TEAM_CLOSED)
    messages, events = ask_about("complaints")          # chosen in council.yml to start with
    assert "Where this comes from:" in messages[0]["text"]
    assert messages[1]["text"].startswith("The SEND Team helps with this person to person")
    assert "Your reference is SEND-" in messages[1]["text"]
    assert messages[1]["buttons"] == [LEAVE_BUTTON]     # the family can go back
    assert {"event": "pause", "timestamp": None} in events
    [case] = CaseworkStore().escalations("open")
    assert (case.reason, case.priority, case.handoff) == ("topic:complaints", "normal", True)


def test_a_chosen_topic_is_handed_over_once_per_conversation(clock) -> None:
    clock(TEAM_CLOSED)
    ask_about("complaints")
    handoffs = Handoffs(CaseworkStore())
    handoffs.resolve(handoffs.active("test-session"), "Answered")
    messages, events = ask_about("complaints")
    assert len(messages) == 1 and not any(e["event"] == "pause" for e in events)


def test_staff_choices_replace_the_councils_starting_list(clock) -> None:
    clock(TEAM_CLOSED)
    Handoffs(CaseworkStore()).choose_topics(["annual_review"], {"annual_review"},
                                            "admin@example.org")
    _, events = ask_about("complaints")
    assert not any(e["event"] == "pause" for e in events)
    _, events = ask_about("annual_review", "what happens at an annual review")
    assert any(e["event"] == "pause" for e in events)


def test_other_questions_are_not_offered_once_the_bot_is_paused(clock) -> None:
    clock(TEAM_CLOSED)
    tracker = make_tracker("how do i complain? also what is an ehcp", "explain_complaints")
    tracker.latest_message["other_questions"] = [
        {"intent": "explain_ehc_plan", "text": "what is an ehcp", "confidence": 0.9}]
    messages, _ = run_action(ActionExplainTopic(), tracker)
    assert not any(m.get("text", "").startswith("You also asked") for m in messages)
