"""Handoff topics through the real processes: an admin ticks a topic in the console (in a
real browser), a family's question about it is answered and handed to the team, and the
family takes the conversation back before anyone picks it up."""

from __future__ import annotations

import re
import uuid
from typing import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from ops.stack import Stack
from tests.integration.chat import all_text, ask

PASSWORD = "topics test password"


@pytest.fixture
def admin_page(stack: Stack, browser: Browser, http: httpx.Client) -> Iterator:
    """An admin logged in to the console; the topics are put back afterwards, as other
    tests rely on the council's starting list."""
    store = CaseworkStore(stack.config.var_dir / "casework.db")
    StaffAccounts(store).save_user("ada@example.org", "Ada", "admin", PASSWORD)
    before = store.setting("handoff_topics")
    page = browser.new_page()
    page.goto(f"{stack.config.web_url}/staff/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/staff/cases$"))
    yield page
    page.close()
    if before is None:
        store.db["setting"].delete_where("key = ?", ["handoff_topics"])
    else:
        store.save_setting("handoff_topics", before, "test")


def test_a_topic_an_admin_ticks_is_handed_over_and_the_family_can_go_back(
        admin_page, http: httpx.Client) -> None:
    family = f"it-{uuid.uuid4().hex}"
    before = ask(http, "how do personal budgets work", family, handoff=False)
    assert "Where this comes from:" in all_text(before)

    admin_page.get_by_role("link", name="Handoff topics").click()
    admin_page.get_by_label("Personal Budgets").check()
    admin_page.get_by_label("Making a complaint").uncheck()
    admin_page.get_by_role("button", name="Save the handoff topics").click()
    expect(admin_page.get_by_label("Personal Budgets")).to_be_checked()
    expect(admin_page.get_by_label("Making a complaint")).not_to_be_checked()

    asked = ask(http, "how do personal budgets work", family, handoff=True)
    assert "Where this comes from:" in asked["messages"][0]["text"]
    handed = asked["messages"][-1]
    assert "Your reference is SEND-" in handed["text"]
    complaint = ask(http, "how do i complain about the council", handoff=False)
    assert "Where this comes from:" in all_text(complaint)

    [back] = [b["payload"] for b in handed["buttons"]]
    returned = ask(http, back, family, handoff=False)
    assert "talking to the assistant again" in all_text(returned)
    again = ask(http, "what is an ehcp", family, handoff=False)
    assert "Where this comes from:" in all_text(again)
