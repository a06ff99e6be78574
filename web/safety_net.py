"""Urgent help from the web app itself, where Rasa cannot give it.

While a conversation is with the SEND team, Rasa is paused and answers nothing; when
Rasa is down, it cannot answer at all. In both states a message suggesting a child is
at risk still gets urgent help at once (the same detector and wording as the
assistant's, from triage/), and the case is raised to urgent, or opened as urgent,
so it tops the staff queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.store import CaseworkStore, Escalation
from knowledge.sources import load_council
from triage.risk import risk_detector
from triage.urgent_help import urgent_help


@dataclass(frozen=True)
class UrgentHelp:
    case: Escalation
    text: str


def urgent_help_if_at_risk(store: CaseworkStore, session_id: str, text: str,
                           audience: str | None,
                           summary: dict[str, Any] | None = None) -> UrgentHelp | None:
    """Urgent help and an urgent case when the message suggests a risk; None otherwise.
    An open case for the conversation is raised to urgent rather than opened twice."""
    risk = risk_detector().assess(text)
    if not risk.urgent:
        return None
    case = store.record_escalation(session_id, f"urgent_risk:{risk.kind or 'unclear'}",
                                   "urgent", summary or {"audience": audience})
    return UrgentHelp(case, urgent_help(load_council(), audience, risk.kind))
