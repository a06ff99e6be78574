"""The chat API's request and response shapes (keep them stable: the widget,
the tests and outside evaluation all use them)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator

MAX_MESSAGE_CHARACTERS = 2000
SessionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]


class ChatRequest(BaseModel):
    session_id: SessionId = Field(description="8-64 letters, digits, '-' or '_'; "
                                              "the widget makes one per browser tab")
    message: str = Field(description="What the person typed (1-2,000 characters)")
    audience: Literal["parent", "young_person", "professional"] | None = Field(
        default=None, description="Who the page is for (the widget's data-audience), sent "
                                  "with a conversation's first message")

    @field_validator("message")
    @classmethod
    def message_has_words(cls, message: str) -> str:
        message = message.strip()
        if not message:
            raise ValueError("empty")
        if len(message) > MAX_MESSAGE_CHARACTERS:
            raise ValueError("too long")
        return message


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    text: str
    buttons: list[Button] | None = None


class ChatResponse(BaseModel):
    session_id: str
    messages: list[BotMessage]
    handoff: bool = False


class StaffReply(BaseModel):
    id: int
    text: str
    staff_name: str
    created_at: str
    buttons: list[Button] | None = None


class StaffMessages(BaseModel):
    handoff: bool
    messages: list[StaffReply]


class NewSession(BaseModel):
    session_id: SessionId


class PublishedComment(BaseModel):
    comment: str
    response: str
    date: str


class ComponentState(BaseModel):
    ok: bool
    detail: str


class HealthResponse(BaseModel):
    status: str = Field(description="'ok' when every part is up, otherwise 'unavailable'")
    rasa: ComponentState
    actions: ComponentState
    knowledge_base: ComponentState
    tracker_store: ComponentState = Field(description="where Rasa keeps conversations")


class ErrorResponse(BaseModel):
    detail: str
    errors: list[dict[str, str]] = []
