"""POST /api/chat: one message in, the assistant's replies out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from web.dependencies import RasaDep
from web.errors import ServiceUnavailable, contact_sentence
from web.rasa_client import RasaUnavailable
from web.schemas import BotMessage, ChatRequest, ChatResponse, ErrorResponse

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
    responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
)
async def chat(request: ChatRequest, rasa: RasaDep) -> ChatResponse:
    try:
        replies = await rasa.send(request.session_id, request.message)
    except RasaUnavailable as error:
        raise ServiceUnavailable(f"Rasa: {error}") from error
    messages = to_messages(replies)
    if not messages:
        actions = await rasa.actions_health()
        if not actions.ok:
            raise ServiceUnavailable(actions.detail)
        messages = [BotMessage(text="Sorry, I don't have an answer to that. "
                                    + contact_sentence())]
    return ChatResponse(session_id=request.session_id, messages=messages, handoff=False)
