"""The dashboard keeps at most two slow pages at the server at once, so its own charts never wait out the
server's slow-lane queue (503): checked on the list of slow paths and in headless Chromium on a new dyad."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import valuesgap.web
from valuesgap.api import limits

APP_JS = Path(valuesgap.web.__file__).parent / "static" / "app.js"
PANELS = ["panel-tracks", "panel-arenas", "panel-similarity", "panel-values", "panel-commitments", "panel-partners"]


def _js_constant(name: str) -> str:
    found = re.search(rf"^const {name} = (.+?);", APP_JS.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, f"{name} not found in app.js"
    return found.group(1)


def test_the_page_knows_the_servers_slow_lane():
    assert tuple(json.loads(_js_constant("SLOW_PREFIXES"))) == limits.SLOW_PREFIXES
    assert int(_js_constant("SLOW_IN_FLIGHT")) == 2


# counts, in the page, the slow pages sent and not yet answered (from fetch() until the answer's headers)
COUNT_SLOW_FETCHES = """
window.__slow = { now: 0, max: 0, sent: 0 };
const plainFetch = window.fetch;
window.fetch = async (url, ...rest) => {
  const path = new URL(String(url), location.href).pathname;
  const slow = SLOW_PREFIXES.some((prefix) => path.startsWith(prefix));
  if (slow) { __slow.now += 1; __slow.sent += 1; __slow.max = Math.max(__slow.max, __slow.now); }
  try { return await plainFetch(url, ...rest); } finally { if (slow) __slow.now -= 1; }
};
""".replace("SLOW_PREFIXES", json.dumps(list(limits.SLOW_PREFIXES)))


@pytest.mark.browser
def test_a_new_dyad_keeps_two_slow_pages_at_the_server_and_gets_no_503(page, server):
    busy: list[str] = []
    page.on("response", lambda r: busy.append(r.url) if r.status == 503 else None)
    page.add_init_script(COUNT_SLOW_FETCHES)
    # a dyad no other browser test opens: every chart is computed for this page
    page.goto(f"{server}/?a=BRA&b=ZAF&start=1995&end=2015")
    page.wait_for_function(
        f"() => {json.dumps(PANELS)}.every(id => document.getElementById(id).dataset.state === 'ready')",
        timeout=240_000,
    )
    slow = page.evaluate("() => window.__slow")
    assert slow["sent"] >= 8, slow  # the charts of every panel, the tracks and partners tables, the map
    assert 1 <= slow["max"] <= 2, slow
    assert not busy, busy
    assert not page.problems, page.problems
