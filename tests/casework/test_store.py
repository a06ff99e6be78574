"""The staff store: escalations ordered for the SEND team, one open case per family."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from casework.store import CaseworkStore


@pytest.fixture
def store(tmp_path: Path) -> CaseworkStore:
    return CaseworkStore(tmp_path / "casework.db")


def test_escalations_get_references_and_come_most_urgent_then_oldest_first(
        store: CaseworkStore) -> None:
    first = store.record_escalation("family-a", "asked_for_person", "normal", {"topic": "x"})
    second = store.record_escalation("family-b", "urgent_risk:child_missing", "urgent", {})
    third = store.record_escalation("family-c", "two_misses", "normal", {})
    assert first.reference == f"SEND-{first.id:05d}"
    assert [case.session_id for case in store.escalations("open")] == [
        "family-b", "family-a", "family-c"]
    assert {second.status, third.status} == {"open"}


def test_one_open_case_per_family_raised_to_urgent_when_risk_appears(
        store: CaseworkStore) -> None:
    first = store.record_escalation("family-a", "asked_for_person", "normal", {})
    again = store.record_escalation("family-a", "urgent_risk:abuse_or_danger", "urgent", {})
    assert again.id == first.id
    assert (again.priority, again.reason) == ("urgent", "urgent_risk:abuse_or_danger")
    later = store.record_escalation("family-a", "asked_for_person", "normal", {})
    assert later.priority == "urgent"     # never lowered


def test_unknown_priorities_are_refused(store: CaseworkStore) -> None:
    with pytest.raises(ValueError, match="priority"):
        store.record_escalation("family-a", "x", "whenever", {})


def test_the_store_survives_reopening(tmp_path: Path) -> None:
    CaseworkStore(tmp_path / "c.db").record_escalation("family-a", "x", "normal", {"age": 4})
    [case] = CaseworkStore(tmp_path / "c.db").escalations("open")
    assert case.summary == {"age": 4}


def test_an_older_store_file_gets_the_columns_a_newer_version_needs(tmp_path: Path) -> None:
    old = sqlite_utils.Database(tmp_path / "old.db")
    old["feedback"].insert({"id": 1, "session_id": "a", "text": "hi", "created_at": "x"},
                           pk="id")
    store = CaseworkStore(tmp_path / "old.db")
    store.record_feedback("b", "more please")
    assert [row["published"] for row in store.feedback()] == [None, 0]
