"""Is Rasa's conversation store readable? Asked on every chat turn, so the answer is kept
for a few seconds: when the store fails, Rasa carries on in memory and forgets what
the person said before, and the chat says so."""

from __future__ import annotations

import time

from casework.tracker_store import TrackerStore

KEEP_SECONDS = 5.0


class TrackerWatch:
    def __init__(self, store: TrackerStore) -> None:
        self.store = store
        self._checked_at = float("-inf")
        self._problem: str | None = None

    def problem(self, fresh: bool = False) -> str | None:
        """What is wrong with the store, or None; checked again after KEEP_SECONDS."""
        if fresh or time.monotonic() - self._checked_at > KEEP_SECONDS:
            self._problem = self.store.problem()
            self._checked_at = time.monotonic()
        return self._problem
