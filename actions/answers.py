"""Render knowledge-base records as chat messages: the one place answers are worded.

Every message about a rule ends with where it comes from, so a parent can check
it. Messages are plain text; the widget shows buttons for the follow-ups.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from casework.team_hours import is_open, when_opening
from knowledge.query import Service, is_stale
from knowledge.situation import Situation, applies
from knowledge.sources import GlossaryEntry, Topic

Message = dict[str, Any]
TELL_ME_MORE = {"title": "Tell me more", "payload": "/tell_me_more"}
TALK_TO_A_PERSON = {"title": "Talk to a person", "payload": "/ask_for_person"}


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def sources_line(citations: tuple[str, ...]) -> str:
    return "Where this comes from: " + "; ".join(citations) + "."


def follow_up_buttons(topic: Topic) -> list[dict[str, str]]:
    return [{"title": f.question, "payload": f"/explain_{f.topic}"} for f in topic.follow_ups]


def topic_summary(topic: Topic, glossary: list[GlossaryEntry],
                  situation: Situation = Situation()) -> Message:
    """The short answer to a topic question, for this person's situation, with its
    sources and follow-up buttons."""
    young_person = situation.audience == "young_person"
    notes = [note for note in topic.situation_notes if applies(note.when, situation)]
    text = " ".join([topic.young_person_summary if young_person else topic.summary,
                     *(note.text for note in notes)])
    citations = tuple(dict.fromkeys([*topic.citations, *(note.citation for note in notes)]))
    return {
        "text": f"{spell_out_acronyms(text, glossary)}\n\n{sources_line(citations)}",
        "buttons": [TELL_ME_MORE, *follow_up_buttons(topic)],
    }


WHO_IS_ASKING_BUTTONS = [
    {"title": "It's about me", "payload": '/tell_situation{"audience": "young_person"}'},
    {"title": "It's about my child", "payload": '/tell_situation{"audience": "parent"}'},
    {"title": "I work with children or young people",
     "payload": '/tell_situation{"audience": "professional"}'},
]


WHO_IS_ASKING = "Is this about you, or about your child?"
YOUNG_PERSON_FROM = 16


def who_is_asking(topic: Topic, situation: Situation) -> Message | None:
    """Ask who is asking only when this topic's answer depends on it and we don't know:
    it differs for young people, and nobody has said they are under 16."""
    if situation.audience or (situation.age is not None and situation.age < YOUNG_PERSON_FROM):
        return None
    if not any(n.when.get("audience") == "young_person" for n in topic.situation_notes):
        return None
    return {"text": f"The answer is different for young people aged 16 to 25. {WHO_IS_ASKING}",
            "buttons": WHO_IS_ASKING_BUTTONS}


def topic_details(topic: Topic, glossary: list[GlossaryEntry]) -> Message:
    """The longer answer, asked for with "tell me more"."""
    body = f"{topic.details}\n\nWhat you can do next: {topic.next_steps}"
    return {
        "text": f"{spell_out_acronyms(body, glossary)}\n\n{sources_line(topic.citations)}",
        "buttons": follow_up_buttons(topic),
    }


def service_card(service: Service, today: dt.date) -> Message:
    """One Local Offer service: who it is for, how to get it, cost, contact, freshness."""
    checked = f"Last checked: {long_date(service.last_checked)}."
    if is_stale(service.last_checked, today):
        checked += " This is more than a year ago, so please check the details with the service."
    lines = [
        f"{service.name} (run by {service.organization})",
        service.description,
        f"Who it is for: {service.eligibility}",
        f"How to get it: {service.how_to_access}",
        f"Cost: {service.fees}",
        f"Contact: {service.phone}, {service.email}, {service.url}",
        checked,
    ]
    return {"text": "\n".join(lines)}


def team_contact(council: dict[str, Any]) -> str:
    team = council["send_team"]
    return (f"You can call the {council['short_name']} {team['name']} on {team['phone']} "
            f"({team['hours']}), or email {team['email']}. "
            f"They aim to reply {team['reply_time']}.")


def accessible_contact(council: dict[str, Any]) -> str:
    """The other ways to reach the team, for someone who is Deaf, cannot use the phone or
    needs an interpreter."""
    ways = council["send_team"]["accessible_contact"]
    return ("You can reach the team in the way that works for you:\n"
            + "\n".join(f"- {' '.join(str(way).split())}" for way in ways.values()))


def emergency_line(council: dict[str, Any]) -> str:
    care = council["childrens_social_care"]
    return (f"If a child or young person is in danger right now, call "
            f"{council['emergency']['police_ambulance']}. To talk about a child's safety, "
            f"call {care['name']} on {care['phone']} (out of hours {care['out_of_hours_phone']}).")


def unavailable(council: dict[str, Any]) -> Message:
    """Said when the knowledge base cannot be read: never guess a rule."""
    return {"text": "Sorry, I can't look that up right now. " + team_contact(council),
            "buttons": [TALK_TO_A_PERSON]}


def spell_out_acronyms(text: str, glossary: list[GlossaryEntry]) -> str:
    """Spell out each acronym the first time it appears, unless the text already does.

    >>> spell_out_acronyms("Ask the SENCO.", [GlossaryEntry("SENCO", "...", "special ...")])
    'Ask the SENCO (special ...).'
    """
    for entry in glossary:
        if not entry.expansion or entry.expansion.lower() in text.lower():
            continue
        for name in (entry.term, *entry.aliases):
            first = acronym_in_text(name).search(text) if name.isupper() else None
            if first:
                text = f"{text[:first.end()]} ({entry.expansion}){text[first.end():]}"
                break
    return text


@functools.lru_cache(maxsize=None)
def acronym_in_text(name: str) -> re.Pattern[str]:
    """The acronym as a word of its own, not already followed by its meaning in brackets
    (compiled once: every answer checks every acronym in the glossary)."""
    return re.compile(rf"(?<![(\w]){re.escape(name)}(?![\w)]|\s*\()")


def term_meaning(entry: GlossaryEntry) -> Message:
    """What a word means, with a button to the full topic when there is one."""
    name = f"{entry.term} ({entry.expansion})" if entry.expansion else entry.term
    message: Message = {"text": f"{name}: {entry.meaning}"}
    if entry.topic:
        message["buttons"] = [{"title": f"Tell me more about {entry.term}",
                               "payload": f"/explain_{entry.topic}"}]
    return message


TOPIC_HANDOFF = ("The SEND Team helps with this person to person, so someone can look at "
                 "your own situation.\n\n")


def handoff_started(council: dict[str, Any], reference: str, now: dt.datetime) -> str:
    """What happens next when a person takes over: reference, when, and who to call."""
    team = council["send_team"]
    opening = team["opening"]
    if is_open(opening, now):
        when = (f"Someone should reply here within {team['pickup_minutes']} minutes. "
                "You can keep typing: they will see your messages.")
    else:
        when = (f"The team is closed now. They will read this and reply here "
                f"{when_opening(opening, now)}. You can also leave more messages now.")
    return "\n".join([
        f"I've passed this conversation to the {council['short_name']} {team['name']}. "
        f"Your reference is {reference}.",
        when,
        f"You can also call them on {team['phone']} ({team['hours']}), or email "
        f"{team['email']}.",
        emergency_line(council),
    ])
