"""The chat API's request and response shapes (keep them stable: the widget,
the tests and outside evaluation all use them)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

MAX_MESSAGE_CHARACTERS = 2000
# Longer than any English word or the payload of any button; a longer "word" is usually
# a pasted code or a web address, which the assistant cannot use.
MAX_WORD_CHARACTERS = 60
SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
SessionId = Annotated[str, StringConstraints(pattern=SESSION_ID_PATTERN)]
# SQLite's integers are 64-bit: a larger number would fail in the database, not as a 422.
MAX_ROW_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=0, le=MAX_ROW_ID, description="A case's or comment's number")]
After = Annotated[int, Query(ge=0, le=MAX_ROW_ID, description="Only messages after this id")]

# Words are what lies between spaces, tabs and line breaks. Other control characters are
# never typed by a person (they come from pasted binary or from probing), so they are refused.
SPACES = " \t\n\r"
UNREADABLE = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"   # a regex class's contents
UNREADABLE_CHARACTER = re.compile(f"[{UNREADABLE}]")
LONG_WORD = re.compile(f"[^{SPACES}]{{{MAX_WORD_CHARACTERS + 1},}}")
_WORD = f"[^{SPACES}{UNREADABLE}]{{1,{MAX_WORD_CHARACTERS}}}"
# The same rules as one pattern, so the OpenAPI schema (and schemathesis) knows them.
MESSAGE_PATTERN = f"^[{SPACES}]*{_WORD}([{SPACES}]+{_WORD})*[{SPACES}]*$"


class ChatRequest(BaseModel):
    session_id: SessionId = Field(description="8-64 letters, digits, '-' or '_'; "
                                              "the widget makes one per browser tab")
    message: str = Field(
        max_length=MAX_MESSAGE_CHARACTERS, json_schema_extra={"pattern": MESSAGE_PATTERN},
        description=f"What the person typed: 1-2,000 characters, words of at most "
                    f"{MAX_WORD_CHARACTERS}, no control characters but tab and line breaks")
    audience: Literal["parent", "young_person", "professional"] | None = Field(
        default=None, description="Who the page is for (the widget's data-audience), sent "
                                  "with a conversation's first message")

    @field_validator("message")
    @classmethod
    def message_has_words(cls, message: str) -> str:
        """Each rule raises its own error type, so errors.py can say which one was broken."""
        message = message.strip(SPACES)
        if not message:
            raise ValueError("empty")
        if UNREADABLE_CHARACTER.search(message):
            raise PydanticCustomError("unreadable_character", "a control character")
        if LONG_WORD.search(message):
            raise PydanticCustomError("long_word", "a word that is too long")
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


# What each error status means, for the OpenAPI schema; every one has an ErrorResponse body.
ERROR_ANSWERS: dict[int, dict[str, Any]] = {
    401: {"description": "Not logged in as a member of staff"},
    403: {"description": "The security token is missing, or the role may not do this"},
    404: {"description": "There is no such case, comment or conversation"},
    409: {"description": "Not possible in the case's or comment's present state"},
    413: {"description": "The request body is too big"},
    422: {"description": "The input is not right; detail says why in plain words"},
    423: {"description": "The account is locked after too many wrong passwords"},
    429: {"description": "Too many messages; wait as long as Retry-After says",
          "headers": {"Retry-After": {"description": "Seconds to wait before trying again",
                                      "schema": {"type": "integer"}}}},
    503: {"description": "A part of the assistant behind the web app is down"},
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """A route's `responses=` for the errors it can answer, so the schema lists them all.

        @router.post("/claim", responses=problems(403, 404, 409))
    """
    return {code: {"model": ErrorResponse, **ERROR_ANSWERS[code]} for code in codes}
