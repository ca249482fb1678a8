"""The dashboard's Arenas panel in headless Chromium: drawn for US–Russia, CSV/PNG/SVG downloads."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/dashboard_arenas.png"


def _ready(page, timeout: float = 180_000) -> str:
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.querySelector('#panel-arenas').dataset.state)", timeout=timeout
    )
    return page.get_attribute("#panel-arenas", "data-state")


def test_arenas_panel_draws_and_downloads(page, server):
    page.goto(f"{server}/?a=USA&b=RUS&start=2000&end=2020")
    assert _ready(page) == "ready", page.inner_text("#panel-arenas")
    text = page.inner_text("#panel-arenas .chart")
    assert "Non-proliferation: DPRK" in text and "Vetoes cast against drafts" in text and "cooperation share" in text
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('#panel-arenas .chart svg .role-mark path')]"
        ".filter(p => (p.getAttribute('d') || '').length > 10).length"
    )
    assert drawn > 100  # heat-map cells, veto marks, event lines
    with page.expect_download() as info:
        page.click("#panel-arenas .download-csv")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert info.value.suggested_filename.startswith("council_USA_RUS")
    assert {"group", "agreement", "n"} <= set(rows[0]) and any(r["group"] == "dprk" for r in rows)
    with page.expect_download() as info:
        page.click("#panel-arenas .download-csv-events")
    assert "coop_share" in open(info.value.path(), encoding="utf-8").readline()
    with page.expect_download() as info:
        page.click("#panel-arenas .download-svg")
    assert open(info.value.path(), encoding="utf-8").read(200).lstrip().startswith("<svg")
    with page.expect_download() as info:
        page.click("#panel-arenas .download-png")
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    page.locator("#panel-arenas").screenshot(path=SCREENSHOT)
    assert not page.problems, page.problems
