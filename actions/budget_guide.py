"""A short guided conversation: which way of holding a Personal Budget fits?

First the four ways, as a choice of how much the family wants to do itself;
then the chosen way, what it suits, what to know, and the council's own
policy on who can ask and how (all from the knowledge base).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.knowledge_base import KnowledgeBaseUnavailable, council_details, knowledge_base
from actions.follow_ups import follows_up
from actions.who_is_asking import situation_from
from knowledge.guides import BudgetGuide, BudgetOption
from knowledge.sources import Policy
from knowledge.vocabulary import canonical


def chosen_option(tracker: Tracker, guide: BudgetGuide) -> BudgetOption | None:
    """The way named in the message: a button's key, or words such as "direct payments"."""
    for value in tracker.get_latest_entity_values("budget_option"):
        option = guide.option(value) or guide.option(canonical("budget_option", value) or "")
        if option:
            return option
    return None


def option_buttons(guide: BudgetGuide, leave_out: str | None = None) -> list[dict[str, str]]:
    return [{"title": option.choice,
             "payload": f'/choose_budget_option{{"budget_option": "{option.key}"}}'}
            for option in guide.options if option.key != leave_out]


def option_message(option: BudgetOption, guide: BudgetGuide, policy: Policy | None,
                   council: dict[str, Any]) -> answers.Message:
    local = ""
    citations = [option.citation]
    if policy:
        how = policy.paragraph("How to ask") or policy.summary
        local = f"\n\nIn {council['short_name']}: {how}"
        citations.append(f"{policy.title} ({policy.url})")
    return {"text": f"{option.name}: {option.means} {option.suits} {option.know}{local}\n\n"
                    f"{answers.sources_line(tuple(citations))}",
            "buttons": [*option_buttons(guide, leave_out=option.key),
                        {"title": "How do Personal Budgets work?",
                         "payload": "/explain_personal_budget"}]}


class ActionBudgetGuide(Action):
    def name(self) -> str:
        return "action_budget_guide"

    @follows_up
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            guide = knowledge_base().budget_guide()
            policy = knowledge_base().policy(guide.policy)
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(**answers.unavailable(council_details()))
            return []
        if situation_from(tracker).has_plan is False:
            dispatcher.utter_message(text=f"{guide.needs_plan}\n\n"
                                          f"{answers.sources_line((guide.needs_plan_citation,))}")
        option = chosen_option(tracker, guide)
        if option is None:
            dispatcher.utter_message(
                text=f"{guide.question}\n\n{answers.sources_line((guide.citation,))}",
                buttons=option_buttons(guide))
        else:
            dispatcher.utter_message(**option_message(option, guide, policy, council_details()))
        return []
