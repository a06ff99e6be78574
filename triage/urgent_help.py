"""What the assistant says when a child may be at risk, fitted to who is speaking.

One place for this wording, used by the action server (action_urgent_help, and the
safety line added to an answer when there is a concern) and by the web app (a
message during a handoff, or when Rasa is down), so a family hears the same help
whatever state the conversation is in. The numbers come from knowledge/council.yml.
"""

from __future__ import annotations

from typing import Any

YOUNG_PERSON, PARENT, PROFESSIONAL = "young_person", "parent", "professional"
MISSING = {"missing_runaway", "child_missing"}
UNWELL = {"self_harm", "suicide", "eating_disorder_crisis", "self_harm_or_suicide",
          "other_danger"}
CANNOT_COPE = "parent_cannot_cope"


def _first_line(kind: str | None, emergency: str, you: bool) -> str:
    """Call 999 first, in the words that fit what is happening."""
    if kind in MISSING:
        return f"If a child or young person is missing, call {emergency} now and tell the police."
    if kind in UNWELL:
        who = "you are" if you else "someone is"
        return (f"If {who} hurt, unwell or in danger right now, call {emergency} or go to "
                "A&E.")
    who = "you or someone else is" if you else "a child or anyone else is"
    return f"If {who} in danger right now, call {emergency}."


def _social_care(council: dict[str, Any]) -> str:
    care = council["childrens_social_care"]
    return (f"{council['short_name']} {care['name']}: {care['phone']} ({care['hours']} "
            f"Out of hours: {care['out_of_hours_phone']}).")


def _young_person(council: dict[str, Any], kind: str | None) -> list[str]:
    emergency = council["emergency"]
    return [
        "I'm really glad you told me. You are not in trouble, and you don't have to deal "
        "with this on your own.",
        _first_line(kind, emergency["police_ambulance"], you=True),
        f"Childline: call free on {emergency['childline']}, any time, day or night.",
        f"Samaritans: call free on {emergency['samaritans']}, any time.",
        "You can also talk to someone at " + _social_care(council),
    ]


def _parent(council: dict[str, Any], kind: str | None) -> list[str]:
    emergency = council["emergency"]
    lines = [
        "I'm so sorry you're dealing with this. You are not in trouble for telling me, "
        "and you don't have to deal with it alone.",
        _first_line(kind, emergency["police_ambulance"], you=False),
        "To talk to someone about a child's safety, call " + _social_care(council),
        "For a medical worry that is not an emergency, call NHS 111.",
    ]
    if kind == CANNOT_COPE:
        lines.insert(2, "If you feel you might hurt your child or yourself, make sure they "
                        "are somewhere safe, step away, and call someone now. Samaritans "
                        f"listen any time, free on {emergency['samaritans']}.")
    return lines


def _professional(council: dict[str, Any], kind: str | None) -> list[str]:
    emergency = council["emergency"]
    return [
        "Thank you for raising this. Please follow your safeguarding procedures now.",
        _first_line(kind, emergency["police_ambulance"], you=False),
        "Tell your designated safeguarding lead today. Write down what you saw or what the "
        "child said, in their own words, with the time.",
        "To make a referral, contact the front door for children's social care: "
        + _social_care(council),
        f"Children can call Childline free on {emergency['childline']}, any time.",
    ]


def _anyone(council: dict[str, Any], kind: str | None) -> list[str]:
    emergency = council["emergency"]
    return [
        "I'm really sorry this is happening. You are not in trouble for telling me, and "
        "you don't have to deal with it alone.",
        _first_line(kind, emergency["police_ambulance"], you=False),
        "To talk to someone about a child's safety, call " + _social_care(council),
        f"Children and young people can call Childline free on {emergency['childline']}, "
        "any time.",
        f"Anyone can call Samaritans free on {emergency['samaritans']}, day or night.",
    ]


BY_AUDIENCE = {YOUNG_PERSON: _young_person, PARENT: _parent, PROFESSIONAL: _professional}


def urgent_help(council: dict[str, Any], audience: str | None, kind: str | None) -> str:
    """Who to call now, said before anything else when a child may be at risk."""
    return "\n".join(BY_AUDIENCE.get(audience or "", _anyone)(council, kind))


def concern_line(council: dict[str, Any], audience: str | None) -> str:
    """One short safety line after an answer, when the question hints at a worry."""
    emergency = council["emergency"]
    if audience == YOUNG_PERSON:
        return (f"If you ever feel unsafe, you can call Childline free on "
                f"{emergency['childline']}, or {emergency['police_ambulance']} in an "
                "emergency. I can also put you in touch with a person.")
    if audience == PROFESSIONAL:
        return ("If this is a safeguarding concern, follow your setting's procedures and "
                "talk to your designated safeguarding lead.")
    care = council["childrens_social_care"]
    return (f"If you're worried a child is not safe, call {emergency['police_ambulance']} "
            f"in an emergency, or {care['name']} on {care['phone']}. I can also put you "
            "in touch with a person.")


def priority_case(council: dict[str, Any], reference: str) -> str:
    """Honest about when staff will see it: the team is not there at night."""
    team = council["send_team"]
    return (f"I have also asked the {team['name']} to look at this conversation first. "
            f"Your reference is {reference}. They are open {team['hours']}. "
            "Please don't wait for them if someone is in danger.")
