"""The dashboard's two-track map panel in headless Chromium: points drawn, the left-out list, arrows, a click
on a partner opens that dyad, and the charts fit the panel."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/dashboard_map.png"
URL = "/?a=RUS&b=USA&mfrom=2009&mto=2012&mcompare=2006-2008"


def _ready(page, timeout: float = 180_000) -> str:
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.querySelector('#panel-map').dataset.state)"
        " && (document.querySelector('#panel-map .chart-moves').hidden"
        "     || document.querySelector('#panel-map .chart-moves svg'))",
        timeout=timeout,
    )
    return page.get_attribute("#panel-map", "data-state")


def test_map_panel_draws_partners_and_a_click_opens_the_dyad(page, server):
    page.goto(f"{server}{URL}")
    assert _ready(page) == "ready", page.inner_text("#panel-map")
    assert "Russia, 2009–2012: 190 partners placed, 2 left out" in page.inner_text("#map-when")
    points = page.locator("#panel-map .chart svg .mark-symbol.role-mark path")
    assert points.count() >= 190  # one circle per placed partner (plus the ring around the United States)
    arrows = page.locator("#panel-map .chart-moves svg .mark-rule.role-mark line")
    assert arrows.count() == 188
    page.click("#panel-map .left-out summary")
    left = page.inner_text("#panel-map .left-out")
    assert "Nauru (NRU): 3 roll calls in common, fewer than min_n 10" in left
    assert "South Sudan (SSD)" in left and "2006–2008: not a UN member voting" in left
    # the chart fills the panel, no wider
    widths = page.evaluate(
        "() => { const p = document.querySelector('#panel-map'); const s = p.querySelector('.chart svg');"
        " return [p.clientWidth, s.getBoundingClientRect().width, p.scrollWidth]; }"
    )
    assert widths[1] <= widths[0] and widths[2] <= widths[0] and widths[1] > 0.8 * widths[0] - 40
    page.locator("#panel-map").screenshot(path=SCREENSHOT)
    # a click on France's point opens Russia–France everywhere
    france = page.locator('#panel-map .chart svg .mark-symbol.role-mark path[aria-label*="France"]').first
    france.dispatch_event("click")
    page.wait_for_function("() => new URLSearchParams(location.search).get('b') === 'FRA'", timeout=30_000)
    assert "a=RUS" in page.url and "mcompare=2006-2008" in page.url
    assert _ready(page) == "ready"
    page.wait_for_function("() => document.querySelector('#panel-tracks').dataset.view === 'RUS-FRA'", timeout=180_000)
    assert not page.problems, page.problems


def test_map_panel_at_phone_width(browser, server):
    context = browser.new_context(viewport={"width": 420, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/?a=RUS&b=USA&mfrom=2009&mto=2012")
    assert _ready(page) == "ready"
    widths = page.evaluate(
        "() => { const p = document.querySelector('#panel-map'); const s = p.querySelector('.chart svg');"
        " return [p.clientWidth, s.getBoundingClientRect().width]; }"
    )
    assert 0 < widths[1] <= widths[0]
    page.locator("#panel-map .chart").screenshot(path="/tmp/dashboard_map_420.png")
    context.close()
