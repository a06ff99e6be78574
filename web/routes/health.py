"""GET /healthz: is every part of the assistant up?"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from knowledge.query import KnowledgeBase, KnowledgeBaseUnavailable
from web.config import Settings
from web.dependencies import RasaDep, SettingsDep
from web.rasa_client import ComponentHealth
from web.schemas import ComponentState, HealthResponse
from web.tracker_watch import TrackerWatch

router = APIRouter()


def knowledge_base_health(settings: Settings) -> ComponentHealth:
    try:
        counts = KnowledgeBase.open(settings.knowledge_base).counts()
    except KnowledgeBaseUnavailable as error:
        return ComponentHealth(False, str(error))
    return ComponentHealth(True, f"{counts['topic']} topics, {counts['service']} services")


async def tracker_store_health(watch: TrackerWatch) -> ComponentHealth:
    problem = await watch.check()
    return ComponentHealth(problem is None, problem or "conversations can be read")


@router.get("/healthz", response_model=HealthResponse, responses={503: {"model": HealthResponse}})
async def healthz(request: Request, rasa: RasaDep, settings: SettingsDep) -> JSONResponse:
    rasa_state, actions_state, tracker_state = await asyncio.gather(
        rasa.rasa_health(), rasa.actions_health(),
        tracker_store_health(request.app.state.tracker_watch))
    parts = {"rasa": rasa_state, "actions": actions_state,
             "knowledge_base": knowledge_base_health(settings), "tracker_store": tracker_state}
    all_ok = all(part.ok for part in parts.values())
    body = HealthResponse(
        status="ok" if all_ok else "unavailable",
        **{name: ComponentState(ok=part.ok, detail=part.detail) for name, part in parts.items()},
    )
    return JSONResponse(status_code=200 if all_ok else 503, content=body.model_dump())
