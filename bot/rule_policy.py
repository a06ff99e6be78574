"""Rasa's RulePolicy, finding the rules that fit a conversation the short way.

For every prediction (three a turn) Rasa's RulePolicy checks each of its rules against
the conversation's latest state, then the remaining ones against each earlier state, all
the way back, though no rule is longer than a few states: a tenth of Rasa's time in
bench/load.py's profile. Loaded for predictions, this policy
- makes only as many recent states as its longest rule has: for the states further
  back, Rasa keeps every rule anyway;
- checks only the rules whose last state has the conversation's previous action and
  intent (or leaves them open), found in an index built once. A rule with another last
  action or intent could never apply.
It finds the same rules and predicts the same actions (tested against Rasa's policy on
our own rules and stories, joined into long conversations). Training is Rasa's own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rasa.core.policies import rule_policy as rasa_rule_policy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import PREVIOUS_ACTION, USER
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ACTION_NAME, INTENT

LOOKUPS = (rasa_rule_policy.RULES, rasa_rule_policy.RULES_FOR_LOOP_UNHAPPY_PATH)
Step = tuple[str, str | None]     # a previous action, and an intent (None: any or none)


def longest_rule(lookup: dict[str, Any]) -> int | None:
    """How many states the longest rule has, or None when there are no rules."""
    keys = [key for name in LOOKUPS for key in lookup.get(name, {})]
    return max((len(json.loads(key)) for key in keys), default=None)


def recent_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> list[State]:
    """The last `count` of the states Rasa's RulePolicy makes of a conversation (one
    before each action and one now), without the work of making the others: the
    conversation is replayed as in `generate_all_prior_trackers`."""
    events = tracker.applied_events()
    first = 1 + sum(isinstance(event, ActionExecuted) for event in events) - count
    replay, states, point = tracker.init_copy(), [], 0
    for event in [*events, None]:
        if event is None or isinstance(event, ActionExecuted):
            if point >= first:
                states.append(Domain._clean_state(domain.get_active_state(replay)))
            point += 1
        if event is not None:
            replay.update(event)
    return states


def rule_step(state: State) -> Step | None:
    """The previous action and intent a conversation's latest state must have for a rule
    ending in `state` to apply; None when the rule needs Rasa's full check (no previous
    action, other features, or a value that must not be set)."""
    action, user = state.get(PREVIOUS_ACTION) or {}, state.get(USER) or {}
    name, intent = action.get(ACTION_NAME), user.get(INTENT)
    if (set(action) != {ACTION_NAME} or not isinstance(name, str)
            or name == rasa_rule_policy.SHOULD_NOT_BE_SET):
        return None
    if INTENT in user and (not isinstance(intent, str)
                           or intent == rasa_rule_policy.SHOULD_NOT_BE_SET):
        return None
    return name, intent


@dataclass
class RuleIndex:
    """The rules of one lookup, by the step their last state asks for."""

    by_step: dict[Step, list[str]]
    always: list[str]

    @classmethod
    def of(cls, rules: dict[str, str]) -> "RuleIndex":
        by_step: defaultdict[Step, list[str]] = defaultdict(list)
        always = []
        for key in rules:
            step = rule_step(json.loads(key)[-1])
            (always if step is None else by_step[step]).append(key)
        return cls(dict(by_step), always)

    def candidates(self, latest: State) -> list[str]:
        """Every rule that might apply to a conversation whose latest state is `latest`."""
        name = (latest.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
        intent = (latest.get(USER) or {}).get(INTENT)
        found = self.always + self.by_step.get((name, None), [])
        if intent is not None:
            found += self.by_step.get((name, intent), [])
        return found


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class RulePolicy(rasa_rule_policy.RulePolicy):
    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> "RulePolicy":
        policy = super().load(*args, **kwargs)
        policy._horizon = longest_rule(policy.lookup)
        policy._indexes = {id(policy.lookup[name]): RuleIndex.of(policy.lookup[name])
                           for name in LOOKUPS if name in policy.lookup}
        return policy

    def _prediction_states(self, tracker: DialogueStateTracker, domain: Domain,
                           use_text_for_last_user_input: bool = False,
                           rule_only_data: dict[str, Any] | None = None) -> list[State]:
        horizon = getattr(self, "_horizon", None)
        if horizon is None:                    # training, or no rules: Rasa's own way
            return super()._prediction_states(tracker, domain, use_text_for_last_user_input,
                                              rule_only_data)
        states = recent_states(tracker, domain, horizon)
        self.featurizer._choose_last_user_input([states], use_text_for_last_user_input)
        return states

    def _get_possible_keys(self, lookup: dict[str, str], states: list[State]) -> set[str]:
        index = getattr(self, "_indexes", {}).get(id(lookup))
        if index is None or not states:        # training: Rasa's own way
            return super()._get_possible_keys(lookup, states)
        back = list(enumerate(reversed(states)))
        return {key for key in index.candidates(states[-1])
                if all(self._is_rule_applicable(key, turn, state) for turn, state in back)}
