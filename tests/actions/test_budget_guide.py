"""The Personal Budget guide: the four ways, the family's choice, the local policy."""

from __future__ import annotations

from actions.budget_guide import ActionBudgetGuide
from tests.actions.trackers import make_tracker, run_action


def test_the_guide_starts_with_the_four_ways_as_a_choice() -> None:
    messages, _ = run_action(ActionBudgetGuide(), make_tracker(
        "which personal budget option suits us", "choose_budget_option"))
    assert "four ways" in messages[0]["text"] and "9.101" in messages[0]["text"]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [f'/choose_budget_option{{"budget_option": "{key}"}}' for key in
                        ("direct_payment", "notional_budget", "third_party", "combination")]


def test_choosing_a_way_explains_it_with_the_councils_policy_on_how_to_ask() -> None:
    messages, _ = run_action(ActionBudgetGuide(), make_tracker(
        '/choose_budget_option{"budget_option": "direct_payment"}', "choose_budget_option",
        entities=[{"entity": "budget_option", "value": "direct_payment"}]))
    text = messages[0]["text"]
    assert text.startswith("Direct payments: The council pays the money to you")
    assert "head teacher or principal must agree in writing" in text
    assert "In Anyshire: How to ask." in text and "01632 960530" in text
    assert "Anyshire Personal Budget policy (https://localoffer.example.org/" in text
    assert '/choose_budget_option{"budget_option": "direct_payment"}' not in \
        [b["payload"] for b in messages[0]["buttons"]]


def test_words_typed_choose_a_way_too() -> None:
    messages, _ = run_action(ActionBudgetGuide(), make_tracker(
        "tell me about a third party arrangement", "choose_budget_option",
        entities=[{"entity": "budget_option", "value": "third party arrangement"}]))
    assert messages[0]["text"].startswith("A third-party arrangement:")


def test_a_family_without_a_plan_hears_that_a_budget_needs_one() -> None:
    messages, _ = run_action(ActionBudgetGuide(), make_tracker(
        "we dont have an ehcp, can we get direct payments", "choose_budget_option",
        slots={"has_plan": False}))
    assert "only ask for a Personal Budget if there is an EHC plan" in messages[0]["text"]
    assert "section 49(1)" in messages[0]["text"]
