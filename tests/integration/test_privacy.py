"""Privacy through the real processes: the logs of all three processes carry no message
text or personal identifiers, and an admin can erase a family's conversation from Rasa's
tracker store and the staff store."""

from __future__ import annotations

import uuid

import httpx

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack
from tests.integration.chat import ask
from web.staff_auth import CSRF_HEADER

PASSWORD = "privacy test password"
IDENTIFIERS = ["Zebedee", "zebedee.family@example.com", "07700 900987", "AB12 3CD",
               "943 476 5919"]
MESSAGE = (f"my son {IDENTIFIERS[0]} is 9, email {IDENTIFIERS[1]} or call {IDENTIFIERS[2]}, "
           f"we live at {IDENTIFIERS[3]}, NHS number {IDENTIFIERS[4]}, can he get an ehcp")


def rasa_events(stack: Stack, session_id: str) -> list[dict]:
    tracker = httpx.get(f"http://127.0.0.1:{stack.config.rasa_port}/conversations/"
                        f"{session_id}/tracker", params={"token": stack.config.rasa_token})
    return tracker.json()["events"] or []


def test_the_logs_carry_no_message_text_or_identifiers(stack: Stack,
                                                       http: httpx.Client) -> None:
    family = f"it-{uuid.uuid4().hex}"
    ask(http, MESSAGE, family)
    ask(http, "can i talk to a person please", family, handoff=True)
    ask(http, MESSAGE, family, handoff=True)                  # to the staff thread
    logs = "\n".join(path.read_text(errors="replace")
                     for path in (stack.config.var_dir / "logs").glob("*.log"))
    assert logs, "the processes write logs"
    for identifier in [*IDENTIFIERS, "can he get an ehcp", family]:
        assert identifier.lower() not in logs.lower(), identifier


def test_an_admin_erases_a_conversation_from_both_stores(stack: Stack,
                                                         http: httpx.Client) -> None:
    store = CaseworkStore(stack.config.var_dir / "casework.db")
    StaffAccounts(store).save_user("eve@example.org", "Eve", "admin", PASSWORD)
    family, other = f"it-{uuid.uuid4().hex}", f"it-{uuid.uuid4().hex}"
    for session in (family, other):
        ask(http, "what is an ehcp", session)
        ask(http, "can i talk to a person please", session, handoff=True)
    assert any(e["event"] == "user" for e in rasa_events(stack, family))

    with httpx.Client(base_url=stack.config.web_url, timeout=30) as staff:
        login = staff.post("/api/staff/login", json={"email": "eve@example.org",
                                                     "password": PASSWORD}).json()
        erased = staff.post("/api/staff/erase", headers={CSRF_HEADER: login["csrf_token"]},
                            json={"session_id": family})
    assert erased.status_code == 200 and erased.json()["tracker_events"] > 0
    assert not any(e["event"] == "user" for e in rasa_events(stack, family))
    assert any(e["event"] == "user" for e in rasa_events(stack, other))
    assert store.db["escalation"].count_where("session_id = ?", [family]) == 0
    assert store.db["escalation"].count_where("session_id = ?", [other]) == 1
    after = ask(http, "what is an ehcp", family)          # a clean start, not an error
    assert after["messages"]
