"""The handoff through the web app, with a stand-in Rasa: the family's side and the staff's."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi.testclient import TestClient

from casework.analytics import Analytics
from casework.handoff import LEAVE_BUTTON, Handoffs
from casework.store import CaseworkStore, Escalation
from tests.web.conftest import ACTIONS, RASA, Backends
from web.app import create_app
from web.config import Settings
from web.staff_auth import CSRF_HEADER

FAMILY = "family-session-0001"
PASSWORD = "a long enough password"


@pytest.fixture
def case(client: TestClient) -> Escalation:
    """A case handed to staff, as action_contact_person leaves it."""
    case = client.app.state.casework.record_escalation(FAMILY, "asked_for_person", "normal",
                                                       {"topic": "annual_review"})
    client.app.state.handoffs.start(case.id)
    return case


@pytest.fixture
def csrf(client: TestClient) -> dict[str, str]:
    client.app.state.staff.save_user("sam@example.org", "Sam", "staff", PASSWORD)
    login = client.post("/api/staff/login", json={"email": "sam@example.org",
                                                  "password": PASSWORD})
    return {CSRF_HEADER: login.json()["csrf_token"]}


def test_during_a_handoff_the_familys_messages_go_to_the_case(
        client: TestClient, backends: Backends, case: Escalation) -> None:
    body = client.post("/api/chat", json={"session_id": FAMILY, "message": "hello?"}).json()
    assert body == {"session_id": FAMILY, "messages": [], "handoff": True}
    handoffs: Handoffs = client.app.state.handoffs
    assert [(m.sender, m.text) for m in handoffs.messages(case)] == [("family", "hello?")]
    assert backends.received[-1]["message"] == "hello?"      # Rasa keeps the transcript


def test_a_familys_message_is_kept_even_when_rasa_is_down(
        client: TestClient, backends: Backends, case: Escalation) -> None:
    backends.rasa_up = False
    response = client.post("/api/chat", json={"session_id": FAMILY, "message": "still there?"})
    assert response.status_code == 200 and response.json()["handoff"] is True
    assert [m.text for m in client.app.state.handoffs.messages(case)] == ["still there?"]


def test_staff_reply_reaches_the_family_and_the_tracker(
        client: TestClient, backends: Backends, case: Escalation,
        csrf: dict[str, str]) -> None:
    assert client.post(f"/api/staff/escalations/{case.id}/claim", headers=csrf).status_code \
        == 200
    sent = client.post(f"/api/staff/escalations/{case.id}/messages", headers=csrf,
                       json={"text": "Hi, this is Sam."})
    assert sent.status_code == 201
    polled = client.get(f"/api/chat/{FAMILY}/messages").json()
    assert polled["handoff"] is True
    assert [(m["staff_name"], m["text"]) for m in polled["messages"]] == [
        ("Sam", "Hi, this is Sam.")]
    assert client.get(f"/api/chat/{FAMILY}/messages",
                      params={"after": polled["messages"][0]["id"]}).json()["messages"] == []
    assert backends.appended[0]["metadata"] == {"from_staff": True, "staff_name": "Sam"}


def test_the_case_detail_has_the_transcript_and_opening_it_is_audited(
        client: TestClient, case: Escalation, csrf: dict[str, str]) -> None:
    detail = client.get(f"/api/staff/escalations/{case.id}").json()
    assert [line["from"] for line in detail["transcript"]] == ["family", "assistant"]
    assert "opened" in [e["action"] for e in client.app.state.staff.audit_log()]
    assert client.get("/api/staff/escalations/999").status_code == 404


def test_resolving_resumes_the_bot_with_a_closing_message(
        client: TestClient, backends: Backends, case: Escalation,
        csrf: dict[str, str]) -> None:
    client.post(f"/api/staff/escalations/{case.id}/claim", headers=csrf)
    client.post(f"/api/staff/escalations/{case.id}/notes", headers=csrf,
                json={"text": "Explained the 12-month rule."})
    done = client.post(f"/api/staff/escalations/{case.id}/resolve", headers=csrf,
                       json={"outcome": "Answered"}).json()
    assert (done["status"], done["handoff"]) == ("resolved", False)
    assert [e["event"] for e in backends.appended] == ["resume", "bot", "action"]
    polled = client.get(f"/api/chat/{FAMILY}/messages").json()
    assert polled["handoff"] is False and "finished helping" in polled["messages"][-1]["text"]
    assert [b["title"] for b in polled["messages"][-1]["buttons"]] == [
        "It helped", "It helped a bit", "It did not help"]
    assert backends.appended[1]["data"]["buttons"] == polled["messages"][-1]["buttons"]
    body = client.post("/api/chat", json={"session_id": FAMILY, "message": "thanks"}).json()
    assert body["handoff"] is False and body["messages"][0]["text"] == "Hello!"
    actions = [e["action"] for e in client.app.state.staff.audit_log()]
    assert actions[-3:] == ["claimed", "noted", "resolved"]
    assert client.post(f"/api/staff/escalations/{case.id}/messages", headers=csrf,
                       json={"text": "late"}).status_code == 409


def test_changes_without_the_csrf_token_are_refused(client: TestClient, case: Escalation,
                                                     csrf: dict[str, str]) -> None:
    response = client.post(f"/api/staff/escalations/{case.id}/messages",
                           json={"text": "no token"})
    assert response.status_code == 403
    assert client.app.state.handoffs.messages(case) == []


def test_one_family_cannot_read_another_familys_replies(
        client: TestClient, case: Escalation, csrf: dict[str, str]) -> None:
    client.post(f"/api/staff/escalations/{case.id}/messages", headers=csrf,
                json={"text": "for family one"})
    other = client.get("/api/chat/another-family-0002/messages").json()
    assert other == {"handoff": False, "messages": []}
    assert client.get("/api/chat/x/messages").status_code == 422    # not a session id


def test_local_offer_comments_are_answered_and_published_without_identifiers(
        client: TestClient, csrf: dict[str, str]) -> None:
    store = client.app.state.casework
    store.record_feedback(FAMILY, "Please list more autism groups. Call me on 07700 900123")
    store.record_feedback("family-session-0002", "Not answered yet")
    [first, second] = client.get("/api/staff/feedback").json()
    assert first["text"] == "Please list more autism groups. Call me on [phone]"
    assert client.post(f"/api/staff/feedback/{second['id']}/publish",
                       headers=csrf).status_code == 409          # needs an answer first
    assert client.post(f"/api/staff/feedback/{first['id']}/response", headers=csrf,
                       json={"text": "We have added three groups."}).status_code == 204
    assert client.post(f"/api/staff/feedback/{first['id']}/publish",
                       headers=csrf).status_code == 204
    published = client.get("/api/local-offer/comments").json()
    assert [(c["comment"], c["response"]) for c in published] == [
        ("Please list more autism groups. Call me on [phone]", "We have added three groups.")]
    assert FAMILY not in str(published)
    assert client.post("/api/staff/feedback/999/response", headers=csrf,
                       json={"text": "x"}).status_code == 404


def test_analytics_counts_and_redacts_and_exports_safe_csv(
        client: TestClient, case: Escalation, csrf: dict[str, str]) -> None:
    analytics = Analytics(client.app.state.casework)
    for session, topic in [("s-1", "annual_review"), ("s-2", "annual_review"),
                           ("s-2", "personal_budget")]:
        analytics.record(session, "topic", topic)
    analytics.record("s-3", "unanswered", "my son is Tom, email tom@example.org")
    analytics.record("s-3", "unanswered", "=HYPERLINK(\"http://evil\")")
    report = client.get("/api/staff/analytics").json()
    assert report["conversations"] == 4                   # s-1, s-2, s-3 and the case
    assert report["top_topics"][0] == ["annual_review", 2]
    assert report["unanswered"][0] == "my son is [name], email [email]"
    assert report["handoff_rate"] == 0.25
    exported = client.get("/api/staff/analytics.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    assert "tom@example.org" not in exported.text and "'=HYPERLINK" in exported.text


def test_the_family_can_go_back_to_the_assistant_until_someone_picks_the_case_up(
        client: TestClient, backends: Backends, case: Escalation) -> None:
    body = client.post("/api/chat", json={"session_id": FAMILY,
                                          "message": LEAVE_BUTTON["payload"]}).json()
    assert body["handoff"] is False
    assert body["messages"][0]["text"].startswith("OK, you're talking to the assistant again.")
    assert [e["event"] for e in backends.appended] == ["resume", "bot", "action"]
    left = client.app.state.handoffs.case(case.id)
    assert (left.status, left.handoff) == ("resolved", False)
    assert "went back to the assistant" in client.app.state.handoffs.notes(left)[-1]["text"]
    again = client.post("/api/chat", json={"session_id": FAMILY,
                                           "message": LEAVE_BUTTON["payload"]}).json()
    assert again["handoff"] is False and backends.received == []   # never sent to Rasa


def test_a_family_stays_with_the_person_who_has_picked_the_case_up(
        client: TestClient, backends: Backends, case: Escalation,
        csrf: dict[str, str]) -> None:
    client.post(f"/api/staff/escalations/{case.id}/claim", headers=csrf)
    body = client.post("/api/chat", json={"session_id": FAMILY,
                                          "message": LEAVE_BUTTON["payload"]}).json()
    assert body["handoff"] is True and "already helping you" in body["messages"][0]["text"]
    assert client.app.state.handoffs.case(case.id).status == "claimed"
    assert backends.appended == []


def test_admins_choose_the_handoff_topics_and_staff_cannot(
        client: TestClient, csrf: dict[str, str]) -> None:
    topics = client.get("/api/staff/handoff-topics").json()
    assert len(topics) == 26
    assert {t["key"] for t in topics if t["chosen"]} == {"complaints",
                                                         "disagreement_resolution"}
    refused = client.post("/api/staff/handoff-topics", headers=csrf,
                          json={"topics": ["annual_review"]})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only an admin can choose the handoff topics."
    client.app.state.staff.save_user("boss@example.org", "Boss", "admin", PASSWORD)
    admin = client.post("/api/staff/login", json={"email": "boss@example.org",
                                                  "password": PASSWORD}).json()
    headers = {CSRF_HEADER: admin["csrf_token"]}
    chosen = client.post("/api/staff/handoff-topics", headers=headers,
                         json={"topics": ["annual_review", "annual_review"]}).json()
    assert [t["key"] for t in chosen if t["chosen"]] == ["annual_review"]
    unknown = client.post("/api/staff/handoff-topics", headers=headers,
                          json={"topics": ["<script>", "annual_review"]})
    assert unknown.status_code == 422
    assert unknown.json()["detail"] == "There is no topic called <script>."
    assert client.post("/api/staff/handoff-topics", headers=headers,
                       json={"topics": []}).json() == [
        {**t, "chosen": False} for t in chosen]
    audit = client.app.state.staff.audit_log()
    assert [e["detail"] for e in audit if e["action"] == "chose_handoff_topics"] == [
        "annual_review", "none"]


def test_admins_erase_a_conversation_on_request(client: TestClient, case: Escalation,
                                                csrf: dict[str, str]) -> None:
    request = {"session_id": FAMILY}
    refused = client.post("/api/staff/erase", headers=csrf, json=request)
    assert refused.status_code == 403
    client.app.state.staff.save_user("boss@example.org", "Boss", "admin", PASSWORD)
    admin = client.post("/api/staff/login", json={"email": "boss@example.org",
                                                  "password": PASSWORD}).json()
    headers = {CSRF_HEADER: admin["csrf_token"]}
    erased = client.post("/api/staff/erase", headers=headers, json=request)
    assert erased.status_code == 200 and erased.json()["staff_rows"] >= 1
    assert client.app.state.handoffs.active(FAMILY) is None
    again = client.post("/api/staff/erase", headers=headers, json=request)
    assert again.status_code == 404
    assert client.post("/api/staff/erase", headers=headers,
                       json={"session_id": "x"}).status_code == 422
    assert [e["detail"] for e in client.app.state.staff.audit_log()
            if e["action"] == "erased_conversation"] == [FAMILY]


def test_the_web_app_forgets_expired_conversations_on_a_schedule(
        backends: Backends, knowledge_base_file, tmp_path) -> None:
    store = CaseworkStore(tmp_path / "casework.db")
    store.record_feedback("long-ago-0001", "from last year")
    store.db.execute("update feedback set created_at = '2020-01-01T00:00:00+00:00'")
    store.db.conn.commit()
    store.record_feedback("recent-0002", "from today")
    settings = Settings(rasa_url=RASA, rasa_token="secret-token", actions_url=ACTIONS,
                        knowledge_base=knowledge_base_file, casework=tmp_path / "casework.db",
                        tracker_db=tmp_path / "tracker.db", retention_every_seconds=0.05)
    app = create_app(settings, transport=httpx.MockTransport(backends))
    with TestClient(app):
        deadline = time.monotonic() + 5
        while store.db["feedback"].count_where("session_id = 'long-ago-0001'") and \
                time.monotonic() < deadline:
            time.sleep(0.05)
    assert [row["session_id"] for row in store.db["feedback"].rows] == ["recent-0002"]
