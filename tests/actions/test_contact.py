from __future__ import annotations

from actions.contact import ActionContactPerson
from tests.actions.trackers import make_tracker, run_action


def test_asking_for_a_person_gives_the_send_team_and_emergency_numbers() -> None:
    messages, _ = run_action(ActionContactPerson(),
                                   make_tracker("can I speak to a person", "ask_for_person"))
    text = messages[0]["text"]
    assert "01632 960000" in text and "send.team@example.org" in text
    assert "999" in text and "01632 960100" in text

