"""Latency, throughput and errors of the assistant under concurrent conversations,
beside a bare Rasa server's floor measured in the same run.

    .venv/web/bin/python -m bench.load [--conversations 20] [--rounds 10] [--web-url URL]
                                       [--timeout 300] [--profile embedded|scaleout]

N conversations run at once, each a script of 5 to 7 turns in parents' and young
people's own words, sent one after another through POST /api/chat. The floor is
Rasa 3.6 itself with a trivial model (var/bench/floor/, trained once and cached)
answering "hello" for the same number of conversations and turns: what any Rasa
assistant costs on this machine, so our p95 is printed as a multiple of it. Both
run --rounds times, taking turns, so a slow moment of the machine falls on both.
Target at 20 conversations: no errors and p95 within 2x the floor's; the whole
embedded stack under 1.6 GB resident.

By default the benchmark starts its own stack (web 18300, Rasa 15305, actions
15355, in a temporary var dir) and also reports cold start to first answer and
each process's memory; with --web-url it measures a running web app instead.
Bounded: a fixed number of turns, each load phase within --timeout, loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psycopg
import yaml

from bench.figures import percentiles_to_p99
from ops.stack import (RASA_BIN, ROOT, Process, ScaleOut, Stack, StackConfig, StackError,
                       healthz)
from web.http_transport import AiohttpTransport

# Each a conversation as people have it: a greeting, questions, a button's payload, thanks.
# Nothing here asks for a person or suggests risk: either would pause the bot for staff.
SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("hi", "what is an ehcp", "my son is 7 and has autism", "/explain_annual_review",
     "speech therapy for a 7 year old", "thanks"),
    ("hello", "im 17 and i have dyslexia", "what can i do after year 11",
     "/explain_supported_internships", "are there job coaches for young people",
     "what does SENDIASS stand for", "cheers"),
    ("hiya", "how do we ask for an ehc needs assessment for our daughter",
     "she is 9 and struggles with reading", "what is sen support",
     "/explain_sendias", "thank you"),
    ("good morning", "my daughter is 12 and has an ehc plan", "what is a personal budget",
     "what are direct payments", "short breaks for disabled children", "thanks, bye"),
    ("hello there", "what is the local offer", "my little boy is 4 and goes to nursery",
     "autism support after school", "what does SENCO mean", "/explain_sen_support",
     "thanks that helps"),
)
FLOOR_MESSAGE = "hello"
OURS, FLOOR = "POST /api/chat (our stack)", 'bare Rasa, "hello" (floor)'
WEB_PORT, RASA_PORT, ACTIONS_PORT = 18300, 15305, 15355
LOOPBACK = ("127.0.0.1", "localhost", "::1")
FLOOR_DIR = ROOT / "var/bench/floor"
FLOOR_MODEL_NAME = "floor"
RATIO_TARGET = 2.0
TARGET_CONVERSATIONS = 20
MEMORY_TARGET_MB = 1600
ERRORS_SHOWN = 3
START_TIMEOUT_SECONDS = 300
DEFAULT_ROUNDS = 10


@dataclass
class LoadResult:
    """What load phases measured: answered turns' latencies, failed turns' reasons, and the
    CPU time each server process used meanwhile (ms, by process name)."""
    timings_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    cpu_ms: dict[str, float] = field(default_factory=dict)

    def add(self, other: "LoadResult") -> None:
        self.timings_ms += other.timings_ms
        self.errors += other.errors
        self.wall_seconds += other.wall_seconds
        for name, used in other.cpu_ms.items():
            self.cpu_ms[name] = self.cpu_ms.get(name, 0.0) + used

    @property
    def turns(self) -> int:
        return len(self.timings_ms) + len(self.errors)

    @property
    def turns_per_second(self) -> float:
        """Answered turns per second of the phase's wall time (what a service delivers)."""
        return len(self.timings_ms) / self.wall_seconds if self.wall_seconds else 0.0


@dataclass(frozen=True)
class Target:
    """Where a load phase sends its turns, and how it tells a good answer."""
    name: str
    url: str
    body: Callable[[str, str], dict[str, Any]]
    problem: Callable[[httpx.Response], str | None]


# --- the conversations ------------------------------------------------------------------

def session_id() -> str:
    """A random session id of the shape the chat API accepts, one per conversation."""
    return f"load-{secrets.token_hex(8)}"


def conversation_scripts(count: int) -> list[tuple[str, ...]]:
    """`count` conversations, taking the scripts in turn so every one is used."""
    return [SCRIPTS[number % len(SCRIPTS)] for number in range(count)]


def floor_scripts(scripts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The same conversations and turns for the floor, every turn a "hello"."""
    return [(FLOOR_MESSAGE,) * len(script) for script in scripts]


def chat_problem(response: httpx.Response) -> str | None:
    """Why a POST /api/chat answer is not a good one (None when it is)."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:120]}"
    body = response.json()
    if body.get("handoff"):
        return "handed to the SEND team (the script should not do that)"
    return None if body.get("messages") else "no messages"


def floor_problem(response: httpx.Response) -> str | None:
    """Why a Rasa REST webhook answer is not a good one (None when it is)."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:120]}"
    return None if response.json() else "no messages"


def chat_target(web_url: str) -> Target:
    return Target(OURS, f"{web_url.rstrip('/')}/api/chat",
                  lambda sender, text: {"session_id": sender, "message": text}, chat_problem)


def floor_target(rasa_url: str) -> Target:
    return Target(FLOOR, f"{rasa_url}/webhooks/rest/webhook",
                  lambda sender, text: {"sender": sender, "message": text}, floor_problem)


async def converse(http: httpx.AsyncClient, target: Target, script: tuple[str, ...],
                   deadline: float, result: LoadResult) -> None:
    """One conversation: its turns in order, each timed; a failed turn is counted and the
    conversation goes on, as a person would try again."""
    sender = session_id()
    for text in script:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            result.errors.append("not sent: the time budget (--timeout) was spent")
            continue
        started = time.perf_counter()
        try:
            response = await http.post(target.url, json=target.body(sender, text),
                                       timeout=remaining)
            problem = target.problem(response)
        except (httpx.HTTPError, ValueError) as error:
            problem = f"{type(error).__name__} {error}".strip()
        if problem is None:
            result.timings_ms.append((time.perf_counter() - started) * 1000)
        else:
            result.errors.append(f"{text!r}: {problem}")


async def run_load(target: Target, scripts: list[tuple[str, ...]],
                   timeout: float) -> LoadResult:
    """Every conversation at once on one pooled client. Its requests go through aiohttp's
    pool, as the web app's do: through httpx's own, the client took 2 ms of the machine's
    CPU a turn, as much as the web app."""
    result = LoadResult()
    async with httpx.AsyncClient(transport=AiohttpTransport()) as http:
        started = time.monotonic()
        await asyncio.gather(*(converse(http, target, script, started + timeout, result)
                               for script in scripts))
        result.wall_seconds = time.monotonic() - started
    return result


def process_cpu_ms(pid: int) -> float:
    """CPU time (user and system) a process and its children have used so far, in ms."""
    ticks = 0
    for each in (pid, *descendants(pid)):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])     # utime, stime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def measured_load(target: Target, scripts: list[tuple[str, ...]], timeout: float,
                  pids: dict[str, int]) -> LoadResult:
    """One load phase, with the CPU time each of `pids` used during it, and the
    benchmark's own client (it shares the machine)."""
    before = {name: process_cpu_ms(pid) for name, pid in pids.items()}
    client_before = time.process_time()
    result = asyncio.run(run_load(target, scripts, timeout))
    result.cpu_ms = {name: process_cpu_ms(pid) - before[name] for name, pid in pids.items()}
    result.cpu_ms["client"] = (time.process_time() - client_before) * 1000
    return result


async def first_answer(target: Target, timeout: float) -> float:
    """Seconds until the target first answers well: warms it, and times cold start."""
    started = time.monotonic()
    async with httpx.AsyncClient() as http:
        while True:
            try:
                response = await http.post(target.url, timeout=60,
                                           json=target.body(session_id(), FLOOR_MESSAGE))
                if target.problem(response) is None:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"{target.name} gave no good answer in {timeout:.0f} s")
            await asyncio.sleep(0.5)


# --- the floor: a bare Rasa server with a trivial model ----------------------------------

def _examples(*texts: str) -> str:
    return "".join(f"- {text}\n" for text in texts)


# The floor's Rasa project: the least an assistant can be (one intent answered by a rule).
FLOOR_PROJECT: dict[str, dict[str, Any]] = {
    "config.yml": {"recipe": "default.v1", "language": "en", "assistant_id": "bench-floor",
                   "pipeline": [{"name": "WhitespaceTokenizer"},
                                {"name": "CountVectorsFeaturizer"},
                                {"name": "LogisticRegressionClassifier"}],
                   "policies": [{"name": "RulePolicy"}]},
    "domain.yml": {"version": "3.1", "intents": ["greet", "goodbye"],
                   "responses": {"utter_greet": [{"text": "Hello! How can I help?"}],
                                 "utter_goodbye": [{"text": "Goodbye."}]}},
    "data/nlu.yml": {"version": "3.1", "nlu": [
        {"intent": "greet", "examples": _examples(
            "hello", "hi", "hey", "hello there", "good morning", "hiya")},
        {"intent": "goodbye", "examples": _examples(
            "bye", "goodbye", "see you later", "bye for now")}]},
    "data/rules.yml": {"version": "3.1", "rules": [
        {"rule": "greet", "steps": [{"intent": "greet"}, {"action": "utter_greet"}]},
        {"rule": "goodbye", "steps": [{"intent": "goodbye"}, {"action": "utter_goodbye"}]}]},
    "credentials.yml": {"rest": None},
}


def write_floor_sources(folder: Path) -> float:
    """Write the floor's project files where they changed; return when they last did."""
    for relative, content in FLOOR_PROJECT.items():
        path, text = folder / relative, yaml.safe_dump(content, sort_keys=False)
        if not path.exists() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return max((folder / relative).stat().st_mtime for relative in FLOOR_PROJECT)


def rasa_env(folder: Path) -> dict[str, str]:
    """Rasa's environment for the floor: no telemetry, its training cache kept in folder."""
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_CACHE_DIRECTORY": str(folder / ".rasa/cache")}


def ensure_floor_model(folder: Path = FLOOR_DIR) -> tuple[Path, float | None]:
    """The floor's model, trained only when missing or older than its sources (var/ is not
    in git, so the cache survives between runs); the seconds training took, or None."""
    model = folder / "models" / f"{FLOOR_MODEL_NAME}.tar.gz"
    changed = write_floor_sources(folder)
    if model.exists() and model.stat().st_mtime > changed:
        return model, None
    started = time.monotonic()
    with (folder / "train.log").open("wb") as log:
        subprocess.run([str(RASA_BIN / "rasa"), "train", "--config", "config.yml",
                        "--domain", "domain.yml", "--data", "data", "--out", "models",
                        "--fixed-model-name", FLOOR_MODEL_NAME],
                       cwd=folder, env=rasa_env(folder), stdout=log, stderr=subprocess.STDOUT,
                       check=True, timeout=START_TIMEOUT_SECONDS)
    model.touch()   # newer than its sources even if Rasa kept the old file
    return model, time.monotonic() - started


def free_port() -> int:
    """A loopback port nobody is using now, so the floor never clashes with a stack."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def floor_process(model: Path, port: int, folder: Path = FLOOR_DIR) -> Process:
    """`rasa run` with the trivial model: REST channel, no action server, trackers in memory."""
    return Process("floor", [
        str(RASA_BIN / "rasa"), "run", "--model", str(model),
        "--credentials", str(folder / "credentials.yml"),
        "--port", str(port), "--interface", "127.0.0.1",
    ], rasa_env(folder), folder / "floor.log")


def wait_until_answers(url: str, process: Process, timeout: float) -> None:
    """Wait for GET url to answer: Rasa loads its model before it starts listening."""
    deadline = time.monotonic() + timeout
    while healthz(url) is None:
        if process.exited() or time.monotonic() > deadline:
            raise RuntimeError(f"the floor Rasa server did not start:\n{process.log_tail()}")
        time.sleep(0.5)


# --- memory ----------------------------------------------------------------------------

def _status_kb(pid: int, key: str) -> int:
    """A figure from /proc/<pid>/status, in kB (0 if the process is gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith(f"{key}:")), 0)


def descendants(pid: int) -> list[int]:
    """pid's child processes, their children and so on (a server may fork workers)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found.extend(children)
        todo.extend(children)
    return found


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak (VmHWM) of a process and its children, in MB."""
    pids = [pid, *descendants(pid)]
    return (sum(_status_kb(p, "VmRSS") for p in pids) / 1024,
            sum(_status_kb(p, "VmHWM") for p in pids) / 1024)


def stack_pids(stack: Stack) -> dict[str, int]:
    return {process.name: process.popen.pid
            for process in stack.processes if process.popen is not None}


def stack_memory_mb(stack: Stack) -> dict[str, tuple[float, float]]:
    return {name: tree_memory_mb(pid) for name, pid in stack_pids(stack).items()}


# --- verdicts and output ----------------------------------------------------------------

def floor_verdict(errors: int, ours_p95: float, floor_p95: float,
                  limit: float = RATIO_TARGET) -> tuple[float, bool]:
    """Our p95 as a multiple of the floor's, and whether the target holds (no errors and
    within `limit` times)."""
    ratio = ours_p95 / floor_p95 if floor_p95 > 0 else float("inf")
    return ratio, errors == 0 and ratio <= limit


def memory_verdict(memory: dict[str, tuple[float, float]]) -> tuple[float, bool]:
    """The stack's total resident memory now, and whether it is under the target."""
    total = sum(now for now, _peak in memory.values())
    return total, total < MEMORY_TARGET_MB


def met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def table(results: dict[str, LoadResult]) -> list[str]:
    """One line per target: turns, errors, p50/p95/p99 (ms), throughput and wall time."""
    lines = [f"{'target':<28} {'turns':>5} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} "
             f"{'p99 ms':>7} {'turns/s':>7} {'wall s':>6}"]
    for name, result in results.items():
        p50, p95, p99 = percentiles_to_p99(result.timings_ms) if result.timings_ms else (
            float("nan"),) * 3
        lines.append(f"{name:<28} {result.turns:>5} {len(result.errors):>6} {p50:>7.0f} "
                     f"{p95:>7.0f} {p99:>7.0f} {result.turns_per_second:>7.1f} "
                     f"{result.wall_seconds:>6.1f}")
    return lines


def error_lines(results: dict[str, LoadResult]) -> list[str]:
    return [f"  {name}: {reason}" for name, result in results.items()
            for reason in result.errors[:ERRORS_SHOWN]]


def cpu_lines(results: dict[str, LoadResult]) -> list[str]:
    """Where the time goes: each process's CPU per turn, the measure that does not depend
    on how the turns queue."""
    return [f"CPU per turn, {name}: " + ", ".join(
                f"{process} {used / result.turns:.1f} ms" for process, used in
                result.cpu_ms.items())
            for name, result in results.items() if result.cpu_ms and result.turns]


def memory_lines(memory: dict[str, tuple[float, float]], embedded: bool = True) -> list[str]:
    """Each process's memory, and the whole stack's against the target, which is set for
    the embedded stack (the scale-out profile runs two nodes' processes on one machine)."""
    total, ok = memory_verdict(memory)
    verdict = (f"target under {MEMORY_TARGET_MB} MB: {met(ok)}" if embedded else
               f"the {MEMORY_TARGET_MB} MB target is for the embedded stack")
    return ["Resident memory after the load (peak): " + ", ".join(
                f"{name} {now:.0f} MB ({peak:.0f})" for name, (now, peak) in memory.items()),
            f"  whole stack {total:.0f} MB ({verdict})"]


# --- running it ------------------------------------------------------------------------

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=TARGET_CONVERSATIONS,
                        help="conversations at once (default 20, at most 200)")
    parser.add_argument("--web-url", help="benchmark this running web app (loopback only) "
                                          "instead of starting a stack")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS,
                        help=f"load rounds for each target, in turns (default {DEFAULT_ROUNDS}, "
                             "at most 20)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds each load phase may take (default 300)")
    parser.add_argument("--profile", choices=("embedded", "scaleout"), default="embedded",
                        help="the stack to start: one node on SQLite (default), or two Rasa "
                             "and two action servers on PostgreSQL and Redis")
    args = parser.parse_args(argv)
    if not 1 <= args.conversations <= 200:
        parser.error("--conversations must be between 1 and 200")
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be between 1 and 20")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    if args.web_url and urlsplit(args.web_url).hostname not in LOOPBACK:
        parser.error("--web-url must be on this machine (127.0.0.1 or localhost)")
    return args


@contextlib.contextmanager
def floor_server(model: Path) -> Iterator[tuple[Target, dict[str, int]]]:
    """The bare Rasa server, warmed with one turn, and always stopped afterwards."""
    port = free_port()
    process = floor_process(model, port)
    process.start()
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/", process, START_TIMEOUT_SECONDS)
        target = floor_target(f"http://127.0.0.1:{port}")
        asyncio.run(first_answer(target, START_TIMEOUT_SECONDS))
        yield target, {"floor": process.popen.pid}
    finally:
        process.stop()


@contextlib.contextmanager
def own_stack(var_dir: Path, scale_out: ScaleOut | None
              ) -> Iterator[tuple[Stack, Target, str]]:
    """Our stack, started and warmed: also says how long it took to give a first answer."""
    # Every conversation comes from 127.0.0.1: lift the per-address limit for this stack.
    os.environ["SEND_CHAT_PER_ADDRESS_PER_MINUTE"] = "1000000"
    stack = Stack(StackConfig(var_dir=var_dir, web_port=WEB_PORT, rasa_port=RASA_PORT,
                              actions_port=ACTIONS_PORT, scale_out=scale_out))
    started = time.monotonic()
    try:
        healthy = stack.start(START_TIMEOUT_SECONDS)
        target = chat_target(stack.config.web_url)
        asyncio.run(first_answer(target, START_TIMEOUT_SECONDS))
        yield stack, target, (f"Cold start to first answer: {time.monotonic() - started:.1f} s "
                              f"(healthy after {healthy:.1f} s)")
    finally:
        stack.stop()


def drop_database(scale_out: ScaleOut) -> None:
    """The scale-out run's PostgreSQL database is the benchmark's own: remove it."""
    with psycopg.connect(f"postgresql://{scale_out.postgres_user}@{scale_out.postgres_host}:"
                         f"{scale_out.postgres_port}/postgres", autocommit=True) as admin:
        admin.execute(f"drop database if exists {scale_out.postgres_db}")


def measure(args: argparse.Namespace) -> tuple[dict[str, LoadResult], list[str]]:
    """Our stack and the floor, loaded in turns (never at once: they would share the two
    cores), `args.rounds` times each."""
    scripts = conversation_scripts(args.conversations)
    print(f"Preparing the floor model in {FLOOR_DIR.relative_to(ROOT)}/ ...", flush=True)
    model, trained = ensure_floor_model()
    notes = [f"Floor model: {'trained in %.0f s' % trained if trained else 'cached'} "
             f"({model.relative_to(ROOT)})"]
    ours, floor, stack = LoadResult(), LoadResult(), None
    with contextlib.ExitStack() as running:
        if args.web_url:
            our_target, our_pids = chat_target(args.web_url), {}
            notes.append(f"Measured the running web app at {args.web_url} (cold start, "
                         "memory and CPU only when the benchmark starts the stack itself)")
        else:
            scale_out = (ScaleOut(postgres_db=f"send_bench_{secrets.token_hex(6)}",
                                  redis_db=3, redis_prefix="send_bench")
                         if args.profile == "scaleout" else None)
            if scale_out:
                running.callback(drop_database, scale_out)
            var_dir = running.enter_context(tempfile.TemporaryDirectory(prefix="send-load-"))
            stack, our_target, cold = running.enter_context(own_stack(Path(var_dir), scale_out))
            our_pids = stack_pids(stack)
            notes.extend([f"Profile: {args.profile}", cold])
        floor_target_, floor_pids = running.enter_context(floor_server(model))
        print(f"Loading: {args.conversations} conversations at once, "
              f"{sum(map(len, scripts))} turns per target, {args.rounds} rounds...", flush=True)
        for _ in range(args.rounds):
            ours.add(measured_load(our_target, scripts, args.timeout, our_pids))
            floor.add(measured_load(floor_target_, floor_scripts(scripts), args.timeout,
                                    floor_pids))
        if stack:
            notes.extend(memory_lines(stack_memory_mb(stack), embedded=not stack.config.scale_out))
    return {OURS: ours, FLOOR: floor}, notes


def verdict_line(ours: LoadResult, floor: LoadResult) -> str:
    ratio, ok = floor_verdict(len(ours.errors), percentiles_to_p99(ours.timings_ms)[1],
                              percentiles_to_p99(floor.timings_ms)[1])
    return (f"p95 ours / floor: {ratio:.2f}x (target at {TARGET_CONVERSATIONS} conversations: "
            f"no errors and within {RATIO_TARGET:.0f}x: {met(ok)})")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)   # stop children on kill too
    try:
        results, notes = measure(args)
    except KeyboardInterrupt:
        print("Stopped; every process the benchmark started has been stopped.")
        return 130
    except (StackError, RuntimeError, TimeoutError, subprocess.SubprocessError) as error:
        print(f"The benchmark could not run: {error}")
        return 1
    print("\n".join(table(results)))
    if any(result.errors for result in results.values()):
        print("First errors:\n" + "\n".join(error_lines(results)))
    if results[OURS].timings_ms and results[FLOOR].timings_ms:
        print(verdict_line(results[OURS], results[FLOOR]))
    print("\n".join(cpu_lines(results)))
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
