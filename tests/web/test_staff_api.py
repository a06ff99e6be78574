"""The staff API: log-in with hashed passwords, sessions, CSRF, lock-out, and the queue."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from casework.staff_accounts import MAX_FAILURES, AccountError, StaffAccounts
from casework.store import CaseworkStore
from web.staff_auth import COOKIE, CSRF_HEADER

PASSWORD = "a long enough password"


@pytest.fixture
def accounts(client: TestClient) -> StaffAccounts:
    accounts = client.app.state.staff
    accounts.save_user("case.worker@example.org", "Sam", "staff", PASSWORD)
    return accounts


def log_in(client: TestClient, password: str = PASSWORD):
    return client.post("/api/staff/login", json={"email": "Case.Worker@example.org",
                                                 "password": password})


def api_routes(routes: list) -> list[APIRoute]:
    """Every API route of the app, including those of included routers."""
    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):       # an included router (FastAPI 0.16x)
            found += api_routes(route.original_router.routes)
    return found


def test_every_staff_route_refuses_a_request_without_a_session(client: TestClient) -> None:
    routes = [route for route in api_routes(client.app.routes)
              if route.path.startswith("/api/staff") and route.path != "/api/staff/login"]
    assert routes, "the staff routes are registered"
    for route in routes:
        for method in route.methods:
            path = route.path.replace("{id}", "1")
            response = client.request(method, path, json={})
            assert response.status_code == 401, (method, path, response.text)
            assert response.json()["detail"] == "Please log in."


def test_login_sets_an_httponly_samesite_cookie_and_returns_the_csrf_token(
        client: TestClient, accounts: StaffAccounts) -> None:
    response = log_in(client)
    assert response.status_code == 200
    assert response.json()["email"] == "case.worker@example.org"
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/api/staff/me").json()["name"] == "Sam"


def test_the_password_is_stored_hashed_with_argon2(client: TestClient,
                                                   accounts: StaffAccounts) -> None:
    [row] = list(accounts.db["staff_user"].rows)
    assert row["password_hash"].startswith("$argon2id$") and PASSWORD not in str(row)


def test_a_wrong_password_is_refused_plainly_and_repeated_failures_lock_the_account(
        client: TestClient, accounts: StaffAccounts) -> None:
    for _ in range(MAX_FAILURES - 1):
        response = log_in(client, "wrong password!")
        assert response.status_code == 401
        assert response.json()["detail"] == "That email or password is not right."
    assert log_in(client, "wrong password!").status_code == 401   # this one locks it
    locked = log_in(client)                                        # even the right password
    assert locked.status_code == 423 and "locked for 15 minutes" in locked.json()["detail"]
    assert [e["action"] for e in accounts.audit_log()].count("login_failed") == MAX_FAILURES


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(client: TestClient) -> None:
    response = client.post("/api/staff/login", json={"email": "nobody@example.org",
                                                     "password": PASSWORD})
    assert response.status_code == 401
    assert response.json()["detail"] == "That email or password is not right."


def test_changes_need_the_csrf_token_and_logout_ends_the_session(
        client: TestClient, accounts: StaffAccounts) -> None:
    csrf = log_in(client).json()["csrf_token"]
    refused = client.post("/api/staff/logout")
    assert refused.status_code == 403 and "security token" in refused.json()["detail"]
    assert client.post("/api/staff/logout", headers={CSRF_HEADER: csrf}).status_code == 204
    assert client.get("/api/staff/me").status_code == 401
    assert [e["action"] for e in accounts.audit_log()] == ["logged_in", "logged_out"]


def test_the_queue_lists_urgent_cases_first(client: TestClient, accounts: StaffAccounts) -> None:
    store: CaseworkStore = client.app.state.casework
    store.record_escalation("family-a", "asked_for_person", "normal", {"topic": "ehc_plan"})
    store.record_escalation("family-b", "urgent_risk:child_missing", "urgent", {"age": 9})
    log_in(client)
    queue = client.get("/api/staff/escalations", params={"status": "open"}).json()
    assert [(case["session_id"], case["priority"]) for case in queue] == [
        ("family-b", "urgent"), ("family-a", "normal")]
    assert queue[0]["summary"] == {"age": 9} and queue[0]["reference"].startswith("SEND-")
    assert client.get("/api/staff/escalations", params={"status": "lost"}).status_code == 422


@pytest.mark.parametrize("email, role, password, message", [
    ("not-an-email", "staff", PASSWORD, "is not an email address"),
    ("a@example.org", "boss", PASSWORD, "The role must be one of"),
    ("a@example.org", "staff", "short", "at least 12 characters"),
])
def test_bad_staff_accounts_are_refused_with_a_reason(client: TestClient, email: str,
                                                      role: str, password: str,
                                                      message: str) -> None:
    with pytest.raises(AccountError, match=message):
        client.app.state.staff.save_user(email, "", role, password)


def test_admins_manage_staff_users_and_staff_cannot(client: TestClient,
                                                    accounts: StaffAccounts) -> None:
    csrf = {CSRF_HEADER: log_in(client).json()["csrf_token"]}      # Sam is "staff"
    assert client.get("/api/staff/users").status_code == 403
    assert client.post("/api/staff/users", headers=csrf, json={
        "email": "x@example.org", "password": PASSWORD}).status_code == 403
    accounts.save_user("boss@example.org", "Priya", "admin", PASSWORD)
    admin = client.post("/api/staff/login", json={"email": "boss@example.org",
                                                  "password": PASSWORD}).json()
    made = client.post("/api/staff/users", headers={CSRF_HEADER: admin["csrf_token"]},
                       json={"email": "New@Example.org", "name": "Lee", "role": "staff",
                             "password": PASSWORD})
    assert made.status_code == 201 and made.json() == {
        "email": "new@example.org", "name": "Lee", "role": "staff", "locked": False}
    short = client.post("/api/staff/users", headers={CSRF_HEADER: admin["csrf_token"]},
                        json={"email": "a@example.org", "password": "short"})
    assert short.status_code == 422 and "at least 12" in short.json()["detail"]
    listed = client.get("/api/staff/users").json()
    assert [u["email"] for u in listed] == ["boss@example.org", "case.worker@example.org",
                                            "new@example.org"]
    assert all("password" not in str(u) for u in listed)
