"""POST /api/chat: one message in, the assistant's replies out.

While the conversation is handed to the SEND team, the person's message goes to
their case (and to Rasa's tracker, so the transcript is whole) and the answer
says `"handoff": true`; staff replies are fetched with
GET /api/chat/{session_id}/messages.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from typing import Any, Coroutine

from fastapi import APIRouter, Request

from casework.handoff import ASSISTANT, LEAVE, Handoffs
from casework.store import CaseworkStore, Escalation
from knowledge.sources import load_council
from triage.urgent_help import priority_case
from web.dependencies import RasaDep
from web.errors import ServiceUnavailable, contact_sentence
from web.rasa_client import RasaClient, RasaUnavailable
from web.safety_net import urgent_help_if_at_risk
from web.schemas import (After, BotMessage, ChatRequest, ChatResponse, NewSession,
                         PublishedComment, SessionId, StaffMessages, StaffReply, problems)

SESSION_ID_BYTES = 24
FORGETFUL = ("I can't save our conversation just now, so I may forget what you told me "
             "earlier. ")
BACK = "OK, you're talking to the assistant again. What would you like to know?"
LEFT = "The family went back to the assistant before anyone picked this up."
STAYS_URGENT = ("Because this may be about someone's safety, your conversation stays with the "
                "SEND Team, and a person will pick it up. If someone is in danger right now, "
                "call 999.")
# The widget's own controls send these, whatever the assistant last offered.
WIDGET_PAYLOADS = {"/ask_for_person", "/start_again"}

router = APIRouter()


def to_messages(replies: list[dict[str, Any]]) -> list[BotMessage]:
    """Keep the text and buttons of Rasa's replies; other kinds are not shown in the widget."""
    return [
        BotMessage(text=reply.get("text") or "", buttons=reply.get("buttons") or None)
        for reply in replies
        if reply.get("text") or reply.get("buttons")
    ]


@router.post(
    "/api/chat", response_model=ChatResponse, response_model_exclude_none=True,
    responses=problems(429, 503),
)
async def chat(request: ChatRequest, rasa: RasaDep, http_request: Request) -> ChatResponse:
    handoffs: Handoffs = http_request.app.state.handoffs
    case = handoffs.active(request.session_id)
    if request.message == LEAVE:
        return await leave_handoff(handoffs, case, request.session_id, rasa)
    if case is not None:
        return await message_to_the_team(handoffs, case, request, rasa)
    try:   # on a young people's page, answers are for the person asking
        text = await typed_or_offered(request.message, request.session_id, rasa)
        replies = await rasa.send(request.session_id, text,
                                  {"audience": request.audience} if request.audience else None)
    except RasaUnavailable as error:
        urgent = urgent_without_rasa(handoffs.store, request)
        if urgent is None:
            raise ServiceUnavailable(f"Rasa: {error}") from error
        return urgent
    messages = to_messages(replies)
    if http_request.app.state.tracker_watch.problem:
        messages.append(BotMessage(text=FORGETFUL + contact_sentence()))
    if handoffs.active(request.session_id) is not None:   # this message started a handoff
        return ChatResponse(session_id=request.session_id, messages=messages, handoff=True)
    if not messages:
        actions = await rasa.actions_health()
        if not actions.ok:
            raise ServiceUnavailable(actions.detail)
        messages = [BotMessage(text="Sorry, I don't have an answer to that. "
                                    + contact_sentence())]
    return ChatResponse(session_id=request.session_id, messages=messages, handoff=False)


async def typed_or_offered(message: str, session_id: str, rasa: RasaClient) -> str:
    """A message that looks like a button's payload ("/urgent_risk") is taken as one only
    if the assistant offered that button (or it is one of the widget's own); anything
    else is what the person typed, so it goes to Rasa as words, without the slash."""
    if not message.startswith("/") or message in WIDGET_PAYLOADS:
        return message
    if message in await rasa.offered_payloads(session_id):
        return message
    return message.lstrip("/").strip() or "?"


async def message_to_the_team(handoffs: Handoffs, case: Escalation, request: ChatRequest,
                              rasa: RasaClient) -> ChatResponse:
    """While the team has the conversation, the message goes to the case (and to Rasa's
    tracker, for the transcript). A message suggesting a child is at risk is answered at
    once with urgent help, and the case is raised to urgent, to the top of the queue."""
    handoffs.add_message(case, "family", request.message)
    urgent = urgent_help_if_at_risk(handoffs.store, request.session_id, request.message,
                                    case.summary.get("audience") or request.audience,
                                    case.summary)
    if urgent is None:
        await add_to_transcript(rasa, request.session_id, request.message)
        return ChatResponse(session_id=request.session_id, messages=[], handoff=True)
    handoffs.add_note(case, ASSISTANT, "This message suggests a child may be at risk. The "
                                       "family was given urgent help at once, and the case was "
                                       "raised to urgent.")
    # Urgent help must not wait for Rasa: the transcript is written after the reply.
    in_background(add_to_transcript(rasa, request.session_id, request.message, urgent.text))
    return ChatResponse(session_id=request.session_id, messages=[BotMessage(text=urgent.text)],
                        handoff=True)


async def add_to_transcript(rasa: RasaClient, session_id: str, message: str,
                            reply: str | None = None) -> None:
    """Rasa keeps the family's message (and the web app's reply) for the transcript; paused,
    it does not answer. A slash is not a button here: the bot is paused."""
    try:
        await rasa.send(session_id, message.lstrip("/") or "?")
        if reply:
            await rasa.append_events(session_id, [{"event": "bot", "text": reply}])
    except RasaUnavailable:
        pass  # the messages are safe in the case; staff see them there


_background: set[asyncio.Task[None]] = set()


def in_background(work: Coroutine[Any, Any, None]) -> None:
    """Run work after the reply, keeping a reference until it is done."""
    task = asyncio.get_running_loop().create_task(work)
    _background.add(task)
    task.add_done_callback(_background.discard)


def urgent_without_rasa(store: CaseworkStore, request: ChatRequest) -> ChatResponse | None:
    """Rasa is down: a message suggesting a child is at risk still gets urgent help and an
    urgent case; anything else gets the 503 with the team's contact details."""
    urgent = urgent_help_if_at_risk(store, request.session_id, request.message,
                                    request.audience)
    if urgent is None:
        return None
    return ChatResponse(session_id=request.session_id, handoff=False, messages=[
        BotMessage(text=urgent.text),
        BotMessage(text=priority_case(load_council(), urgent.case.reference))])


async def leave_handoff(handoffs: Handoffs, case: Escalation | None, session_id: str,
                        rasa: RasaClient) -> ChatResponse:
    """The family takes the conversation back from the queue: allowed until someone from
    the team picks the case up (then that person is already talking to them), and never
    for an urgent case."""
    def answer(text: str, handoff: bool) -> ChatResponse:
        return ChatResponse(session_id=session_id, messages=[BotMessage(text=text)],
                            handoff=handoff)
    if case is None:
        return answer(BACK, handoff=False)
    if case.priority == "urgent":
        return answer(STAYS_URGENT, handoff=True)
    if case.status != "open":
        return answer("Someone from the SEND Team is already helping you. They will hand "
                      "you back to the assistant when you have finished.", handoff=True)
    try:
        await rasa.resume(session_id, {"text": BACK})
    except RasaUnavailable as error:
        raise ServiceUnavailable(f"Rasa: {error}") from error
    handoffs.resolve(case, LEFT)
    return answer(BACK, handoff=False)


@router.get("/api/chat/{session_id}/messages", response_model=StaffMessages,
            response_model_exclude_none=True)
async def staff_replies(session_id: SessionId, http_request: Request,
                        after: After = 0) -> StaffMessages:
    """Staff replies since message `after`. The session id is the only key: it is long
    and random, so one family can never read another's."""
    handoffs: Handoffs = http_request.app.state.handoffs
    case = handoffs.active(session_id)
    if case is not None:
        handoffs.notice_if_unanswered(case, load_council(),
                                      dt.datetime.now(dt.timezone.utc))
    return StaffMessages(
        handoff=case is not None,
        messages=[StaffReply(id=m.id, text=m.text, staff_name=m.staff_name or "SEND Team",
                             created_at=m.created_at, buttons=m.buttons)
                  for m in handoffs.staff_messages_for(session_id, after)])


@router.get("/api/local-offer/comments", response_model=list[PublishedComment])
async def published_comments(http_request: Request) -> list[PublishedComment]:
    """Comments on the Local Offer with the council's response, as the Code asks
    ("You said, we did")."""
    return [PublishedComment(**row)
            for row in http_request.app.state.casework.published_feedback()]


@router.post("/api/chat/session", response_model=NewSession)
async def new_session() -> NewSession:
    """A fresh conversation id for clients that do not make their own: 192 random bits,
    so nobody can guess another family's id."""
    return NewSession(session_id=secrets.token_urlsafe(SESSION_ID_BYTES))
