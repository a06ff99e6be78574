"""The real stack, started once for every integration test, on ports of its own
(so a running `make run` is not disturbed)."""

from __future__ import annotations

import os
import shutil
from typing import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright

from ops.stack import Stack, StackConfig

CONFIG_PORTS = {"web_port": 18000, "rasa_port": 15005, "actions_port": 15055}
# Debian's Chromium (ops/browser.sh installs it; Playwright's browser download does not work
# here). The flags keep it off the network it cannot reach and let it run as root, headless.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    var_dir = tmp_path_factory.mktemp("var")
    # A copy of the knowledge base, so fault tests can break it without touching var/.
    knowledge_base = var_dir / "knowledge.db"
    shutil.copyfile(StackConfig().knowledge_base, knowledge_base)
    running = Stack(StackConfig(var_dir=var_dir, knowledge_base=knowledge_base,
                                **CONFIG_PORTS))
    running.start(timeout=240)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def http(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.config.web_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
