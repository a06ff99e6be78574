"""Cold start, first answer, per-turn latency and resident memory of the real stack.

    .venv/web/bin/python -m bench.stack_footprint [--turns 20]

Starts the three processes on ports of their own, asks the foundation's
questions through POST /api/chat, and prints the figures. As a baseline in the
same run it sends the same questions straight to Rasa's REST webhook, so the
web app's own share of each turn is visible. Bounded: a fixed number of turns,
loopback only.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bench.figures import percentiles
from ops.stack import Stack, StackConfig

QUESTIONS = (
    "how often does an EHC plan get reviewed?",
    "what is the local offer?",
    "what are the personal budget options?",
    "speech and language therapy for a 7-year-old",
    "can I speak to a person",
)


def timed_turns(post, turns: int) -> list[float]:
    """Milliseconds per turn for `turns` questions, each in a new conversation."""
    timings = []
    for turn in range(turns):
        started = time.perf_counter()
        response = post(f"bench-{uuid.uuid4().hex}", QUESTIONS[turn % len(QUESTIONS)])
        response.raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def describe(name: str, timings: list[float]) -> str:
    p50, p95 = percentiles(timings)
    return (f"{name:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   "
            f"max {max(timings):7.1f} ms   (n={len(timings)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as var_dir:
        config = StackConfig(var_dir=Path(var_dir), web_port=18100, rasa_port=15105,
                             actions_port=15155)
        stack = Stack(config)
        try:
            cold_start = stack.start()
            rasa_url = f"http://{config.host}:{config.rasa_port}/webhooks/rest/webhook"
            with httpx.Client(timeout=60) as http:
                first = timed_turns(lambda s, m: http.post(
                    f"{config.web_url}/api/chat", json={"session_id": s, "message": m}), 1)[0]
                via_web = timed_turns(lambda s, m: http.post(
                    f"{config.web_url}/api/chat", json={"session_id": s, "message": m}),
                    args.turns)
                direct = timed_turns(lambda s, m: http.post(
                    rasa_url, json={"sender": s, "message": m}), args.turns)
            memory = stack.memory_mb()
        finally:
            stack.stop()
    print(f"Cold start to healthy: {cold_start:.1f} s; first answer after that: {first:.0f} ms")
    print(describe("POST /api/chat (whole chain)", via_web))
    print(describe("Rasa webhook direct (base)", direct))
    print("Resident memory: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in memory.items()
                                          if mb is not None)
          + f"; total {sum(mb for mb in memory.values() if mb):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
