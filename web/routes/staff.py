"""The staff API: log in and out, and the queue of escalations.

Every route but log-in needs a staff session (tests walk the route table to
check this).
"""

from __future__ import annotations

import time
from typing import Literal

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from casework.analytics import Analytics
from casework.handoff import CaseNotFound, Handoffs, closing_message
from casework.staff_accounts import (EMAIL, LOCK_MINUTES, MIN_PASSWORD_LENGTH, SESSION_HOURS,
                                     AccountError, LoginRefused, StaffSession)
from casework.store import CaseworkStore, Escalation
from knowledge.query import KnowledgeBase, KnowledgeBaseUnavailable
from knowledge.sources import load_council
from web.config import Settings
from web.dependencies import RasaDep, SettingsDep
from web.errors import ServiceUnavailable
from web.rasa_client import RasaClient, RasaUnavailable
from web.schemas import UNREADABLE, After, RowId, SessionId, problems
from web.staff_auth import COOKIE, AccountsDep, StaffChangeDep, StaffDep

router = APIRouter(prefix="/api/staff", responses=problems(401))


class Login(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)


class Me(BaseModel):
    email: str
    name: str
    role: str
    csrf_token: str


class Text(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


class Outcome(BaseModel):
    outcome: str = Field(min_length=1, max_length=500)


# casework's email rule, with control characters left out by name: "\s" takes in different
# ones in Python, in JSON Schema and in pydantic, and the schema must say what we accept.
EMAIL_PATTERN = EMAIL.pattern.replace(r"[^@\s]", rf"[^@\s{UNREADABLE}]")


class NewUser(BaseModel):
    email: str = Field(min_length=3, max_length=254, pattern=EMAIL_PATTERN)
    name: str = Field(default="", max_length=100)
    role: Literal["staff", "admin"] = "staff"
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=1000)


class UserOut(BaseModel):
    email: str
    name: str
    role: str
    locked: bool


class CaseDetail(BaseModel):
    case: Escalation
    transcript: list[dict]
    messages: list[dict]
    notes: list[dict]


def case_or_404(request: Request, case_id: int) -> tuple[Handoffs, Escalation]:
    handoffs: Handoffs = request.app.state.handoffs
    try:
        return handoffs, handoffs.case(case_id)
    except CaseNotFound:
        raise HTTPException(status_code=404, detail="There is no case with that number.") \
            from None


async def transcript_or_none(rasa: RasaClient, session_id: str) -> list[dict] | None:
    """The conversation from Rasa's tracker; None while Rasa cannot be reached."""
    try:
        return await rasa.transcript(session_id)
    except RasaUnavailable:
        return None


@router.post("/login", response_model=Me, responses=problems(423))
def log_in(body: Login, response: Response, accounts: AccountsDep,
           settings: SettingsDep) -> Me:
    try:
        token, session = accounts.log_in(body.email, body.password)
    except LoginRefused as refused:
        if refused.locked:
            raise HTTPException(status_code=423, detail=(
                f"Too many wrong passwords. The account is locked for {LOCK_MINUTES} minutes.")
            ) from None
        raise HTTPException(status_code=401,
                            detail="That email or password is not right.") from None
    response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="strict", secure=settings.secure_cookies, path="/")
    return Me(**vars(session))


@router.post("/logout", status_code=204, responses=problems(403))
def log_out(request: Request, response: Response, staff: StaffChangeDep,
            accounts: AccountsDep) -> Response:
    accounts.log_out(request.cookies.get(COOKIE, ""))
    response.delete_cookie(COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", response_model=Me)
def me(staff: StaffDep) -> Me:
    return Me(**vars(staff))


@router.get("/escalations", response_model=list[Escalation])
def escalations(staff: StaffDep, request: Request,
                status: Literal["open", "claimed", "resolved"] = "open"
                ) -> list[Escalation]:
    """Most urgent first, then oldest first."""
    store: CaseworkStore = request.app.state.casework
    return store.escalations(status)


@router.get("/escalations/{id}", response_model=CaseDetail, responses=problems(404, 503))
async def case_detail(id: RowId, request: Request, staff: StaffDep, accounts: AccountsDep,
                      rasa: RasaDep) -> CaseDetail:
    """The case, the whole conversation from Rasa's tracker, messages and notes."""
    handoffs, case = case_or_404(request, id)
    transcript = await transcript_or_none(rasa, case.session_id)
    if transcript is None:
        raise ServiceUnavailable("Rasa cannot be reached for the transcript")
    accounts.record(staff.email, "opened", case.id)
    return CaseDetail(case=case, transcript=transcript,
                      messages=[vars(m) for m in handoffs.messages(case)],
                      notes=handoffs.notes(case))


@router.post("/escalations/{id}/claim", response_model=Escalation,
             responses=problems(403, 404, 409))
def claim(id: RowId, request: Request, staff: StaffChangeDep,
          accounts: AccountsDep) -> Escalation:
    handoffs, case = case_or_404(request, id)
    if case.status == "resolved":
        raise HTTPException(status_code=409, detail="This case is already resolved.")
    handoffs.claim(case, staff.email)
    accounts.record(staff.email, "claimed", case.id)
    return handoffs.case(id)


@router.post("/escalations/{id}/messages", status_code=201,
             responses=problems(403, 404, 409))
async def reply(id: RowId, body: Text, request: Request, staff: StaffChangeDep,
                accounts: AccountsDep, rasa: RasaDep) -> dict:
    """Send a reply to the family: kept in the case (the family's chat polls it) and
    written into Rasa's tracker as a bot event marked as from staff."""
    handoffs, case = case_or_404(request, id)
    if case.status == "resolved":
        raise HTTPException(status_code=409, detail="This case is already resolved.")
    message = handoffs.add_message(case, "staff", body.text, staff_name=staff.name)
    accounts.record(staff.email, "replied", case.id)
    try:
        await rasa.append_events(case.session_id, [{
            "event": "bot", "text": body.text, "timestamp": time.time(),
            "metadata": {"from_staff": True, "staff_name": staff.name}}])
    except RasaUnavailable:
        pass  # the family still gets it from the case; the transcript misses one line
    return {"id": message.id}


class CaseMessageOut(BaseModel):
    id: int
    sender: str
    staff_name: str | None
    text: str
    created_at: str
    buttons: list[dict[str, str]] | None = None


@router.get("/escalations/{id}/messages", response_model=list[CaseMessageOut],
            responses=problems(404))
def case_messages(id: RowId, request: Request, staff: StaffDep,
                  after: After = 0) -> list[CaseMessageOut]:
    """The case's messages both ways since message `after` (what a case page polls)."""
    handoffs, case = case_or_404(request, id)
    return [CaseMessageOut(**vars(m)) for m in handoffs.messages(case) if m.id > after]


@router.post("/escalations/{id}/notes", status_code=201, responses=problems(403, 404))
def note(id: RowId, body: Text, request: Request, staff: StaffChangeDep,
         accounts: AccountsDep) -> dict:
    handoffs, case = case_or_404(request, id)
    handoffs.add_note(case, staff.email, body.text)
    accounts.record(staff.email, "noted", case.id)
    return {"ok": True}


@router.post("/escalations/{id}/resolve", response_model=Escalation,
             responses=problems(403, 404, 503))
async def resolve(id: RowId, body: Outcome, request: Request, staff: StaffChangeDep,
                  accounts: AccountsDep, rasa: RasaDep) -> Escalation:
    """Close the case and give the conversation back to the assistant."""
    handoffs, case = case_or_404(request, id)
    closing, buttons = closing_message(load_council()["send_team"]["name"])
    try:
        await rasa.resume(case.session_id, {
            "text": closing, "data": {"buttons": buttons},
            "metadata": {"from_staff": True, "staff_name": staff.name}})
    except RasaUnavailable as error:
        raise ServiceUnavailable(f"Rasa: {error}") from error
    handoffs.add_message(case, "staff", closing, staff_name=staff.name, buttons=buttons)
    handoffs.resolve(handoffs.case(id), body.outcome)
    accounts.record(staff.email, "resolved", case.id, detail=body.outcome)
    return handoffs.case(id)


def require_admin(staff: StaffSession, to: str = "manage staff users") -> None:
    if staff.role != "admin":
        raise HTTPException(status_code=403, detail=f"Only an admin can {to}.")


@router.get("/users", response_model=list[UserOut], responses=problems(403))
def users(staff: StaffDep, accounts: AccountsDep) -> list[UserOut]:
    require_admin(staff)
    return [UserOut(**user) for user in accounts.users()]


@router.post("/users", response_model=UserOut, status_code=201, responses=problems(403))
def save_user(body: NewUser, staff: StaffChangeDep, accounts: AccountsDep) -> UserOut:
    """Create a staff user, or reset one's name, role and password (admins only)."""
    require_admin(staff)
    try:
        accounts.save_user(body.email, body.name, body.role, body.password)
    except AccountError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    accounts.record(staff.email, "saved_user", detail=body.email.strip().lower())
    return next(UserOut(**u) for u in accounts.users()
                if u["email"] == body.email.strip().lower())


class HandoffTopic(BaseModel):
    key: str
    title: str
    chosen: bool


class TopicChoice(BaseModel):
    topics: list[str] = Field(max_length=100)


def topic_titles(settings: Settings) -> dict[str, str]:
    try:
        return {t.key: t.title for t in KnowledgeBase.open(settings.knowledge_base).topics()}
    except KnowledgeBaseUnavailable as error:
        raise ServiceUnavailable(str(error)) from error


def handoff_topics(request: Request, settings: Settings) -> list[HandoffTopic]:
    """Every topic, and whether the assistant hands its questions to the team."""
    handoffs: Handoffs = request.app.state.handoffs
    chosen = set(handoffs.topics(load_council()["send_team"].get("handoff_topics", [])))
    return [HandoffTopic(key=key, title=title, chosen=key in chosen)
            for key, title in topic_titles(settings).items()]


@router.get("/handoff-topics", response_model=list[HandoffTopic], responses=problems(503))
def get_handoff_topics(staff: StaffDep, request: Request,
                       settings: SettingsDep) -> list[HandoffTopic]:
    return handoff_topics(request, settings)


@router.post("/handoff-topics", response_model=list[HandoffTopic],
             responses=problems(403, 503))
def choose_handoff_topics(body: TopicChoice, staff: StaffChangeDep, request: Request,
                          settings: SettingsDep, accounts: AccountsDep) -> list[HandoffTopic]:
    """Choose the topics the assistant answers and then hands to the team (admins only)."""
    require_admin(staff, "choose the handoff topics")
    handoffs: Handoffs = request.app.state.handoffs
    try:
        chosen = handoffs.choose_topics(body.topics, set(topic_titles(settings)), staff.email)
    except ValueError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    accounts.record(staff.email, "chose_handoff_topics", detail=", ".join(chosen) or "none")
    return handoff_topics(request, settings)


class EraseRequest(BaseModel):
    session_id: SessionId


class ErasedOut(BaseModel):
    tracker_events: int
    staff_rows: int


@router.post("/erase", response_model=ErasedOut, responses=problems(403, 404))
def erase_conversation(body: EraseRequest, request: Request, staff: StaffChangeDep,
                       accounts: AccountsDep) -> ErasedOut:
    """Erase a family's conversation on request, from both stores (admins only)."""
    require_admin(staff, "erase a conversation")
    erased = request.app.state.retention.erase(body.session_id)
    if not (erased.tracker_events or erased.staff_rows):
        raise HTTPException(status_code=404,
                            detail="There is no conversation with that session id.")
    accounts.record(staff.email, "erased_conversation", detail=body.session_id)
    return ErasedOut(**vars(erased))


class FeedbackOut(BaseModel):
    id: int
    text: str
    created_at: str
    response: str | None
    answered_by: str | None
    published: bool


@router.get("/feedback", response_model=list[FeedbackOut])
def feedback(staff: StaffDep, request: Request) -> list[FeedbackOut]:
    """Comments families left through the chat (already redacted when kept)."""
    store: CaseworkStore = request.app.state.casework
    return [FeedbackOut(**{**row, "published": bool(row["published"])})
            for row in store.feedback()]


@router.post("/feedback/{id}/response", status_code=204, responses=problems(403, 404))
def answer_feedback(id: RowId, body: Text, request: Request, staff: StaffChangeDep,
                    accounts: AccountsDep) -> Response:
    store: CaseworkStore = request.app.state.casework
    if not store.answer_feedback(id, body.text, staff.email):
        raise HTTPException(status_code=404, detail="There is no comment with that number.")
    accounts.record(staff.email, "answered_feedback", detail=str(id))
    return Response(status_code=204)


@router.post("/feedback/{id}/publish", status_code=204, responses=problems(403, 409))
def publish_feedback(id: RowId, request: Request, staff: StaffChangeDep,
                     accounts: AccountsDep) -> Response:
    store: CaseworkStore = request.app.state.casework
    if not store.publish_feedback(id):
        raise HTTPException(status_code=409,
                            detail="Only a comment with the council's answer can be published.")
    accounts.record(staff.email, "published_feedback", detail=str(id))
    return Response(status_code=204)


@router.get("/analytics")
def analytics(staff: StaffDep, request: Request) -> dict:
    """Conversations, top topics, questions the bot could not answer (redacted), the
    handoff rate, urgent cases and answer ratings."""
    return Analytics(request.app.state.casework).report()


@router.get("/analytics.csv", response_class=Response, responses={200: {
    "description": "Every analytics event, one a row",
    "content": {"text/csv": {"schema": {"type": "string"}}}}})
def analytics_csv(staff: StaffDep, request: Request) -> PlainTextResponse:
    return PlainTextResponse(Analytics(request.app.state.casework).csv(), media_type="text/csv",
                             headers={"Content-Disposition":
                                      'attachment; filename="send-assistant-analytics.csv"'})
