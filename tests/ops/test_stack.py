"""`make run` starts a stopped process again, unless it keeps stopping."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace

from ops.stack import Process, Restarts, StackConfig, build_processes, supervise


def test_a_process_is_restarted_until_it_stops_five_times_in_ten_minutes() -> None:
    restarts = Restarts(limit=5, window_seconds=600)
    assert all(restarts.allow(now) for now in (0, 10, 20, 30, 40))
    assert not restarts.allow(50)
    assert restarts.allow(601)          # the first stop is more than ten minutes ago


def test_rare_stops_are_always_restarted() -> None:
    restarts = Restarts(limit=2, window_seconds=60)
    assert all(restarts.allow(hour * 3600.0) for hour in range(24))


def test_supervise_starts_a_stopped_process_again_and_gives_up_on_one_that_keeps_stopping(
        tmp_path: Path) -> None:
    crashing = Process("crashing", [sys.executable, "-c", "print('boom')"], dict(os.environ),
                       tmp_path / "crashing.log")
    steady = Process("steady", [sys.executable, "-c", "import time; time.sleep(60)"],
                     dict(os.environ), tmp_path / "steady.log")
    for process in (crashing, steady):
        process.start()
    try:
        stopped = supervise(SimpleNamespace(processes=[crashing, steady]),
                            Restarts(limit=2, window_seconds=600))
        assert stopped is crashing and not steady.exited()
        assert (tmp_path / "crashing.log").read_text().count("boom") == 3   # 1 + 2 restarts
    finally:
        steady.stop()


def test_a_token_that_starts_with_a_dash_reaches_rasa_as_the_token(tmp_path: Path) -> None:
    """secrets.token_urlsafe can start with "-", which argparse would take for an option."""
    config = StackConfig(var_dir=tmp_path, rasa_token="-starts-with-a-dash",
                         model=tmp_path / "model.tar.gz")
    [rasa] = [p for p in build_processes(config) if p.name == "rasa"]
    assert "--auth-token=-starts-with-a-dash" in rasa.command
