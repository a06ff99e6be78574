"""The staff console's pages: signed-in only, everything escaped, every form CSRF-guarded."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from casework.analytics import Analytics
from casework.store import Escalation
from tests.web.conftest import Backends
from tests.web.test_staff_api import api_routes
from web.staff_auth import CSRF_HEADER

PASSWORD = "a long enough password"
FAMILY = "family-session-0002"
ATTACK = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">'


class Forms(HTMLParser):
    """The forms of a page: where each sends its data."""

    def __init__(self) -> None:
        super().__init__()
        self.apis: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "form":
            self.apis.append(dict(attrs)["data-api"])


def parse(html: str) -> Forms:
    forms = Forms()
    forms.feed(html)
    return forms


def sign_in(client: TestClient, role: str = "staff") -> dict[str, str]:
    client.app.state.staff.save_user(f"{role}@example.org", "Sam", role, PASSWORD)
    login = client.post("/api/staff/login", json={"email": f"{role}@example.org",
                                                  "password": PASSWORD})
    return {CSRF_HEADER: login.json()["csrf_token"]}


@pytest.fixture
def case(client: TestClient) -> Escalation:
    case = client.app.state.casework.record_escalation(FAMILY, "asked_for_person", "normal",
                                                       {"topic": "annual_review", "age": 7})
    client.app.state.handoffs.start(case.id)
    client.app.state.handoffs.add_message(case, "family", ATTACK)
    return case


def page_paths(client: TestClient) -> list[str]:
    return [route.path.replace("{id}", "1") for route in api_routes(client.app.routes)
            if route.path.startswith("/staff") and route.path != "/staff/login"]


def test_every_staff_page_sends_a_visitor_without_a_session_to_log_in(
        client: TestClient, case: Escalation) -> None:
    paths = page_paths(client)
    assert "/staff/cases/1" in paths and "/staff/analytics" in paths
    for path in paths:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] in ("/staff/login", "/staff/cases"), path
        assert "annual" not in response.text and "csrf" not in response.text


def test_the_login_page_is_a_labelled_form_with_no_token(client: TestClient) -> None:
    response = client.get("/staff/login")
    assert response.status_code == 200
    assert 'for="email"' in response.text and 'for="password"' in response.text
    assert "csrf-token" not in response.text
    assert parse(response.text).apis == ["/api/staff/login"]


def test_a_familys_html_is_shown_as_text_on_the_case_page(
        client: TestClient, case: Escalation) -> None:
    sign_in(client)
    response = client.get(f"/staff/cases/{case.id}")
    assert response.status_code == 200
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in response.text
    assert "&lt;img" in response.text
    page = parse(response.text)
    assert "img" not in page.tags
    assert page.tags.count("script") == 1          # the console's own staff.js
    assert re.search(r'<script src="/static/staff.js" defer></script>', response.text)


def test_pages_forbid_inline_script_and_framing_and_are_not_cached(
        client: TestClient, case: Escalation) -> None:
    sign_in(client)
    headers = client.get(f"/staff/cases/{case.id}").headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["cache-control"] == "no-store"


def test_the_case_page_shows_the_transcript_summary_and_is_audited(
        client: TestClient, case: Escalation) -> None:
    sign_in(client)
    text = client.get(f"/staff/cases/{case.id}").text
    assert "can I talk to someone" in text and "I&#39;ve passed this on." in text
    assert "Asked to talk to a person" in text and "annual review" in text
    assert "opened" in [e["action"] for e in client.app.state.staff.audit_log()]


def test_the_case_page_still_opens_when_rasa_is_down(
        client: TestClient, backends: Backends, case: Escalation) -> None:
    sign_in(client)
    backends.rasa_up = False
    response = client.get(f"/staff/cases/{case.id}")
    assert response.status_code == 200
    assert "can't be loaded just now" in response.text
    assert "&lt;script&gt;" in response.text          # the handoff thread is still there


def test_an_unknown_case_is_a_plain_page_not_an_error(client: TestClient) -> None:
    sign_in(client)
    response = client.get("/staff/cases/999")
    assert response.status_code == 404
    assert "There is no case with that number." in response.text


def test_every_form_on_every_page_needs_the_csrf_token(
        client: TestClient, case: Escalation) -> None:
    """A form that changes something must fail without the session's token."""
    client.app.state.casework.record_feedback(FAMILY, "the local offer needs more clubs")
    client.app.state.casework.answer_feedback(1, "We are adding them.", "admin@example.org")
    csrf = sign_in(client, "admin")
    forms = set()
    for path in ("/staff/cases", f"/staff/cases/{case.id}", "/staff/feedback",
                 "/staff/analytics", "/staff/users", "/staff/topics"):
        forms |= set(parse(client.get(path).text).apis)
    api_paths = {route.path.replace("{id}", str(case.id)) for route in api_routes(client.app.routes)
                 if isinstance(route, APIRoute) and "POST" in route.methods}
    assert {f"/api/staff/escalations/{case.id}/claim", "/api/staff/feedback/1/publish",
            "/api/staff/users", "/api/staff/logout", "/api/staff/handoff-topics"} <= forms
    for api in forms:
        generic = re.sub(r"/(\d+)/", f"/{case.id}/", api)
        assert generic in api_paths or api in api_paths, api
        response = client.post(api, json={"text": "x", "outcome": "x"})
        assert response.status_code == 403, api
    assert client.get("/api/staff/me").status_code == 200     # still signed in
    assert csrf


def test_the_queue_lists_urgent_cases_first_with_plain_reasons(
        client: TestClient, case: Escalation) -> None:
    client.app.state.casework.record_escalation("another-session-01", "urgent_risk:self_harm",
                                                "urgent", {})
    sign_in(client)
    text = client.get("/staff/cases").text
    assert text.index("Urgent: may be at risk (self harm)") < text.index(
        "Asked to talk to a person")


def test_analytics_draws_charts_and_escapes_what_families_typed(
        client: TestClient, case: Escalation) -> None:
    analytics = Analytics(client.app.state.casework)
    for topic in ("annual_review", "annual_review", "personal_budget"):
        analytics.record(FAMILY, "topic", topic)
    analytics.record(FAMILY, "unanswered", "<b>what about</b> swimming")
    analytics.record(FAMILY, "rating", "helped")
    sign_in(client)
    text = client.get("/staff/analytics").text
    bars = re.findall(r'<rect [^>]*width="([\d.]+)%"', text)
    assert bars == ["50.0", "25.0", "50.0"]        # 2 and 1 topics, then 1 rating
    assert "&lt;b&gt;what about&lt;/b&gt; swimming" in text
    assert 'href="/api/staff/analytics.csv"' in text


def test_only_admins_see_the_users_page(client: TestClient) -> None:
    sign_in(client)
    assert "Only an admin can manage staff users." in client.get("/staff/users").text
    assert "/staff/users" not in client.get("/staff/cases").text   # not in the menu
    sign_in(client, "admin")
    text = client.get("/staff/users").text
    assert "staff@example.org" in text and 'action="/api/staff/users"' in text


def test_a_case_page_polls_only_new_messages(client: TestClient, case: Escalation) -> None:
    csrf = sign_in(client)
    first = client.get(f"/api/staff/escalations/{case.id}/messages").json()
    assert [m["text"] for m in first] == [ATTACK]
    client.post(f"/api/staff/escalations/{case.id}/messages", headers=csrf,
                json={"text": "Hello, I'm Sam."})
    newer = client.get(f"/api/staff/escalations/{case.id}/messages",
                       params={"after": first[0]["id"]}).json()
    assert [(m["sender"], m["text"]) for m in newer] == [("staff", "Hello, I'm Sam.")]


def test_admins_tick_the_handoff_topics_on_a_labelled_list(client: TestClient) -> None:
    sign_in(client)
    assert "Only an admin can choose the handoff topics." in client.get("/staff/topics").text
    sign_in(client, "admin")
    text = client.get("/staff/topics").text
    boxes = re.findall(r'<input type="checkbox" id="topic-(\w+)" name="topics" '
                       r'value="\1"( checked)?>', text)
    assert len(boxes) == 26
    assert {key for key, checked in boxes if checked} == {"complaints",
                                                         "disagreement_resolution"}
    assert 'for="topic-complaints">Making a complaint</label>' in text
