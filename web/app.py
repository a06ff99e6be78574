"""The FastAPI app: serves the widget and the demo page, the chat API and health.

    uvicorn web.app:app --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import asyncio
import datetime as dt
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from web import errors, guards
from web.config import Settings
from web.http_transport import AiohttpTransport
from web.rasa_client import RasaClient
from web.tracker_watch import TrackerWatch
from casework.handoff import Handoffs
from casework.retention import Retention, forget_on_schedule
from casework.tracker_store import TrackerStore
from casework.staff_accounts import StaffAccounts
from casework.store import CaseworkStore
from web.routes import chat, health, staff, staff_pages, widget
from triage.risk import risk_detector

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None,
               transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """Build the app; transport lets tests put a stand-in Rasa behind the real client."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        background = [
            asyncio.create_task(forget_on_schedule(
                app.state.retention, dt.timedelta(seconds=settings.retention_every_seconds))),
            asyncio.create_task(app.state.tracker_watch.keep_checking())]
        async with httpx.AsyncClient(transport=transport or AiohttpTransport()) as http:
            app.state.rasa = RasaClient(settings, http)
            yield
        for task in background:
            task.cancel()

    app = FastAPI(title="Anyshire SEND assistant", lifespan=lifespan,
                  responses=guards.RESPONSES)
    app.state.settings = settings
    app.state.casework = CaseworkStore(settings.casework)
    app.state.staff = StaffAccounts(app.state.casework)
    app.state.handoffs = Handoffs(app.state.casework)
    app.state.retention = Retention(app.state.casework, settings.tracker_db)
    app.state.tracker_watch = TrackerWatch(TrackerStore(settings.tracker_db))
    risk_detector()   # loaded now, so the first message at risk does not wait for it
    errors.install(app)
    # Added before CORS, so CORS wraps it: the widget can read its refusals from another site.
    app.add_middleware(guards.InputGuard, settings=settings)
    # The widget runs on the council's own site, another origin: it may call the chat API.
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.widget_origins),
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type"],
                       allow_credentials=False)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(staff.router)
    app.include_router(staff_pages.router)
    app.include_router(widget.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    async def demo_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/young-people", include_in_schema=False)
    async def young_peoples_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "young-people.html")

    @app.get("/widget.js", include_in_schema=False)
    async def widget_script() -> FileResponse:
        return FileResponse(STATIC_DIR / "widget.js", media_type="text/javascript")

    return app


app = create_app()
