"""A vague message ("review", "budget??", "can they do that") gets one specific question,
with its likely meanings as buttons, from knowledge/guides/clarify.yml. Asked by
action_fallback when the router (bot/triage.py) finds a message too vague to answer."""

from __future__ import annotations

from actions import answers
from knowledge.guides import ClarifyGuide, ClarifyingQuestion
from knowledge.query import spaced_words


def clarifying_question(text: str, guide: ClarifyGuide) -> ClarifyingQuestion:
    """The first question whose words are in the message, else the general one.

    >>> clarifying_question("review??", kb.clarify_guide()).question
    'Which review do you mean?'
    """
    said = spaced_words(text)
    return next((term for term in guide.terms
                 if any(spaced_words(word) in said for word in term.words)), guide.default)


def clarifying_message(text: str, guide: ClarifyGuide) -> answers.Message:
    """The question, with its meanings and "Talk to a person" as buttons."""
    question = clarifying_question(text, guide)
    buttons = list(question.options)
    if answers.TALK_TO_A_PERSON not in buttons:
        buttons.append(answers.TALK_TO_A_PERSON)
    return {"text": question.question, "buttons": buttons}
