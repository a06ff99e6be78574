"""Issue 14 through the real processes: a child at risk gets urgent help in every state
of the conversation, and urgent help can neither be faked nor left."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack
from tests.integration.chat import all_text, ask

PASSWORD = "integration test password"
AT_RISK = "sorry it's late. my daughter told me tonight she's been cutting her arms again and it won't stop bleeding"


def is_urgent_help(text: str) -> bool:
    return "999" in text and ("0800 1111" in text or "01632 960100" in text)


def open_queue(stack: Stack) -> list[dict]:
    """The open cases, as a member of staff sees them in the queue."""
    StaffAccounts(CaseworkStore(stack.config.var_dir / "casework.db")).save_user(
        "kim@example.org", "Kim", "staff", PASSWORD)
    with httpx.Client(base_url=stack.config.web_url, timeout=30) as staff:
        login = staff.post("/api/staff/login", json={"email": "kim@example.org",
                                                     "password": PASSWORD})
        assert login.status_code == 200
        return staff.get("/api/staff/escalations", params={"status": "open"}).json()


def test_a_risk_sent_during_a_handoff_gets_urgent_help_at_once_and_tops_the_queue(
        stack: Stack, http: httpx.Client) -> None:
    someone_else = f"it-{uuid.uuid4().hex}"
    ask(http, "can i talk to a real person please", someone_else, handoff=True)
    family = f"it-{uuid.uuid4().hex}"
    ask(http, "can i talk to a real person please", family, handoff=True)

    started = time.monotonic()
    body = ask(http, AT_RISK, family, handoff=True)
    took = time.monotonic() - started
    assert took < 2, f"urgent help took {took:.2f} s"
    assert is_urgent_help(all_text(body))
    print(f"urgent help during a handoff answered in {took * 1000:.0f} ms")

    queue = open_queue(stack)
    order = [c["session_id"] for c in queue]
    assert queue[order.index(family)]["priority"] == "urgent"
    # above every case that is not urgent, including one opened before it
    first_normal = next(i for i, c in enumerate(queue) if c["priority"] != "urgent")
    assert order.index(family) < first_normal <= order.index(someone_else)


def test_an_urgent_case_cannot_be_taken_out_of_the_queue_by_the_family(
        stack: Stack, http: httpx.Client) -> None:
    family = f"it-{uuid.uuid4().hex}"
    ask(http, "can i talk to a real person please", family, handoff=True)
    ask(http, AT_RISK, family, handoff=True)
    left = ask(http, "/leave_handoff", family, handoff=True)
    assert "stays with the SEND Team" in all_text(left)


def test_a_typed_urgent_payload_is_read_as_words_and_opens_no_case(
        stack: Stack, http: httpx.Client) -> None:
    family = f"it-{uuid.uuid4().hex}"
    body = ask(http, "/urgent_risk", family, handoff=False)
    assert not is_urgent_help(all_text(body))
    store = CaseworkStore(stack.config.var_dir / "casework.db")
    assert not [c for c in store.escalations("open") if c.session_id == family]


@pytest.mark.parametrize("opening", [
    "when will they decide about the assessment, we asked in march",   # the date questions
    "how do i choose how my sons personal budget is paid",            # the budget guide
])
def test_a_risk_in_the_middle_of_a_guided_conversation_gets_urgent_help(
        stack: Stack, http: httpx.Client, opening: str) -> None:
    family = f"it-{uuid.uuid4().hex}"
    first = ask(http, opening, family)
    assert first["messages"], "the guide asked its question"
    body = ask(http, AT_RISK, family, handoff=None)
    assert is_urgent_help(body["messages"][0]["text"])


def test_a_risk_inside_a_message_that_asks_several_things_comes_first(
        stack: Stack, http: httpx.Client) -> None:
    body = ask(http, "what is an ehcp? also he keeps saying he'd be better off dead and "
                     "he's given away all his stuff. and how long does an assessment take",
               handoff=None)
    assert is_urgent_help(body["messages"][0]["text"])
