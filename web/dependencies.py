"""Typed dependencies, declared once and shared by the routes.

They are coroutines because FastAPI runs a plain function dependency in a worker
thread: a thread hop on every chat turn just to read the app's state.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from web.config import Settings
from web.rasa_client import RasaClient


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


SettingsDep = Annotated[Settings, Depends(get_settings)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
