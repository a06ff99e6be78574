"""Is Rasa's conversation store readable? When it fails, Rasa carries on in memory and
forgets what the person said before, and the chat says so. The store is checked in the
background every few seconds, so a chat turn only reads the last answer (no database
work on the hot path); /healthz checks afresh."""

from __future__ import annotations

import asyncio

from casework.tracker_store import TrackerStore

EVERY_SECONDS = 5.0


class TrackerWatch:
    def __init__(self, store: TrackerStore) -> None:
        self.store = store
        self.problem: str | None = None      # the last check's answer; None: readable

    async def check(self) -> str | None:
        """Check now (in a thread: the database may be slow to answer) and remember it."""
        self.problem = await asyncio.to_thread(self.store.problem)
        return self.problem

    async def keep_checking(self) -> None:
        while True:
            await self.check()
            await asyncio.sleep(EVERY_SECONDS)
