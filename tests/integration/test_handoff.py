"""Issue 5's round trip through the real processes: a family asks for a person, a member
of staff logs in, claims the case, replies; the family gets the reply, answers; staff
resolve; the assistant carries on."""

from __future__ import annotations

import time
import uuid

import httpx

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack
from web.staff_auth import CSRF_HEADER

PASSWORD = "integration test password"


def post_chat(http: httpx.Client, session_id: str, message: str) -> dict:
    response = http.post("/api/chat", json={"session_id": session_id, "message": message})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_whole_handoff_round_trip(stack: Stack, http: httpx.Client) -> None:
    StaffAccounts(CaseworkStore(stack.config.var_dir / "casework.db")).save_user(
        "sam@example.org", "Sam", "staff", PASSWORD)
    family = f"it-{uuid.uuid4().hex}"

    started = post_chat(http, family, "can i talk to a real person please")
    assert started["handoff"] is True
    assert "Your reference is SEND-" in started["messages"][0]["text"]

    with httpx.Client(base_url=stack.config.web_url, timeout=30) as staff:
        login = staff.post("/api/staff/login", json={"email": "sam@example.org",
                                                     "password": PASSWORD})
        assert login.status_code == 200
        change = {CSRF_HEADER: login.json()["csrf_token"]}
        [case] = [c for c in staff.get("/api/staff/escalations").json()
                  if c["session_id"] == family]
        assert staff.post(f"/api/staff/escalations/{case['id']}/claim",
                          headers=change).json()["claimed_by"] == "sam@example.org"

        sent_at = time.monotonic()
        assert staff.post(f"/api/staff/escalations/{case['id']}/messages", headers=change,
                          json={"text": "Hello, I'm Sam from the SEND Team. How can I help?"}
                          ).status_code == 201
        replies: list = []
        while not replies and time.monotonic() - sent_at < 2:
            replies = http.get(f"/api/chat/{family}/messages").json()["messages"]
            time.sleep(0.1)
        assert [(r["staff_name"], r["text"][:16]) for r in replies] == [
            ("Sam", "Hello, I'm Sam f")], "the family gets the reply within 2 seconds"
        print(f"staff reply delivered to the family's chat in "
              f"{(time.monotonic() - sent_at) * 1000:.0f} ms (polling every 100 ms)")

        answer = post_chat(http, family, "my son's EHCP review is late, what can I do?")
        assert answer == {"session_id": family, "messages": [], "handoff": True}
        detail = staff.get(f"/api/staff/escalations/{case['id']}").json()
        assert [m["sender"] for m in detail["messages"]] == ["staff", "family"]
        said = [(line["from"], line["text"][:12]) for line in detail["transcript"]]
        assert ("staff", "Hello, I'm S") in said and ("family", "my son's EHC") in said

        resolved = staff.post(f"/api/staff/escalations/{case['id']}/resolve",
                              headers=change, json={"outcome": "Explained late reviews"})
        assert resolved.json()["status"] == "resolved"

    last = http.get(f"/api/chat/{family}/messages",
                    params={"after": replies[0]["id"]}).json()
    assert last["handoff"] is False and "finished helping" in last["messages"][-1]["text"]
    rate = {b["title"]: b["payload"] for b in last["messages"][-1]["buttons"]}
    rated = post_chat(http, family, rate["It helped a bit"])
    assert rated["messages"][0]["text"].startswith("Thank you for telling us how we did.")
    with httpx.Client(base_url=stack.config.web_url, timeout=30) as staff:
        staff.post("/api/staff/login", json={"email": "sam@example.org", "password": PASSWORD})
        assert staff.get(f"/api/staff/escalations/{case['id']}").json()["case"]["rating"] \
            == "helped_a_bit"
        assert staff.get("/api/staff/analytics").json()["ratings"].get("helped_a_bit", 0) >= 1
    back = post_chat(http, family, "what is the local offer?")
    assert back["handoff"] is False and "Where this comes from:" in back["messages"][0]["text"]
