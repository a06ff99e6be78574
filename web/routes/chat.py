"""POST /api/chat: one message in, the assistant's replies out.

While the conversation is handed to the SEND team, the person's message goes to
their case (and to Rasa's tracker, so the transcript is whole) and the answer
says `"handoff": true`; staff replies are fetched with
GET /api/chat/{session_id}/messages.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from fastapi import APIRouter, Request

from casework.handoff import LEAVE, Handoffs
from casework.store import Escalation
from knowledge.sources import load_council
from web.dependencies import RasaDep
from web.errors import ServiceUnavailable, contact_sentence
from web.rasa_client import RasaClient, RasaUnavailable
from web.schemas import (After, BotMessage, ChatRequest, ChatResponse, NewSession,
                         PublishedComment, SessionId, StaffMessages, StaffReply, problems)

SESSION_ID_BYTES = 24
FORGETFUL = ("I can't save our conversation just now, so I may forget what you told me "
             "earlier. ")
BACK = "OK, you're talking to the assistant again. What would you like to know?"
LEFT = "The family went back to the assistant before anyone picked this up."

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
        handoffs.add_message(case, "family", request.message)
        try:  # for the transcript: Rasa keeps the message and, paused, does not answer
            await rasa.send(request.session_id, request.message)
        except RasaUnavailable:
            pass  # the message is safe in the case; staff see it there
        return ChatResponse(session_id=request.session_id, messages=[], handoff=True)
    try:   # on a young people's page, answers are for the person asking
        replies = await rasa.send(request.session_id, request.message,
                                  {"audience": request.audience} if request.audience else None)
    except RasaUnavailable as error:
        raise ServiceUnavailable(f"Rasa: {error}") from error
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


async def leave_handoff(handoffs: Handoffs, case: Escalation | None, session_id: str,
                        rasa: RasaClient) -> ChatResponse:
    """The family takes the conversation back from the queue: allowed until someone from
    the team picks the case up (then that person is already talking to them)."""
    def answer(text: str, handoff: bool) -> ChatResponse:
        return ChatResponse(session_id=session_id, messages=[BotMessage(text=text)],
                            handoff=handoff)
    if case is None:
        return answer(BACK, handoff=False)
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
