"""Nothing is lost when the web app or the Rasa server restarts in the middle of a handoff:
every message, on both sides, arrives."""

from __future__ import annotations

import uuid

import httpx

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack
from web.staff_auth import CSRF_HEADER

PASSWORD = "restart test password"


def staff_client(stack: Stack) -> tuple[httpx.Client, dict[str, str]]:
    client = httpx.Client(base_url=stack.config.web_url, timeout=30)
    login = client.post("/api/staff/login", json={"email": "kim@example.org",
                                                  "password": PASSWORD})
    assert login.status_code == 200, login.text
    return client, {CSRF_HEADER: login.json()["csrf_token"]}


def test_messages_survive_restarts_of_the_web_app_and_rasa(stack: Stack,
                                                            http: httpx.Client) -> None:
    StaffAccounts(CaseworkStore(stack.config.var_dir / "casework.db")).save_user(
        "kim@example.org", "Kim", "staff", PASSWORD)
    family = f"it-{uuid.uuid4().hex}"
    chat = lambda text: http.post("/api/chat", json={"session_id": family,   # noqa: E731
                                                     "message": text}).json()
    assert chat("I need to speak to someone")["handoff"] is True
    staff, change = staff_client(stack)
    [case] = [c for c in staff.get("/api/staff/escalations").json()
              if c["session_id"] == family]
    path = f"/api/staff/escalations/{case['id']}"
    staff.post(f"{path}/claim", headers=change)
    staff.post(f"{path}/messages", headers=change, json={"text": "one, before restarts"})

    stack.restart("web")                                   # the web app restarts
    assert chat("two, after the web app restarted")["handoff"] is True
    staff, change = staff_client(stack)                    # sessions are in the store...
    staff.post(f"{path}/messages", headers=change, json={"text": "three, after web"})

    stack.restart("rasa")                                  # ...and Rasa restarts
    assert chat("four, after Rasa restarted")["handoff"] is True
    staff.post(f"{path}/messages", headers=change, json={"text": "five, after Rasa"})

    to_family = [m["text"] for m in http.get(f"/api/chat/{family}/messages").json()["messages"]]
    assert to_family == ["one, before restarts", "three, after web", "five, after Rasa"]
    detail = staff.get(path).json()
    assert [m["text"] for m in detail["messages"] if m["sender"] == "family"] == [
        "two, after the web app restarted", "four, after Rasa restarted"]
    said = [line["text"] for line in detail["transcript"]]
    for text in ("one, before restarts", "two, after the web app restarted",
                 "three, after web", "four, after Rasa restarted", "five, after Rasa"):
        assert text in said, f"{text!r} is missing from Rasa's transcript"

    staff.post(f"{path}/resolve", headers=change, json={"outcome": "done"})
    back = chat("what is the local offer?")
    assert back["handoff"] is False and "Where this comes from:" in back["messages"][0]["text"]
