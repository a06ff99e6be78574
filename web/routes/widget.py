"""What the chat widget needs from the server: the council's name, colour, greeting and
the privacy notice people read before their first message. A page's data- attributes
override the name, colour and greeting."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from knowledge.sources import load_council

router = APIRouter()


class WidgetSettings(BaseModel):
    council: str
    colour: str
    greeting: str
    privacy: list[str]


@router.get("/api/widget/settings", response_model=WidgetSettings)
def widget_settings() -> WidgetSettings:
    council = load_council()
    privacy = council["privacy"]
    return WidgetSettings(
        council=council["short_name"], colour=council["widget"]["colour"],
        greeting=council["widget"]["greeting"],
        privacy=[privacy["kept"].format(keep_days=privacy["keep_days"]),
                 privacy["who_sees"], privacy["reminder"]])
