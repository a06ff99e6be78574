"""The staff console: server-rendered pages over the staff store.

The pages only read. Their forms send JSON to the staff API (web/static/staff.js,
with the session's CSRF token in a header), so every change goes through the
same checked routes the tests drive. Templates escape everything they show, and
the pages' Content-Security-Policy allows no inline script as a second guard.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo
from typing import Any, Literal

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from casework.analytics import Analytics
from casework.store import CaseworkStore
from web.dependencies import RasaDep, SettingsDep
from web.schemas import RowId
from web.routes.staff import case_or_404, handoff_topics, transcript_or_none
from casework.staff_accounts import StaffSession
from web.staff_auth import AccountsDep, MaybeStaffDep

UK = ZoneInfo("Europe/London")
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined)

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",   # pages hold children's details: never kept by a browser
}

REASONS = {
    "asked_for_person": "Asked to talk to a person",
    "two_misses": "The assistant did not understand twice",
}

router = APIRouter(prefix="/staff", include_in_schema=False)


def reason_text(reason: str) -> str:
    """Plain words for the reason a case was opened."""
    kind, _, detail = reason.partition(":")
    if kind == "urgent_risk":
        return f"Urgent: may be at risk ({detail.replace('_', ' ') or 'unclear'})"
    if kind == "topic":
        return f"Asked about {detail.replace('_', ' ')}"
    return REASONS.get(reason, reason.replace("_", " "))


def summary_facts(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """What the assistant knew when it handed over, in words; "not known" where it did not."""
    plan = {True: "Yes", False: "No"}.get(summary.get("has_plan"), "not known")
    words = {key: str(summary[key]).replace("_", " ") if summary.get(key) is not None
             else "not known" for key in ("topic", "audience", "age", "setting")}
    return [("Topic", words["topic"]), ("Who is asking", words["audience"]),
            ("Age", words["age"]), ("Setting", words["setting"]), ("EHC plan", plan)]


def when(value: str | float | None) -> str:
    """An ISO time or a Unix timestamp as a UK date and time, as the team reads a clock."""
    if value is None or value == "":
        return ""
    moment = (dt.datetime.fromtimestamp(value, dt.timezone.utc)
              if isinstance(value, (int, float)) else dt.datetime.fromisoformat(value))
    return moment.astimezone(UK).strftime("%d %b %Y, %H:%M")


TEMPLATES.filters["reason_text"] = reason_text
TEMPLATES.filters["when"] = when


Page = Response   # a page, or the redirect to log in


def render(template: str, staff: StaffSession | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(template).render(staff=staff, **context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def is_admin(staff: StaffSession | None) -> bool:
    return staff is not None and staff.role == "admin"


def to_login() -> RedirectResponse:
    return RedirectResponse("/staff/login", status_code=303)


def page(staff: StaffSession | None, template: str, **context: Any) -> Page:
    """The page for the member of staff signed in; anyone else is sent to log in."""
    return to_login() if staff is None else render(template, staff, **context)


def bars(counts: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Rows of a bar chart, each bar's width as a share of the largest."""
    top = max((count for _, count in counts), default=0) or 1
    return [{"label": label.replace("_", " "), "count": count,
             "width": round(100 * count / top)} for label, count in counts]


@router.get("/login")
def login_page() -> HTMLResponse:
    return render("staff/login.html", None)


@router.get("")
def home() -> RedirectResponse:
    return RedirectResponse("/staff/cases", status_code=303)


@router.get("/cases")
def queue(request: Request, staff: MaybeStaffDep,
          status: Literal["open", "claimed", "resolved"] = "open") -> Page:
    store: CaseworkStore = request.app.state.casework
    return page(staff, "staff/queue.html", status=status, cases=store.escalations(status))


@router.get("/cases/{id}")
async def case_page(id: RowId, request: Request, staff: MaybeStaffDep, accounts: AccountsDep,
                    rasa: RasaDep) -> Page:
    if staff is None:
        return to_login()
    try:
        handoffs, case = case_or_404(request, id)
    except HTTPException as missing:
        return render("staff/message.html", staff, status_code=404, title="Case not found",
                      message=missing.detail)
    accounts.record(staff.email, "opened", case.id)
    return page(staff, "staff/case.html", case=case, facts=summary_facts(case.summary),
                transcript=await transcript_or_none(rasa, case.session_id),
                messages=handoffs.messages(case), notes=handoffs.notes(case))


@router.get("/feedback")
def feedback_page(request: Request, staff: MaybeStaffDep) -> Page:
    store: CaseworkStore = request.app.state.casework
    return page(staff, "staff/feedback.html", comments=store.feedback())


@router.get("/analytics")
def analytics_page(request: Request, staff: MaybeStaffDep) -> Page:
    report = Analytics(request.app.state.casework).report()
    return page(staff, "staff/analytics.html", report=report,
                topic_bars=bars(report["top_topics"]),
                rating_bars=bars(sorted(report["ratings"].items())))


@router.get("/topics")
def topics_page(request: Request, staff: MaybeStaffDep, settings: SettingsDep) -> Page:
    return page(staff, "staff/topics.html",
                topics=handoff_topics(request, settings) if is_admin(staff) else None)


@router.get("/users")
def users_page(staff: MaybeStaffDep, accounts: AccountsDep) -> Page:
    return page(staff, "staff/users.html",
                users=accounts.users() if is_admin(staff) else None)
