"""The faster check of action server replies accepts and refuses exactly what Rasa's does."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import bot  # noqa: F401  (installs the check, as Rasa does when it loads our components)
from bot.action_results import _rasa_check, validate_action_result

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "age", "value": "7", "timestamp": None}],
     "responses": [{"text": "Hello", "buttons": [{"title": "A", "payload": "/a"}]}]},
    {"events": [{"event": "pause", "timestamp": None}], "responses": []},
]
BAD = [
    {"events": "not a list", "responses": []},
    {"events": [], "responses": ["not an object"]},
    {"events": [{"event": "no_such_event"}], "responses": []},
]


def test_rasa_uses_the_faster_check() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


@pytest.mark.parametrize("result", GOOD)
def test_good_replies_pass_both_checks(result: dict) -> None:
    action = RemoteAction("action_explain_topic", None)
    assert validate_action_result(action, result) is True
    assert _rasa_check(action, result) is True


@pytest.mark.parametrize("result", BAD)
def test_bad_replies_fail_with_rasas_own_message(result: dict) -> None:
    action = RemoteAction("action_explain_topic", None)
    with pytest.raises(jsonschema.ValidationError) as ours:
        validate_action_result(action, result)
    with pytest.raises(jsonschema.ValidationError) as rasas:
        _rasa_check(action, result)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message
