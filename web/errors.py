"""Turn every failure into a plain message a parent can act on; never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from casework.staff_accounts import MIN_PASSWORD_LENGTH
from knowledge.sources import load_council
from web.schemas import MAX_MESSAGE_CHARACTERS, MAX_WORD_CHARACTERS

logger = logging.getLogger(__name__)

FIELD_PROBLEMS = {
    "message": "Please type a message of 1 to "
               f"{MAX_MESSAGE_CHARACTERS:,} characters.",
    "session_id": "The session id must be 8 to 64 letters, numbers, dashes or underscores.",
    "audience": "The audience must be parent, young_person or professional.",
    # the staff console's forms
    "text": "Please type 1 to 2,000 characters.",
    "outcome": "Please write the outcome in 1 to 500 characters.",
    "email": "Please give an email address.",
    "password": "Please give a password. A new one must be at least "
                f"{MIN_PASSWORD_LENGTH} characters long.",
    "name": "A name can be up to 100 characters.",
    "role": "The role must be staff or admin.",
    "topics": "Choose topics from the list.",
}
UNREADABLE = "There is a hidden character in it that we can't read. Please type it again."
# A broken rule that says more than the field's usual sentence (rules in web/schemas.py;
# string_unicode is pydantic's for text that cannot be written out as UTF-8).
RULE_PROBLEMS = {
    "unreadable_character": UNREADABLE,
    "string_unicode": UNREADABLE,
    "long_word": f"A word in your message is longer than {MAX_WORD_CHARACTERS} letters. "
                 "Please check it, or leave out long web addresses.",
}


class ServiceUnavailable(Exception):
    """A part of the assistant behind the web app is down."""


def contact_sentence() -> str:
    team = load_council()["send_team"]
    return (f"Please try again in a few minutes, or call the SEND Team on {team['phone']} "
            f"({team['hours']}), or email {team['email']}.")


def _problems(error: RequestValidationError) -> list[dict[str, str]]:
    problems = []
    for item in error.errors():
        if item["type"] == "json_invalid":
            problems.append({"field": "body", "problem": "The request body is not valid JSON."})
            continue
        field = str(item["loc"][-1]) if item["loc"] else "body"
        problems.append({"field": field, "problem": RULE_PROBLEMS.get(
            item["type"], FIELD_PROBLEMS.get(
                field, 'Send JSON like {"session_id": "...", "message": "..."}.'))})
    return problems


async def validation_failed(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = _problems(error)
    summary = " ".join(dict.fromkeys(p["problem"] for p in problems))
    return JSONResponse(status_code=422, content={"detail": summary, "errors": problems})


async def service_unavailable(request: Request, error: ServiceUnavailable) -> JSONResponse:
    logger.warning("chat unavailable: %s", error)
    return JSONResponse(status_code=503, content={
        "detail": "Sorry, the assistant is not working right now. " + contact_sentence()})


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method the path answers to: Starlette's 405 names only the first route that
    matches the path, and some paths have a GET and a POST route."""
    return ", ".join(method for method in METHODS if any(
        route.matches({**request.scope, "method": method})[0] is Match.FULL
        for route in request.app.router.routes))


async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    headers = getattr(error, "headers", None)
    if error.status_code == 405:
        headers = {**(headers or {}), "Allow": allowed_methods(request)}
    return JSONResponse(status_code=error.status_code, content={"detail": str(error.detail)},
                        headers=headers)


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s", request.url.path)
    return JSONResponse(status_code=500, content={
        "detail": "Sorry, something went wrong on our side. " + contact_sentence()})


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_failed)
    app.add_exception_handler(ServiceUnavailable, service_unavailable)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
