"""A handoff in two real browsers against the real processes: a family in the chat widget,
a member of staff in the console. The family's HTML is shown as text on both sides and
never runs; the case is handled from the pages alone (log in, take it, reply, see the
family's answer arrive, resolve, log out) and the family rates the help."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, Page, expect

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack

PASSWORD = "console test password"
ATTACK = ('<script>alert("a script ran")</script>'
          '<img src="nowhere.png" onerror="alert(\'an image handler ran\')">')


def watch_dialogs(page: Page) -> list[str]:
    """Every alert() that runs on the page: there must be none."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def family_says(family: Page, text: str) -> None:
    family.get_by_label("Type your question").fill(text)
    family.get_by_label("Type your question").press("Enter")


def staff_logs_in(staff: Page, web_url: str) -> None:
    staff.goto(f"{web_url}/staff/cases")
    expect(staff).to_have_url(re.compile(r"/staff/login$"))       # no session: log in first
    staff.get_by_label("Email").fill("kim@example.org")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    expect(staff).to_have_url(re.compile(r"/staff/cases$"))


def test_a_handoff_between_the_widget_and_the_console(stack: Stack, browser: Browser) -> None:
    StaffAccounts(CaseworkStore(stack.config.var_dir / "casework.db")).save_user(
        "kim@example.org", "Kim", "staff", PASSWORD)
    web_url = stack.config.web_url
    family, staff = browser.new_page(), browser.new_page()
    family_dialogs, staff_dialogs = watch_dialogs(family), watch_dialogs(staff)
    chat = family.get_by_role("log")

    family.goto(web_url)
    family.get_by_role("button", name="Ask the SEND assistant").click()
    family_says(family, "can i talk to a real person please")
    expect(chat).to_contain_text("Your reference is SEND-")
    reference = re.search(r"SEND-\d+", chat.inner_text()).group()
    family_says(family, ATTACK)
    expect(chat).to_contain_text(ATTACK)                          # the family's side too

    staff_logs_in(staff, web_url)
    staff.get_by_role("link", name=reference).click()
    thread = staff.locator("#case-messages")
    expect(thread).to_contain_text(ATTACK)                        # shown as text...
    expect(staff.locator(".transcript").first).to_contain_text(ATTACK)
    assert staff.locator("main img").count() == 0                 # ...never made into markup
    assert family.locator("[role=log] img").count() == 0

    staff.get_by_role("button", name="Take this case").click()
    expect(staff.locator(".facts")).to_contain_text("Being handled by kim@example.org")
    staff.get_by_label("Reply to the family").fill("Hello, I'm Kim from the SEND Team.")
    sent_at = time.monotonic()
    staff.get_by_role("button", name="Send reply").click()
    expect(chat).to_contain_text("Hello, I'm Kim from the SEND Team.", timeout=2000)
    print(f"staff reply from the console to the family's widget in "
          f"{(time.monotonic() - sent_at) * 1000:.0f} ms (the widget polls every second)")
    expect(chat).to_contain_text("Kim, Anyshire SEND Team")

    family_says(family, "thanks Kim <b>is this bold?</b>")
    expect(thread).to_contain_text("thanks Kim <b>is this bold?</b>", timeout=5000)

    staff.get_by_label("What was the outcome?").fill("Explained how to ask for a review")
    staff.get_by_role("button", name="Resolve and hand back to the assistant").click()
    expect(staff.locator(".facts")).to_contain_text("Resolved")
    expect(chat).to_contain_text("finished helping", timeout=3000)
    family.get_by_role("button", name="It helped", exact=True).click()
    expect(chat).to_contain_text("Thank you for telling us how we did.")
    family_says(family, "how do personal budgets work")
    expect(chat).to_contain_text("Where this comes from:")

    staff.get_by_role("link", name="Analytics").click()
    expect(staff.get_by_role("img", name="How people rated the help")).to_be_visible()

    staff.get_by_role("button", name="Log out").click()
    expect(staff).to_have_url(re.compile(r"/staff/login$"))
    staff.goto(f"{web_url}/staff/cases")
    expect(staff).to_have_url(re.compile(r"/staff/login$"))
    assert family_dialogs == [] and staff_dialogs == [], "nothing the family sent ran"
    family.close()
    staff.close()
