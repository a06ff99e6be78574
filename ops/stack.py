"""Start, watch and stop the three processes of the assistant.

    python -m ops.stack          (what `make run` does; Ctrl-C stops everything)

The action server (rasa_sdk), the Rasa server and the web app each run as a
child process with its log in var/logs/. `make run`, the integration tests and
the benchmarks all start the real stack through this one module.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ops.fingerprint import ROOT, model_path

RASA_BIN = ROOT / ".venv/rasa/bin"
WEB_BIN = ROOT / ".venv/web/bin"
STOP_GRACE_SECONDS = 15


class StackError(RuntimeError):
    """A process failed to start or to become healthy."""


@dataclass(frozen=True)
class ScaleOut:
    """The scale-out profile: `nodes` Rasa servers, each with its own action server, sharing
    a PostgreSQL tracker store and a Redis lock store (both as Rasa supports them)."""
    nodes: int = 2
    postgres_host: str = "127.0.0.1"
    postgres_port: int = 5432
    postgres_user: str = "postgres"
    postgres_db: str = "send_assistant"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1
    redis_prefix: str = "send"

    @property
    def tracker_url(self) -> str:
        return (f"postgresql://{self.postgres_user}@{self.postgres_host}:"
                f"{self.postgres_port}/{self.postgres_db}")


@dataclass(frozen=True)
class StackConfig:
    host: str = "127.0.0.1"
    web_port: int = 8000
    rasa_port: int = 5005          # node n (from 0) uses rasa_port + n
    actions_port: int = 5055       # and actions_port + n
    var_dir: Path = ROOT / "var"
    knowledge_base: Path = ROOT / "var/knowledge.db"
    model: Path = field(default_factory=model_path)
    rasa_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    scale_out: ScaleOut | None = None    # None: one node, SQLite and an in-memory lock store

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def nodes(self) -> int:
        return self.scale_out.nodes if self.scale_out else 1

    def rasa_url(self, node: int) -> str:
        return f"http://{self.host}:{self.rasa_port + node}"

    def actions_url(self, node: int) -> str:
        return f"http://{self.host}:{self.actions_port + node}"


@dataclass
class Process:
    name: str
    command: list[str]
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            # A session of its own: Ctrl-C reaches the supervisor, which stops children in order.
            self.popen = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True)

    def exited(self) -> bool:
        return self.popen is not None and self.popen.poll() is not None

    def stop(self) -> None:
        if self.popen is None or self.exited():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def resident_memory_mb(self) -> float | None:
        """Resident set size from /proc (Linux), in MB."""
        if self.popen is None or self.exited():
            return None
        try:
            status = Path(f"/proc/{self.popen.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return None


def _base_env(config: StackConfig) -> dict[str, str]:
    env = dict(os.environ)
    tracker = config.scale_out.tracker_url if config.scale_out else str(
        config.var_dir / "rasa/tracker.db")
    env.update(PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2",
               SEND_KB_PATH=str(config.knowledge_base), PYTHONUNBUFFERED="1",
               SEND_CASEWORK_DB=str(config.var_dir / "casework.db"),
               SEND_TRACKER_DB=tracker)
    return env


def node_name(kind: str, node: int) -> str:
    """"rasa" and "actions" for the first node, "rasa-2", "actions-2" for the second..."""
    return kind if node == 0 else f"{kind}-{node + 1}"


def scale_out_endpoints(config: StackConfig, node: int) -> Path:
    """The endpoints file of one Rasa node in the scale-out profile."""
    out = config.scale_out
    endpoints = yaml.safe_load((ROOT / "bot/endpoints-scaleout.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"{config.actions_url(node)}/webhook"
    endpoints["tracker_store"].update(url=out.postgres_host, port=out.postgres_port,
                                      db=out.postgres_db, username=out.postgres_user)
    endpoints["lock_store"].update(url=out.redis_host, port=out.redis_port, db=out.redis_db,
                                   key_prefix=out.redis_prefix)
    path = config.var_dir / f"rasa/endpoints-{node_name('rasa', node)}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints))
    return path


def build_processes(config: StackConfig) -> list[Process]:
    """The processes, in the order they start: each node's action server and Rasa server,
    then the web app, which spreads conversations across the nodes."""
    env = _base_env(config)
    logs = config.var_dir / "logs"
    processes = []
    for node in range(config.nodes):
        actions, rasa = node_name("actions", node), node_name("rasa", node)
        processes.append(Process(actions, [
            str(RASA_BIN / "rasa"), "run", "actions", "--actions", "actions",
            "--port", str(config.actions_port + node),
        ], {**env, "SANIC_HOST": config.host}, logs / f"{actions}.log"))
        endpoints = (scale_out_endpoints(config, node) if config.scale_out
                     else ROOT / "bot/endpoints.yml")
        processes.append(Process(rasa, [
            # "=" form: a random token may start with "-", which argparse takes for an option.
            str(RASA_BIN / "rasa"), "run", "--enable-api", f"--auth-token={config.rasa_token}",
            "--interface", config.host, "--port", str(config.rasa_port + node),
            "--model", str(config.model), "--endpoints", str(endpoints),
            "--credentials", "bot/credentials.yml",
        ], {**env, "ACTION_ENDPOINT_URL": f"{config.actions_url(node)}/webhook",
            "TRACKER_DB": env["SEND_TRACKER_DB"]}, logs / f"{rasa}.log"))
    processes.append(Process("web", [
        str(WEB_BIN / "python"), "-m", "uvicorn", "web.app:app", "--host", config.host,
        "--port", str(config.web_port), "--no-access-log",
    ], {**env, "SEND_RASA_URL": ",".join(config.rasa_url(n) for n in range(config.nodes)),
        "SEND_RASA_TOKEN": config.rasa_token,
        "SEND_ACTIONS_URL": ",".join(config.actions_url(n) for n in range(config.nodes))},
        logs / "web.log"))
    return processes


def healthz(url: str) -> int | None:
    """The status code of GET url, or None if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


class Stack:
    """The running assistant: use as a context manager, or start() and stop()."""

    def __init__(self, config: StackConfig | None = None) -> None:
        self.config = config or StackConfig()
        self.processes = build_processes(self.config)

    def start(self, timeout: float = 300) -> float:
        """Start every process and wait until /healthz says all is up; return seconds taken."""
        if not self.config.model.exists():
            raise StackError(f"no trained model at {self.config.model}: run `make run`")
        (self.config.var_dir / "rasa").mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        for process in self.processes:
            process.start()
        try:
            self._wait_healthy(started + timeout)
        except StackError:
            self.stop()
            raise
        return time.monotonic() - started

    def _wait_healthy(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.exited():
                    raise StackError(f"the {process.name} process stopped while starting:\n"
                                     f"{process.log_tail()}")
            if healthz(f"{self.config.web_url}/healthz") == 200 and self._every_node_up():
                return
            time.sleep(0.5)
        tails = "\n".join(f"--- {p.name} ---\n{p.log_tail(10)}" for p in self.processes)
        raise StackError(f"the assistant did not become healthy in time:\n{tails}")

    def _every_node_up(self) -> bool:
        """/healthz is 200 while any node answers; starting waits for all of them."""
        return all(healthz(f"{self.config.rasa_url(node)}/") == 200
                   and healthz(f"{self.config.actions_url(node)}/health") == 200
                   for node in range(self.config.nodes))

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    def process(self, name: str) -> Process:
        return next(process for process in self.processes if process.name == name)

    def restart(self, name: str, timeout: float = 240) -> float:
        """Stop one process, start it again and wait until all is healthy (fault tests)."""
        self.process(name).stop()
        started = time.monotonic()
        self.process(name).start()
        self._wait_healthy(started + timeout)
        return time.monotonic() - started

    def memory_mb(self) -> dict[str, float | None]:
        return {process.name: process.resident_memory_mb() for process in self.processes}

    def __enter__(self) -> "Stack":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Restarts:
    """A process that stops is started again, unless it keeps stopping: `limit` restarts
    within `window_seconds` means something is wrong that a restart will not fix."""
    limit: int = 5
    window_seconds: float = 600
    times: list[float] = field(default_factory=list)

    def allow(self, now: float) -> bool:
        self.times = [t for t in self.times if now - t < self.window_seconds]
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True


def supervise(stack: Stack, restarts: Restarts) -> Process:
    """Watch the processes and start again any that stops; return the one that keeps
    stopping. The others keep answering meanwhile (the web app says what is down)."""
    while True:
        time.sleep(1)
        for process in stack.processes:
            if not process.exited():
                continue
            if not restarts.allow(time.monotonic()):
                return process
            print(f"The {process.name} process stopped; starting it again. Its log ends:\n"
                  f"{process.log_tail(10)}", file=sys.stderr, flush=True)
            process.start()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    stack = Stack()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    print("Starting the action server, Rasa and the web app (logs in var/logs/)...", flush=True)
    try:
        seconds = stack.start()
        print(f"\nThe SEND assistant is ready after {seconds:.0f} s: {stack.config.web_url}\n"
              "Press Ctrl-C to stop.", flush=True)
        stopped = supervise(stack, Restarts())
        print(f"The {stopped.name} process keeps stopping, so the assistant is stopping too. "
              f"Its log ends:\n{stopped.log_tail()}", file=sys.stderr)
        return 1
    except StackError as error:
        print(f"Could not start the assistant: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
