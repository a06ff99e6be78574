"""Who is asking and their situation become entities, which fill the slots in Rasa."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.training_data.message import Message

from bot.situation_entities import SituationEntities


def entities_of(text: str, ruler: list[dict[str, Any]] | None = None,
                metadata: Any = None) -> dict[str, Any]:
    message = Message(data={"text": text, "entities": ruler or [], "metadata": metadata})
    SituationEntities().process([message])
    return {entity["entity"]: entity["value"] for entity in message.get("entities")}


def test_what_people_write_about_themselves_becomes_entities() -> None:
    assert entities_of("im 17 and i have an ehcp", [{"entity": "plan", "value": "ehcp"}]) == {
        "audience": "young_person", "age": "17", "has_plan": True, "plan": "ehcp"}
    assert entities_of("my son is 4 and doesn't have a plan") == {
        "audience": "parent", "age": "4", "has_plan": False}
    assert entities_of("what is an ehcp") == {}


def test_the_writers_or_childs_age_replaces_a_bare_age() -> None:
    ruler_age = [{"entity": "age", "value": "aged 9"}]
    assert entities_of("my daughter is 12, aged 9 in the photo", ruler_age)["age"] == "12"
    assert entities_of("support for children aged 9", ruler_age)["age"] == "aged 9"


def test_who_the_page_is_for_comes_from_the_metadata_when_it_is_one_we_know() -> None:
    assert entities_of("what is an ehcp", metadata={"audience": "young_person"}) == {
        "page_audience": "young_person"}
    assert entities_of("my son is 4", metadata={"audience": "young_person"}) == {
        "audience": "parent", "age": "4", "page_audience": "young_person"}
    assert entities_of("what is an ehcp", metadata={"audience": "<b>"}) == {}
    assert entities_of("what is an ehcp", metadata="young_person") == {}


def test_a_buttons_payload_is_left_alone() -> None:
    payload = '/tell_situation{"audience": "parent"}'
    assert entities_of(payload, metadata={"audience": "young_person"}) == {}
