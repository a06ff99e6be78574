"""The staff API: log in and out, and the queue of escalations.

Every route but log-in needs a staff session (tests walk the route table to
check this).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from casework.staff_accounts import LOCK_MINUTES, SESSION_HOURS, LoginRefused
from casework.store import CaseworkStore
from web.dependencies import SettingsDep
from web.staff_auth import COOKIE, AccountsDep, StaffChangeDep, StaffDep

router = APIRouter(prefix="/api/staff")


class Login(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)


class Me(BaseModel):
    email: str
    name: str
    role: str
    csrf_token: str


class EscalationOut(BaseModel):
    id: int
    reference: str
    session_id: str
    reason: str
    priority: str
    status: str
    created_at: str
    claimed_by: str | None
    summary: dict


@router.post("/login", response_model=Me, responses={401: {}, 423: {}})
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


@router.post("/logout", status_code=204)
def log_out(request: Request, response: Response, staff: StaffChangeDep,
            accounts: AccountsDep) -> Response:
    accounts.log_out(request.cookies.get(COOKIE, ""))
    response.delete_cookie(COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", response_model=Me)
def me(staff: StaffDep) -> Me:
    return Me(**vars(staff))


@router.get("/escalations", response_model=list[EscalationOut])
def escalations(staff: StaffDep, request: Request,
                status: Literal["open", "claimed", "resolved"] = "open"
                ) -> list[EscalationOut]:
    """Most urgent first, then oldest first."""
    store: CaseworkStore = request.app.state.casework
    return [EscalationOut(**vars(case)) for case in store.escalations(status)]
