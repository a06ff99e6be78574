"""A conversation handed to the SEND team: its messages both ways, notes and outcome.

While a case's `handoff` is on, the bot is paused (Rasa's ConversationPaused):
the family's messages go to the case, and staff replies come back to the
family's chat window. Resolving the case ends the handoff.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from casework.analytics import Analytics
from casework.store import CaseworkStore, Escalation, now_iso
from casework.team_hours import is_open, next_opening

ASSISTANT = "SEND assistant"
# How a family rates the help once a case is resolved: the closing message's buttons.
RATINGS = {"helped": "It helped", "helped_a_bit": "It helped a bit",
           "did_not_help": "It did not help"}
TOPICS_SETTING = "handoff_topics"
# What a family sends to take a conversation back from the queue before anyone picks it up.
LEAVE = "/leave_handoff"
LEAVE_BUTTON = {"title": "Carry on with the assistant instead", "payload": LEAVE}
CLOSING = ("The {team} has finished helping with this conversation. Did it help? "
           "Tap a button to tell us. I'm here again if you have another question.")


@dataclass(frozen=True)
class CaseMessage:
    id: int
    sender: str          # "family" or "staff"
    staff_name: str | None
    text: str
    created_at: str
    buttons: list[dict[str, str]] | None = None


def closing_message(team: str) -> tuple[str, list[dict[str, str]]]:
    """What the family sees when staff resolve the case: thanks, and the rating buttons."""
    buttons = [{"title": title, "payload": f'/give_feedback{{"rating": "{key}"}}'}
               for key, title in RATINGS.items()]
    return CLOSING.format(team=team), buttons


class CaseNotFound(LookupError):
    pass


class Handoffs:
    def __init__(self, store: CaseworkStore) -> None:
        self.store = store
        self.db = store.db

    def case(self, case_id: int) -> Escalation:
        if not self.db["escalation"].count_where("id = ?", [case_id]):
            raise CaseNotFound(case_id)
        return self.store.escalation(case_id)

    def start(self, case_id: int) -> None:
        self.db["escalation"].update(case_id, {"handoff": 1})

    def active(self, session_id: str) -> Escalation | None:
        """The case this conversation is handed to, if the bot is paused for it."""
        # Asked twice on every chat turn: plain SQL, as sqlite-utils' db["escalation"]
        # queries the schema for views each time.
        row = self.db.execute(
            "select id from escalation where session_id = ? and handoff = 1 "
            "and status != 'resolved' limit 1", [session_id]).fetchone()
        return self.store.escalation(row[0]) if row else None

    def add_message(self, case: Escalation, sender: str, text: str,
                    staff_name: str | None = None,
                    buttons: list[dict[str, str]] | None = None) -> CaseMessage:
        row = {"escalation_id": case.id, "session_id": case.session_id, "sender": sender,
               "staff_name": staff_name, "text": text, "created_at": now_iso(),
               "buttons": json.dumps(buttons) if buttons else None}
        row["id"] = self.db["case_message"].insert(row).last_pk
        return self._message(row)

    def messages(self, case: Escalation) -> list[CaseMessage]:
        return [self._message(row) for row in self.db["case_message"].rows_where(
            "escalation_id = ?", [case.id], order_by="id")]

    def staff_messages_for(self, session_id: str, after: int) -> list[CaseMessage]:
        """What staff have said to this family in its latest case since message `after`
        (what the chat polls): an earlier case's replies are not shown again."""
        return [self._message(row) for row in self.db["case_message"].rows_where(
            "session_id = ? and sender = 'staff' and id > ? and escalation_id = "
            "(select max(id) from escalation where session_id = ?)",
            [session_id, after, session_id], order_by="id")]

    def claim(self, case: Escalation, email: str) -> None:
        self.db["escalation"].update(case.id, {"status": "claimed", "claimed_by": email})

    def add_note(self, case: Escalation, email: str, text: str) -> None:
        self.db["case_note"].insert({"escalation_id": case.id, "email": email, "text": text,
                                     "created_at": now_iso()})

    def notes(self, case: Escalation) -> list[dict]:
        return list(self.db["case_note"].rows_where("escalation_id = ?", [case.id],
                                                    order_by="id"))

    def resolve(self, case: Escalation, outcome: str) -> None:
        self.db["escalation"].update(case.id, {"status": "resolved", "handoff": 0})
        self.add_note(case, case.claimed_by or "", f"Resolved: {outcome}")

    def topics(self, default: list[str]) -> list[str]:
        """The topics whose questions are handed to the team after the answer: what staff
        chose in the console, or the council's starting list."""
        chosen = self.store.setting(TOPICS_SETTING)
        return list(default) if chosen is None else chosen

    def choose_topics(self, topics: list[str], known: set[str], email: str) -> list[str]:
        unknown = sorted(set(topics) - known)
        if unknown:
            raise ValueError(f"There is no topic called {', '.join(unknown)}.")
        self.store.save_setting(TOPICS_SETTING, sorted(set(topics)), email)
        return sorted(set(topics))

    def rate(self, session_id: str, rating: str) -> bool:
        """Keep the family's rating on the case they were helped with (the latest resolved
        one) and count it for analytics; False if there is no such case."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {tuple(RATINGS)}")
        row = next(self.db["escalation"].rows_where(
            "session_id = ? and status = 'resolved'", [session_id], order_by="id desc",
            limit=1), None)
        if row is None:
            return False
        self.db["escalation"].update(row["id"], {"rating": rating})
        Analytics(self.store).record(session_id, "rating", rating)
        return True

    def pickup_due(self, case: Escalation, team: dict[str, Any]) -> dt.datetime:
        """When someone should have picked the case up: the stated minutes after it was
        opened, counted from the next opening time if the team was closed."""
        opened = dt.datetime.fromisoformat(case.created_at)
        start = opened if is_open(team["opening"], opened) else next_opening(
            team["opening"], opened)
        return start + dt.timedelta(minutes=team["pickup_minutes"])

    def notice_if_unanswered(self, case: Escalation, council: dict[str, Any],
                             now: dt.datetime) -> None:
        """Tell the family once if nobody has picked the case up in the stated time, and
        give the team's phone and email; the case stays in the queue."""
        team = council["send_team"]
        if case.status != "open" or now < self.pickup_due(case, team):
            return
        if any(m.staff_name == ASSISTANT for m in self.messages(case)):
            return
        self.add_message(case, "staff", staff_name=ASSISTANT, text=(
            f"Sorry, nobody from the {team['name']} has picked this up yet. Your message is "
            f"still in their queue. If it can't wait, call {team['phone']} ({team['hours']}) "
            f"or email {team['email']}."))

    @staticmethod
    def _message(row: dict) -> CaseMessage:
        return CaseMessage(id=row["id"], sender=row["sender"], staff_name=row["staff_name"],
                           text=row["text"], created_at=row["created_at"],
                           buttons=json.loads(row["buttons"]) if row.get("buttons") else None)
