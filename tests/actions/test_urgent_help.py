from __future__ import annotations

import pytest

from actions.safeguarding import ActionUrgentHelp
from tests.actions.trackers import make_tracker, run_action


@pytest.mark.parametrize("message, first_line", [
    ("my son says he wants to die", "If someone has hurt themselves or is in danger right now"),
    ("my daughter has gone missing", "If a child is missing, call 999 now"),
    ("my dad hits me", "If you or a child is in danger right now, call 999."),
])
def test_urgent_help_gives_every_number_at_once(message: str, first_line: str) -> None:
    messages, _ = run_action(ActionUrgentHelp(), make_tracker(message, "urgent_risk"))
    text = messages[0]["text"]
    assert first_line in text and "999" in text
    assert "01632 960100" in text and "01632 960101" in text
    assert "Childline free on 0800 1111" in text
    assert "Samaritans free on 116 123" in text
