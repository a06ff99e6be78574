"""Work out a family's statutory dates: "we asked for an assessment on 3 March".

The person gives a date and says what happened on it; the answer lists what
must happen by when, says today's date and what was assumed, and cites each
rule. If the date or the event is missing, the assistant asks for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from actions.follow_ups import follows_up
from actions.statutory_dates import Deadline, deadlines
from actions.who_is_asking import situation_from
from knowledge.date_text import FoundDate, Mention, dates_in, event_mentions
from knowledge.guides import Timescales

APPEAL_EVENTS = ("decision_letter", "mediation_certificate")


def pair_dates(found: list[FoundDate], mentions: list[Mention],
               default_event: str | None) -> tuple[dict[str, FoundDate], list[FoundDate]]:
    """Give each date the event mentioned nearest before it (else after it, else the
    default). Returns the paired dates and those left without an event."""
    paired: dict[str, FoundDate] = {}
    unpaired = []
    for date in found:
        before = [m for m in mentions if m[1] <= date.start]
        after = [m for m in mentions if m[0] >= date.end]
        event = before[-1][2] if before else after[0][2] if after else default_event
        if event:
            paired.setdefault(event, date)
        else:
            unpaired.append(date)
    return paired, unpaired


def event_buttons(timescales: Timescales) -> list[dict[str, str]]:
    return [{"title": event.button, "payload": f'/ask_deadline{{"event_kind": "{event.key}"}}'}
            for event in timescales.events]


def _line(deadline: Deadline) -> str:
    when = " and ".join(answers.long_date(day) for day in deadline.dates)
    line = f"- {'Between' if len(deadline.dates) > 1 else 'By'} {when}: {deadline.rule.says}"
    if deadline.moved_because:
        line += f" (The deadline moved to this date because {deadline.moved_because}.)"
    return line + (" This date has passed." if deadline.passed else "")


def dates_message(timescales: Timescales, given: dict[str, FoundDate],
                  found: list[Deadline], today: dt.date) -> answers.Message:
    """The answer: today's date, what we were told, the dates, assumptions and sources."""
    told = []
    for key, date in given.items():
        event = timescales.event(key)
        assumed = (f" (you did not say the year, so I took it to be {date.day.year})"
                   if date.year_assumed else "")
        told.append(f"{event.name} on {answers.long_date(date.day)}{assumed}")
    notes = timescales.notes
    lines = [f"Today is {answers.long_date(today)}. You told me {' and '.join(told)}.", "",
             "Here is what should happen, and by when:", *map(_line, found)]
    citations = list(dict.fromkeys(d.rule.citation for d in found))
    extra = []
    if any(d.rule.appeal for d in found):
        extra += [notes["holidays"], notes["late"]]
        citations += [notes["holidays_citation"], notes["late_citation"]]
        if "decision_letter" not in given and "mediation_certificate" in given:
            extra.append(notes["need_decision_date"])
    if "assessment_request" in given:
        extra.append(notes["exceptions"])
        citations.append(notes["exceptions_citation"])
    text = "\n".join(lines) + "\n\n" + " ".join([*extra, f"What I assumed: {notes['assumptions']}"])
    buttons = [answers.TALK_TO_A_PERSON]
    if any(d.passed for d in found):
        buttons.insert(0, {"title": "What if a date is missed?", "payload": "/explain_complaints"})
    return {"text": f"{text}\n\n{answers.sources_line(tuple(citations))}", "buttons": buttons}


def _known(tracker: Tracker, today: dt.date) -> dict[str, FoundDate]:
    """Dates told earlier in this conversation (kept so an appeal can use both dates)."""
    known = tracker.get_slot("known_dates") or {}
    return {key: FoundDate(dt.date.fromisoformat(day), 0, 0) for key, day in known.items()
            if isinstance(day, str)}


def answer_dates(dispatcher: CollectingDispatcher, tracker: Tracker,
                 require_event: bool = True) -> list[dict[str, Any]] | None:
    """Answer with the family's dates if the message gives a date and what happened.

    Returns the slot events, or None when there is nothing to work out and
    require_event is False (the caller then answers in its own way).
    """
    today = dt.date.today()
    text = tracker.latest_message.get("text") or ""
    timescales = knowledge_base().timescales()
    typed = "" if text.startswith("/") else text
    found = dates_in(typed, today)
    pending = tracker.get_slot("pending_date")
    if not found and pending:
        found = [FoundDate(dt.date.fromisoformat(pending), 0, 0)]
    event_kind = tracker.get_slot("event_kind")
    given, unpaired = pair_dates(found, event_mentions(typed, timescales), event_kind)
    if not require_event and not given:
        return None
    if unpaired:
        dispatcher.utter_message(text="Thanks. What happened on that date?",
                                 buttons=event_buttons(timescales))
        return [SlotSet("pending_date", unpaired[0].day.isoformat())]
    if not given:
        event = timescales.event(event_kind) if event_kind else None
        if event:
            dispatcher.utter_message(text=f"What date was that ({event.name})? "
                                          "For example: 3 March 2026, or 03/03/2026.")
            return [SlotSet("event_kind", event.key)]
        dispatcher.utter_message(text="I can work out the legal deadlines for your case. "
                                      "What has happened? Choose one, then tell me the date.",
                                 buttons=event_buttons(timescales))
        return []
    known = _known(tracker, today)
    if set(given) & set(APPEAL_EVENTS):
        given = {**{k: v for k, v in known.items() if k in APPEAL_EVENTS}, **given}
    found_deadlines = deadlines(timescales, {k: v.day for k, v in given.items()},
                                situation_from(tracker), today)
    dispatcher.utter_message(**dates_message(timescales, given, found_deadlines, today))
    remembered = {**{k: v.day.isoformat() for k, v in known.items()},
                  **{k: v.day.isoformat() for k, v in given.items()}}
    return [SlotSet("known_dates", remembered), SlotSet("event_kind", None),
            SlotSet("pending_date", None)]


class ActionWorkOutDates(Action):
    def name(self) -> str:
        return "action_work_out_dates"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return answer_dates(dispatcher, tracker) or []
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
