"""The staff console in a real browser, against the real processes: a family's HTML is
shown as text and never runs, and a case is handled from the pages alone (log in, take
it, reply, see the family's answer arrive, resolve, log out)."""

from __future__ import annotations

import re
import time
import uuid

import httpx
from playwright.sync_api import Browser, expect

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack
from tests.integration.chat import all_text, ask

PASSWORD = "console test password"
ATTACK = ('<script>alert("a script ran")</script>'
          '<img src="nowhere.png" onerror="alert(\'an image handler ran\')">')


def family_gets(http: httpx.Client, family: str, text: str, seconds: float = 2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        replies = http.get(f"/api/chat/{family}/messages").json()["messages"]
        if any(reply["text"] == text for reply in replies):
            return True
        time.sleep(0.1)
    return False


def test_a_case_handled_in_the_browser_shows_the_familys_html_as_text(
        stack: Stack, http: httpx.Client, browser: Browser) -> None:
    StaffAccounts(CaseworkStore(stack.config.var_dir / "casework.db")).save_user(
        "kim@example.org", "Kim", "staff", PASSWORD)
    family = f"it-{uuid.uuid4().hex}"
    started = ask(http, "can i talk to a real person please", family, handoff=True)
    reference = re.search(r"SEND-\d+", all_text(started)).group()
    ask(http, ATTACK, family, handoff=True)

    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{stack.config.web_url}/staff/cases")
    expect(page).to_have_url(re.compile(r"/staff/login$"))       # no session: log in first
    page.get_by_label("Email").fill("kim@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/staff/cases$"))

    page.get_by_role("link", name=reference).click()
    thread = page.locator("#case-messages")
    expect(thread).to_contain_text(ATTACK)                       # shown as text...
    expect(page.locator(".transcript").first).to_contain_text(ATTACK)
    assert page.locator("main img").count() == 0                 # ...never made into markup
    assert dialogs == [], "nothing the family sent ran"

    page.get_by_role("button", name="Take this case").click()
    expect(page.locator(".facts")).to_contain_text("Being handled by kim@example.org")
    page.get_by_label("Reply to the family").fill("Hello, I'm Kim from the SEND Team.")
    page.get_by_role("button", name="Send reply").click()
    assert family_gets(http, family, "Hello, I'm Kim from the SEND Team.")

    ask(http, "thanks Kim <b>is this bold?</b>", family, handoff=True)
    expect(thread).to_contain_text("thanks Kim <b>is this bold?</b>", timeout=5000)

    page.get_by_label("What was the outcome?").fill("Explained how to ask for a review")
    page.get_by_role("button", name="Resolve and hand back to the assistant").click()
    expect(page.locator(".facts")).to_contain_text("Resolved")
    assert "personal budget" in all_text(
        ask(http, "how do personal budgets work", family, handoff=False)).lower()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/staff/login$"))
    page.goto(f"{stack.config.web_url}/staff/cases")
    expect(page).to_have_url(re.compile(r"/staff/login$"))
    assert dialogs == []
    page.close()
