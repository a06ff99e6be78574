"""Schemathesis against the app's own OpenAPI schema (/openapi.json), in-process (no
server): every operation gets schema-valid and schema-breaking input, first with no
session, then the staff API as a signed-in admin. No answer may be a 5xx, and every status
code, header, content type and body must be one the schema documents.

The app is made when this module is loaded, because schemathesis makes one test per
operation from the schema it serves (its from_fixture, which could take conftest's client,
fails on pytest 9). Rasa and the action server are conftest.py's stand-in; the app's files
are in a temporary folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from tests.web.conftest import ACTIONS, RASA, Backends
from web.app import create_app
from web.config import Settings
from web.staff_auth import COOKIE, CSRF_HEADER

VAR = tempfile.TemporaryDirectory(prefix="send-fuzz-")
KNOWLEDGE_BASE = Path(VAR.name) / "knowledge.db"
APP = create_app(Settings(rasa_url=RASA, rasa_token="secret-token", actions_url=ACTIONS,
                          knowledge_base=KNOWLEDGE_BASE,
                          casework=Path(VAR.name) / "casework.db",
                          tracker_db=Path(VAR.name) / "tracker.db"),
                 transport=httpx.MockTransport(Backends()))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
ADMIN, PASSWORD = "fuzz.admin@example.org", "a long enough password"
# Which topics exist is the knowledge base's to say, not the schema's: a list of unknown
# topics is rightly refused (422) though the schema allows any words.
TOPICS = "/api/staff/handoff-topics"

# Bounded: 30 examples an operation (about 45 in all) keeps both tests to about half a minute.
bounded = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def knowledge_base(knowledge_base_file: Path) -> None:
    shutil.copy(knowledge_base_file, KNOWLEDGE_BASE)


@pytest.fixture
def admin() -> dict[str, dict[str, str]]:
    """A new admin session for each operation, so a fuzzed log-out ends only its own."""
    APP.state.staff.save_user(ADMIN, "Fuzz Admin", "admin", PASSWORD)
    token, session = APP.state.staff.log_in(ADMIN, PASSWORD)
    return {"cookies": {COOKIE: token}, "headers": {CSRF_HEADER: session.csrf_token}}


@schema.parametrize()
@bounded
def test_without_a_session(case: schemathesis.Case) -> None:
    case.call_and_validate()


@schema.include(path_regex="^/api/staff/").parametrize()
@bounded
def test_staff_api_as_an_admin(case: schemathesis.Case,
                               admin: dict[str, dict[str, str]]) -> None:
    excluded = [positive_data_acceptance] if case.path == TOPICS else []
    case.call_and_validate(excluded_checks=excluded, **admin)
