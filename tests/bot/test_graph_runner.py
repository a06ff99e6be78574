"""Rasa's graph runs to the same results in our runner as in dask's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.exceptions import GraphComponentException, GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

import bot  # noqa: F401  (installs the runner, as Rasa does when it loads our components)
from bot.graph_runner import rasa_run, run, run_order


class Step(GraphComponent):
    """Adds its config's `add` to what it is given; fails on a negative number."""

    def __init__(self, add: int) -> None:
        self.add = add

    @classmethod
    def create(cls, config: dict, *args: Any, **kwargs: Any) -> "Step":
        return cls(config["add"])

    def step(self, number: int) -> int:
        if number < 0:
            raise RuntimeError("negative")
        return number + self.add


class Total(GraphComponent):
    @classmethod
    def create(cls, config: dict, *args: Any, **kwargs: Any) -> "Total":
        return cls()

    def total(self, first: int, second: int) -> int:
        return first * 100 + second


def node(uses: type, fn: str, needs: dict[str, str], **config: Any) -> SchemaNode:
    return SchemaNode(needs=needs, uses=uses, constructor_name="create", fn=fn,
                      config=config, is_target=uses is Total)


SCHEMA = GraphSchema({
    "unused": node(Step, "step", {"number": "__number__"}, add=1000),
    "total": node(Total, "total", {"first": "double", "second": "one"}),
    "double": node(Step, "step", {"number": "one"}, add=5),
    "one": node(Step, "step", {"number": "__number__"}, add=1),
})


@pytest.fixture
def runner(tmp_path: Path) -> DaskGraphRunner:
    return DaskGraphRunner(SCHEMA, LocalModelStorage(tmp_path), ExecutionContext(SCHEMA, "t"))


def test_rasa_uses_our_runner() -> None:
    assert DaskGraphRunner.run is run


def test_each_node_runs_after_what_it_needs_and_only_if_needed() -> None:
    assert [name for name, _needs in run_order(SCHEMA, ("total",))] == [
        "one", "double", "total"]
    assert run_order(SCHEMA, ("one",)) == (("one", ("__number__",)),)


@pytest.mark.parametrize("targets", [["total"], ["one", "total"], ["unused"], None])
def test_results_are_dasks(runner: DaskGraphRunner, targets: list[str] | None) -> None:
    inputs = {"__number__": 2}
    assert run(runner, inputs, targets) == rasa_run(runner, inputs, targets)
    assert run(runner, inputs, ["total"]) == {"total": 8 * 100 + 3}


def test_errors_are_dasks(runner: DaskGraphRunner) -> None:
    for runs in (run, rasa_run):
        with pytest.raises(GraphComponentException, match="node one"):
            runs(runner, {"__number__": -1}, ["total"])
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            runs(runner, {"__number__": "one"}, ["total"])
