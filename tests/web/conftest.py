"""A running ``valuesgap serve`` on a free loopback port and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from live_server import running_server, wait_ready

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def server(store, fitted) -> str:
    """Base URL of a real uvicorn server serving the API and dashboard on the session's store, once it says
    it is ready (``/api/ready``: warmed, its slow-page child too), as a deployment's readiness check waits."""
    with running_server() as base:
        try:
            wait_ready(base, workers=1)
        except SystemExit as stop:
            pytest.fail(str(stop))
        yield base


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's package); the suite fails, not skips, when it is missing."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(f"{CHROMIUM} is missing: run 'bash scripts/install.sh --test' (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page (1400×1000) that records failed requests and console errors in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    yield page
    context.close()
