"""Who is asking and their situation, from the slots Rasa fills.

Who is asking (a parent or carer, a young person, or a professional), the age,
whether there is an EHC plan and the setting come from what people write
(knowledge/situation_text.py, as entities from bot/situation_entities.py). The
page the widget is on may say who it is for (the `page_audience` slot): what
the person says of themselves comes first.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from knowledge.situation import Situation
from knowledge.vocabulary import age_for_school_year, canonical, parse_age


def situation_from(tracker: Tracker) -> Situation:
    """What we know of the person's situation, from the slots."""
    age_text, year_text = tracker.get_slot("age"), tracker.get_slot("school_year")
    age = parse_age(str(age_text)) if age_text else None
    if age is None and year_text:
        age = age_for_school_year(year_text)
    setting = tracker.get_slot("setting")
    audience = tracker.get_slot("audience") or tracker.get_slot("page_audience")
    return Situation(audience=audience, age=age,
                     has_plan=tracker.get_slot("has_plan"),
                     setting=canonical("setting", setting) if setting else None)


def case_summary(tracker: Tracker) -> dict[str, object]:
    """What staff need to pick up a case without asking again."""
    situation = situation_from(tracker)
    return {"topic": tracker.get_slot("current_topic"), "audience": situation.audience,
            "age": situation.age, "setting": situation.setting,
            "has_plan": situation.has_plan}
