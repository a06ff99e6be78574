"""The pipeline component that finds the other questions of a message (Rasa environment)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.other_questions import OTHER_QUESTIONS, OtherQuestions, questions_in

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize("text, parts", [
    ("What is an EHCP? And can we get a personal budget? Also who do I complain to",
     ["What is an EHCP?", "And can we get a personal budget?", "who do I complain to"]),
    ("how do annual reviews work", ["how do annual reviews work"]),
    ("hi. what is the local offer", ["what is the local offer"]),   # "hi." is too short
    ("my son is 9 and has autism\nschool say no to assessing him\nwhat can i do",
     ["my son is 9 and has autism", "school say no to assessing him", "what can i do"]),
])
def test_messages_split_into_their_questions(text: str, parts: list[str]) -> None:
    assert questions_in(text) == parts


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[OtherQuestions, Path]:
    """The component trained on the project's real NLU data, then loaded back from disk."""
    storage_path = tmp_path_factory.mktemp("storage")
    storage = LocalModelStorage(storage_path)
    resource = Resource("other_questions")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**OtherQuestions.get_default_config(), "ignore_intents": ["greet"]}
    OtherQuestions.create(config, storage, resource, context).train(
        load_data(str(ROOT / "data" / "nlu")))
    return OtherQuestions.load(config, storage, resource, context), storage_path


def parsed(component: OtherQuestions, text: str, main_intent: str) -> Message:
    message = Message(data={"text": text, "intent": {"name": main_intent, "confidence": 0.6}})
    component.process([message])
    return message


def test_other_questions_are_found_in_a_message_that_asks_several(trained) -> None:
    component, _ = trained
    message = parsed(component, "what is an ehcp? and how do i make a complaint about the "
                                "council?", "explain_ehc_plan")
    found = message.get(OTHER_QUESTIONS)
    assert [item["intent"] for item in found] == ["explain_complaints"]
    assert found[0]["text"] == "and how do i make a complaint about the council?"
    assert OTHER_QUESTIONS in message.as_dict(only_output_properties=True)


def test_one_question_or_a_button_has_no_other_questions(trained) -> None:
    component, _ = trained
    assert parsed(component, "what is an ehcp", "explain_ehc_plan").get(OTHER_QUESTIONS) is None
    assert parsed(component, "/explain_ehc_plan", "explain_ehc_plan").get(OTHER_QUESTIONS) \
        is None
    same_topic = parsed(component, "what is an ehcp? what does an ehc plan have in it?",
                        "explain_ehc_plan")
    assert same_topic.get(OTHER_QUESTIONS) is None
