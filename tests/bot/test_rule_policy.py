"""Our RulePolicy, looking back only as far as its longest rule, predicts what Rasa's
does: trained on our own rules and stories, asked at every step of long conversations
made by joining our test stories together."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from rasa.core.policies import rule_policy as rasa_rule_policy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from bot.rule_policy import RulePolicy, longest_rule, recent_states, rule_step

ROOT = Path(__file__).resolve().parents[2]
CONFIG = {**rasa_rule_policy.RulePolicy.get_default_config(), "core_fallback_threshold": 0.3,
          "core_fallback_action_name": "action_fallback", "enable_fallback_prediction": True}


def story_trackers(domain: Domain, *paths: Path) -> list[DialogueStateTracker]:
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "bot/domain.yml"), training_data_paths=[str(p) for p in paths])
    return TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0,
                                 use_story_concatenation=False).generate()


def trained(config: dict, trackers: list, domain: Domain, folder: Path
            ) -> tuple[rasa_rule_policy.RulePolicy, RulePolicy]:
    """Rasa's policy trained on the trackers, then loaded both as Rasa's and as ours."""
    storage, resource = LocalModelStorage(folder), Resource("rules")
    context = ExecutionContext(GraphSchema({}), "test")
    rasa_rule_policy.RulePolicy.create(config, storage, resource, context).train(
        trackers, domain)
    return (rasa_rule_policy.RulePolicy.load(config, storage, resource, context),
            RulePolicy.load(config, storage, resource, context))


@pytest.fixture(scope="module")
def policies(tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Domain, rasa_rule_policy.RulePolicy, RulePolicy]:
    domain = Domain.load(str(ROOT / "bot/domain.yml"))
    trackers = story_trackers(domain, ROOT / "data/rules", ROOT / "data/stories")
    return (domain, *trained(CONFIG, trackers, domain, tmp_path_factory.mktemp("model")))


def long_conversations(domain: Domain) -> list[DialogueStateTracker]:
    """Our test stories, each followed by the others in turn: one long conversation each."""
    stories = [t for t in story_trackers(domain, ROOT / "tests/rasa/stories")
               if not t.is_rule_tracker]
    joined = []
    for first in range(len(stories)):
        order = itertools.islice(itertools.cycle(stories), first, first + 4)
        joined.append(DialogueStateTracker.from_events(
            "long", [event for story in order for event in story.events], domain.slots))
    return joined


def test_it_looks_back_as_far_as_the_longest_rule(policies) -> None:
    domain, rasas, ours = policies
    assert ours._horizon == longest_rule(ours.lookup) == 3
    long = long_conversations(domain)[0]
    assert len(ours._prediction_states(long, domain)) == 3
    everything = long.past_states(domain)
    for count in (1, 3, 7, len(everything), len(everything) + 5):
        assert recent_states(long, domain, count) == everything[-count:]
    assert len(rasas._prediction_states(long, domain)) > 20


def same_at_every_step(rasas: rasa_rule_policy.RulePolicy, ours: RulePolicy, domain: Domain,
                       events: list) -> int:
    """Before every action of the conversation, both policies find the same rules and
    predict the same; says how many steps were compared."""
    asked = 0
    for end, event in enumerate(events):
        if not isinstance(event, ActionExecuted) or end == 0:
            continue
        so_far = DialogueStateTracker.from_events("long", events[:end], domain.slots)
        for text in (True, False):
            assert ours._get_possible_keys(ours.lookup["rules"], ours._prediction_states(
                so_far, domain, text)) == rasas._get_possible_keys(
                    rasas.lookup["rules"], rasas._prediction_states(so_far, domain, text))
        theirs = rasas.predict_action_probabilities(so_far, domain)
        mine = ours.predict_action_probabilities(so_far, domain)
        assert mine.probabilities == theirs.probabilities
        assert (mine.events, mine.hide_rule_turn, mine.is_end_to_end_prediction,
                mine.is_no_user_prediction) == (theirs.events, theirs.hide_rule_turn,
                                                theirs.is_end_to_end_prediction,
                                                theirs.is_no_user_prediction)
        asked += 1
    return asked


def test_it_predicts_what_rasas_policy_does_at_every_step(policies) -> None:
    domain, rasas, ours = policies
    assert sum(same_at_every_step(rasas, ours, domain, list(conversation.events))
               for conversation in long_conversations(domain)) > 1000


RULES = """
version: "3.1"
rules:
- rule: a
  steps: [{intent: a}, {action: utter_a}]
- rule: b
  steps: [{intent: b}, {action: utter_b}]
- rule: c
  steps: [{intent: c}, {action: utter_c}]
- rule: b after a
  steps: [{action: utter_a}, {intent: b}, {action: utter_ab}]
"""
SMALL_DOMAIN = Domain.from_yaml("""
intents: [a, b, c]
responses: {utter_a: [{text: a}], utter_b: [{text: b}], utter_c: [{text: c}],
            utter_ab: [{text: ab}]}
""")


def conversation(policy: rasa_rule_policy.RulePolicy, *intents: str) -> list:
    """The events of a conversation of these messages, each answered as the policy says."""
    events: list = [ActionExecuted("action_listen")]
    for intent in intents:
        events.append(UserUttered(intent, {"name": intent}))
        answer = SMALL_DOMAIN.action_names_or_texts[int(np.argmax(
            policy.predict_action_probabilities(DialogueStateTracker.from_events(
                "t", events, SMALL_DOMAIN.slots), SMALL_DOMAIN).probabilities))]
        events.extend([ActionExecuted(answer), ActionExecuted("action_listen")])
    return events


def answers(events: list) -> list[str]:
    return [e.action_name for e in events
            if isinstance(e, ActionExecuted) and e.action_name != "action_listen"]


def test_a_rule_that_needs_the_turns_before_is_still_told_apart(tmp_path: Path) -> None:
    (tmp_path / "rules.yml").write_text(RULES)
    trackers = TrainingDataGenerator(TrainingDataImporter.load_from_dict(
        training_data_paths=[str(tmp_path / "rules.yml")]).get_stories(), SMALL_DOMAIN,
        augmentation_factor=0).generate()
    rasas, ours = trained(rasa_rule_policy.RulePolicy.get_default_config(), trackers,
                          SMALL_DOMAIN, tmp_path)
    assert ours._horizon == 3
    assert answers(conversation(ours, "a", "b")) == ["utter_a", "utter_ab"]
    assert answers(conversation(ours, "c", "c", "b")) == ["utter_c", "utter_c", "utter_b"]
    for intents in (("a", "b"), ("c", "c", "b"), ("b", "a", "a", "b", "c")):
        same_at_every_step(rasas, ours, SMALL_DOMAIN, conversation(rasas, *intents))
    ours._horizon = 1   # too short: the test above would have failed
    assert answers(conversation(ours, "c", "c", "b"))[-1] == "utter_ab"


@pytest.mark.parametrize("state, step", [
    ({"prev_action": {"action_name": "utter_a"}}, ("utter_a", None)),
    ({"prev_action": {"action_name": "action_listen"}, "user": {"intent": "b"}},
     ("action_listen", "b")),
    ({"prev_action": {"action_name": "action_listen"}, "user": {"entities": ["age"]}},
     ("action_listen", None)),
    ({}, None),                                                     # conversation start
    ({"prev_action": {"action_text": "Hello"}}, None),
    ({"prev_action": {"action_name": "should_not_be_set"}}, None),
    ({"prev_action": {"action_name": "x"}, "user": {"intent": "should_not_be_set"}}, None),
])
def test_a_rule_is_indexed_by_the_step_it_ends_on(state: dict, step: tuple | None) -> None:
    assert rule_step(state) == step


def test_no_rules_means_no_limit() -> None:
    assert longest_rule({}) is None
    assert longest_rule({"rules": {'[{}, {"a": 1}]': "x"}}) == 2
