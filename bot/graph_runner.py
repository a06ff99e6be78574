"""Rasa's model graph run the way dask's synchronous scheduler runs it, without
rebuilding it for every run.

For every message Rasa runs its graph (the NLU pipeline, then the policies for each
prediction) through `DaskGraphRunner.run`, which works out the nodes the targets need,
builds a dask task dictionary from them and hands it to `dask.get`: about 12% of Rasa's
time a turn in bench/load.py's profile. `dask.get` runs the tasks one after another in
one thread, each with its dependencies' results. So does this, in an order worked out
once for each set of targets. Inputs, results and errors are Rasa's own (tested against
dask on Rasa's graph).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner

Plan = tuple[tuple[str, tuple[str, ...]], ...]
rasa_run = DaskGraphRunner.run      # Rasa's own, which the tests compare against


def run_order(schema: GraphSchema, targets: tuple[str, ...]) -> Plan:
    """The nodes the targets need, each after what it needs, with what it needs."""
    order: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name not in schema.nodes:     # done, or an input
            return
        seen.add(name)
        needs = tuple(schema.nodes[name].needs.values())
        for need in needs:
            visit(need)
        order.append((name, needs))

    for target in targets:
        visit(target)
    return tuple(order)


def planned(runner: DaskGraphRunner, targets: tuple[str, ...]) -> Plan:
    """The run order for these targets, worked out on the first run that asks for them."""
    plans = runner.__dict__.setdefault("_run_orders", {})
    if targets not in plans:
        plans[targets] = run_order(runner._graph_schema, targets)
    return plans[targets]


def given(inputs: Optional[Dict[Text, Any]], plan: Plan) -> Dict[Text, Any]:
    """The inputs as node results, refused as Rasa refuses them when one names a node."""
    for value in (inputs or {}).values():
        if isinstance(value, str) and any(value == node for node, _needs in plan):
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the "
                f"input names passed to the `run` method are the same as node names in the "
                f"graph schema.")
    return {name: (name, value) for name, value in (inputs or {}).items()}


def run(runner: DaskGraphRunner, inputs: Optional[Dict[Text, Any]] = None,
        targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
    run_targets = tuple(targets if targets else runner._graph_schema.target_names)
    plan = planned(runner, run_targets)
    results = given(inputs, plan)
    try:
        for name, needs in plan:
            results[name] = runner._instantiated_nodes[name](
                *(results.get(need, need) for need in needs))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(results[target] for target in run_targets)


def install() -> None:
    DaskGraphRunner.run = run
