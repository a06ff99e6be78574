"""The chat widget in a real browser (Debian's Chromium, driven by Playwright) on the demo
council pages, against the real processes: questions and answers, suggested replies,
keyboard-only use, moving between pages, failures and retry, the tools, young people's
page, phones and zoom, and an axe-core scan that must find nothing."""

from __future__ import annotations

import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from ops.stack import Stack

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(os.environ.get("SEND_SCREENSHOTS_DIR", "var/screenshots"))


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:
    """A fresh tab (its own sessionStorage, so its own conversation) on the demo page."""
    context = browser.new_context(viewport=DESKTOP, base_url=stack.config.web_url)
    tab = context.new_page()
    yield tab
    context.close()


def open_chat(page: Page, path: str = "/") -> Locator:
    page.goto(path)
    page.get_by_role("button", name="Ask the SEND assistant").click()
    return page.get_by_role("log", name="Conversation")


def say(page: Page, text: str) -> None:
    page.get_by_label("Type your question").fill(text)
    page.get_by_label("Type your question").press("Enter")


def last_message(page: Page) -> Locator:
    return page.locator(".send-chat__message").last


def axe_violations(page: Page) -> list[str]:
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[node['target'] for node in v['nodes']]}" for v in results["violations"]]


def test_a_question_is_answered_with_its_sources_and_a_suggested_reply_works(
        page: Page) -> None:
    chat = open_chat(page)
    expect(page.get_by_role("dialog", name="Anyshire SEND assistant")).to_be_visible()
    notice = page.locator(".send-chat__notice")
    expect(notice).to_contain_text("90 days")
    expect(notice).to_contain_text("don't type names")
    expect(chat).to_contain_text("What would you like to know?")     # the greeting

    say(page, "what is an EHC plan")
    expect(page.locator(".send-chat__sources").last).to_contain_text("Where this comes from:")
    expect(notice).to_be_hidden()                                    # once the chat starts
    replies = page.locator(".send-chat__buttons").last.get_by_role("button")
    chosen = replies.first.inner_text()
    replies.first.click()
    expect(page.locator(".send-chat__message--user").last).to_have_text(chosen)
    expect(page.locator(".send-chat__message--bot")).to_have_count(2)


def test_keyboard_only_from_the_launcher_to_an_answer_and_back(page: Page) -> None:
    page.goto("/")
    for _ in range(10):                      # Tab through the page to the launcher
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "send-chat-launcher":
            break
    assert page.evaluate("document.activeElement.textContent") == "Ask the SEND assistant"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "send-chat-input"
    page.keyboard.type("how do personal budgets work")
    page.keyboard.press("Enter")
    expect(page.locator(".send-chat__sources").last).to_be_visible()
    page.keyboard.press("Shift+Tab")         # from the box back up to the suggested replies
    for _ in range(6):
        if page.evaluate("document.activeElement.closest('.send-chat__buttons') !== null"):
            break
        page.keyboard.press("Shift+Tab")
    chosen = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator(".send-chat__message--user").last).to_have_text(chosen)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert page.evaluate("document.activeElement.className") == "send-chat-launcher"


def test_the_conversation_carries_on_to_another_page(page: Page) -> None:
    open_chat(page)
    say(page, "what is sen support")
    expect(page.locator(".send-chat__sources").last).to_be_visible()
    page.get_by_role("link", name="For young people").click()
    expect(page).to_have_url(re.compile(r"/young-people$"))
    chat = page.get_by_role("log", name="Conversation")
    expect(chat).to_contain_text("what is sen support")          # still open, still there
    answers = page.locator(".send-chat__message--bot")
    before = answers.count()
    say(page, "what does SENCO mean")
    expect(answers).to_have_count(before + 1)
    expect(answers.last).to_contain_text("special educational needs co-ordinator")


def test_young_peoples_page_answers_the_young_person(browser: Browser, stack: Stack) -> None:
    question = "how do i ask for an ehc needs assessment"
    expected = {"/young-people": "you can ask the council for an EHC needs assessment yourself",
                "/": "A parent, a young person aged 16 to 25"}
    for path, answer in expected.items():
        context = browser.new_context(viewport=DESKTOP, base_url=stack.config.web_url)
        page = context.new_page()
        open_chat(page, path)
        say(page, question)
        expect(page.locator(".send-chat__message--bot").first).to_contain_text(answer)
        context.close()


def test_what_a_person_types_is_shown_as_text_and_never_runs(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat(page)
    attack = '<script>alert("ran")</script><img src="x" onerror="alert(\'ran\')">'
    say(page, attack)
    expect(page.locator(".send-chat__message--user").last).to_have_text(attack)
    expect(page.locator(".send-chat__message--bot")).to_have_count(1)
    assert page.locator(".send-chat img").count() == 0 and dialogs == []


def test_a_failed_message_says_so_plainly_and_can_be_sent_again(page: Page) -> None:
    open_chat(page)
    page.route("**/api/chat", lambda route: route.abort())
    say(page, "what is a personal budget")
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("could not connect")
    page.unroute("**/api/chat")
    problem.get_by_role("button", name="Try again").click()
    expect(page.locator(".send-chat__sources").last).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator(".send-chat__message--user")).to_have_count(1)   # not sent twice


def test_the_widget_says_when_the_assistant_is_writing(page: Page) -> None:
    open_chat(page)
    held: list = []
    page.route("**/api/chat", lambda route: held.append(route))
    say(page, "what is a personal budget")
    status = page.get_by_role("status")
    expect(status).to_have_text("The assistant is writing a reply\u2026")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_disabled()
    held[0].continue_()
    page.unroute("**/api/chat")
    expect(page.locator(".send-chat__sources").last).to_be_visible()
    expect(status).to_have_text("")


def test_links_open_safely_in_a_new_tab(page: Page) -> None:
    open_chat(page)
    say(page, "how do I pay my council tax bill")
    link = page.locator(".send-chat__message--bot a").first
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    assert link.get_attribute("href").startswith("https://")


def test_the_tools_talk_to_a_person_start_again_and_save(page: Page) -> None:
    chat = open_chat(page)
    say(page, "what is the local offer")
    expect(page.locator(".send-chat__sources").last).to_be_visible()
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save the conversation").click()
    text = Path(saved.value.path()).read_text()
    assert "You:\nwhat is the local offer" in text and "Where this comes from:" in text

    page.get_by_role("button", name="Talk to a person").click()
    expect(chat).to_contain_text("Your reference is SEND-")
    page.get_by_role("button", name="Carry on with the assistant instead").click()
    expect(chat).to_contain_text("talking to the assistant again")

    page.get_by_role("button", name="Start again").click()
    expect(chat).not_to_contain_text("what is the local offer")
    expect(chat).to_contain_text("What would you like to know?")
    expect(page.locator(".send-chat__message--bot").first).to_contain_text(
        "OK, let's start again.")
    page.reload()
    expect(page.get_by_role("log", name="Conversation")).not_to_contain_text(
        "what is the local offer")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_problems_with_the_chat_open(browser: Browser, stack: Stack,
                                                  viewport: dict) -> None:
    context = browser.new_context(viewport=viewport, base_url=stack.config.web_url)
    page = context.new_page()
    size = "phone" if viewport == PHONE else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_chat(page)
    expect(page.locator(".send-chat__notice")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"widget-{size}-opened.png"))
    say(page, "what is an EHC plan")
    expect(page.locator(".send-chat__buttons").last).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"widget-{size}-answer.png"))
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640},
                                      {"width": 320, "height": 256}],
                         ids=["320px-wide", "400pc-zoom"])
def test_usable_at_320_pixels_and_400_percent_zoom(browser: Browser, stack: Stack,
                                                   viewport: dict) -> None:
    """1280 x 1024 at 400% zoom is 320 x 256 CSS pixels."""
    context = browser.new_context(viewport=viewport, base_url=stack.config.web_url)
    page = context.new_page()
    open_chat(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    panel = page.get_by_role("dialog").bounding_box()
    assert panel["width"] <= viewport["width"]
    say(page, "what is an EHC plan")
    expect(page.locator(".send-chat__sources").last).to_be_attached()
    page.get_by_label("Type your question").scroll_into_view_if_needed()
    expect(page.get_by_label("Type your question")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Close the chat")).to_be_visible()
    context.close()


@pytest.fixture
def council_site(stack: Stack) -> Iterator[str]:
    """A council's own page, on another origin, embedding the widget with one line."""
    page = (
        '<!doctype html><html lang="en"><head><title>Testshire Local Offer</title></head>'
        '<body><main><h1>Testshire Local Offer</h1></main>'
        f'<script src="{stack.config.web_url}/widget.js" data-council="Testshire" '
        'data-colour="#7a0019" data-greeting="Hello from Testshire."></script></body></html>'
    ).encode()

    class CouncilPage(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), CouncilPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/send"
    server.shutdown()


def test_one_line_embeds_the_widget_on_another_sites_page_with_its_own_settings(
        browser: Browser, council_site: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(council_site)
    page.get_by_role("button", name="Ask the SEND assistant").click()
    expect(page.get_by_role("dialog", name="Testshire SEND assistant")).to_be_visible()
    expect(page.get_by_role("log", name="Conversation")).to_contain_text("Hello from Testshire.")
    header = page.locator(".send-chat__header")
    assert header.evaluate("node => getComputedStyle(node).backgroundColor") == \
        "rgb(122, 0, 25)"
    expect(page.locator(".send-chat__notice")).to_contain_text("90 days")   # server's notice
    say(page, "what is a personal budget")
    expect(page.locator(".send-chat__sources").last).to_be_visible()      # across origins
    context.close()


def test_a_refused_message_says_why_and_offers_no_pointless_retry(page: Page) -> None:
    open_chat(page)
    say(page, "x" * 80)
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("word")
    expect(problem.get_by_role("button", name="Try again")).to_have_count(0)
