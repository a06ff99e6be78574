"""Who the member of staff is: the session cookie, checked on every staff route.

Reads are allowed with a valid session; anything that changes something also
needs the session's CSRF token in the X-CSRF-Token header, which a page on
another site cannot read or send.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from casework.staff_accounts import StaffAccounts, StaffSession

COOKIE = "send_staff"
CSRF_HEADER = "X-CSRF-Token"


def get_accounts(request: Request) -> StaffAccounts:
    return request.app.state.staff


def signed_in(request: Request) -> StaffSession | None:
    return get_accounts(request).session(request.cookies.get(COOKIE))


def current_staff(request: Request) -> StaffSession:
    session = signed_in(request)
    if session is None:
        raise HTTPException(status_code=401, detail="Please log in.")
    return session


def staff_with_csrf(request: Request,
                    session: Annotated[StaffSession, Depends(current_staff)]) -> StaffSession:
    sent = request.headers.get(CSRF_HEADER, "")
    if not secrets.compare_digest(sent, session.csrf_token):
        raise HTTPException(status_code=403,
                            detail="This request is missing its security token. "
                                   "Reload the page and try again.")
    return session


AccountsDep = Annotated[StaffAccounts, Depends(get_accounts)]
StaffDep = Annotated[StaffSession, Depends(current_staff)]
# The console's pages send a visitor without a session to log in instead of refusing.
MaybeStaffDep = Annotated[StaffSession | None, Depends(signed_in)]
StaffChangeDep = Annotated[StaffSession, Depends(staff_with_csrf)]
