"""The scale-out profile through real processes: two Rasa servers and two action servers
sharing Rasa's PostgreSQL tracker store and Redis lock store, the web app spreading
conversations across them. Conversations keep their slots across nodes, and killing a
node mid-conversation does not stop it."""

from __future__ import annotations

import shutil
import uuid
from typing import Iterator

import httpx
import psycopg
import pytest

from ops.stack import ScaleOut, Stack, StackConfig
from tests.integration.chat import all_text, ask
from web.rasa_client import node_order

PORTS = {"web_port": 18500, "rasa_port": 15505, "actions_port": 15555}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    var_dir = tmp_path_factory.mktemp("scaleout")
    knowledge_base = var_dir / "knowledge.db"
    shutil.copyfile(StackConfig().knowledge_base, knowledge_base)
    name = f"send_it_{uuid.uuid4().hex[:12]}"
    profile = ScaleOut(postgres_db=name, redis_db=2, redis_prefix=name)
    stack = Stack(StackConfig(var_dir=var_dir, knowledge_base=knowledge_base,
                              scale_out=profile, **PORTS))
    stack.start(timeout=300)
    yield stack
    stack.stop()
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres",
                         autocommit=True) as admin:
        admin.execute(f"drop database if exists {name}")


@pytest.fixture
def http(cluster: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=cluster.config.web_url, timeout=60) as client:
        yield client


def slots(cluster: Stack, node: int, session_id: str) -> dict:
    """The conversation's slots as one node sees them (read from the shared store)."""
    tracker = httpx.get(f"{cluster.config.rasa_url(node)}/conversations/{session_id}/tracker",
                        params={"token": cluster.config.rasa_token}, timeout=30)
    return tracker.json()["slots"]


def sessions_on(node: int, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        session = f"it-{uuid.uuid4().hex}"
        if node_order(session, 2)[0] == node:
            found.append(session)
    return found


def test_conversations_use_both_nodes_and_keep_their_slots_on_either(
        cluster: Stack, http: httpx.Client) -> None:
    for node in (0, 1):
        for session in sessions_on(node, 2):
            ask(http, "my son is 7 and has autism", session)
            answer = all_text(ask(http, "what is sen support", session))
            assert "Where this comes from:" in answer
            for reader in (0, 1):                       # the store is shared
                assert slots(cluster, reader, session)["age"] == "7"
    with psycopg.connect(cluster.config.scale_out.tracker_url) as store:
        senders = store.execute("select count(distinct sender_id) from events").fetchone()[0]
    assert senders >= 4                                 # kept in PostgreSQL, not in memory
    for name in ("rasa", "rasa-2"):
        log = (cluster.config.var_dir / f"logs/{name}.log").read_text()
        assert "InMemoryTrackerStore" not in log and "Traceback" not in log


def test_killing_a_node_mid_conversation_carries_on_with_the_other(
        cluster: Stack, http: httpx.Client) -> None:
    [session] = sessions_on(0, 1)
    ask(http, "my daughter is 15 and has an ehcp", session)
    cluster.process("rasa").popen.kill()             # node 1 dies without warning
    cluster.process("rasa").popen.wait()
    try:
        answer = ask(http, "what happens at an annual review", session)
        assert "Where this comes from:" in all_text(answer)
        kept = slots(cluster, 1, session)
        assert kept["age"] == "15" and kept["has_plan"] is True
        health = http.get("/healthz").json()
        assert health["rasa"]["ok"] and "1 of 2 Rasa nodes up" in health["rasa"]["detail"]
    finally:
        cluster.restart("rasa")
    assert "Where this comes from:" in all_text(ask(http, "what is an ehcp", session))
