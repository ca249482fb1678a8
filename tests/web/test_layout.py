"""The dashboard on a phone, a tablet and a desktop (420, 768, 1400 px wide): no sideways page scroll, every
chart inside its panel and as wide as the panel allows, the value dimensions without an empty frame, and
the composed charts refitted when the window narrows. Screenshots: /tmp/dashboard_<width>.png."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = [420, 768, 1400]


def open_at(browser, server, width: int):
    """Return a page of the default view at ``width`` px, every panel drawn (or failed)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.goto(f"{server}/")
    ready(page)
    return context, page


def ready(page) -> None:
    page.wait_for_function(
        """() => [...document.querySelectorAll('.panel')].every(p => p.dataset.state === 'ready')""",
        timeout=300_000,
    )


def chart_sizes(page) -> list[dict]:
    """Return, per panel, the chart area's width and the drawn SVG's width (px)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.panel')].map(p => {
            const chart = p.querySelector('.chart'), svg = chart.querySelector('svg');
            return {id: p.id, room: chart.clientWidth, drawn: svg ? svg.getBoundingClientRect().width : null,
                    scroll: p.scrollWidth - p.clientWidth};
        })"""
    )


def page_overflow(page) -> int:
    return page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_scroll_charts_fit_no_empty_frame(browser, server, width):
    context, page = open_at(browser, server, width)
    try:
        page.screenshot(path=f"/tmp/dashboard_{width}.png", full_page=True)
        assert page_overflow(page) <= 0
        sizes = chart_sizes(page)
        assert len(sizes) >= 7
        for s in sizes:
            assert s["drawn"] is not None, s
            # inside its panel (no scroll bar in the panel either) ...
            assert s["drawn"] <= s["room"] + 1 and s["scroll"] <= 0, s
            # ... and using it: the chart is not left at a fixed width far narrower than the room
            assert s["drawn"] >= 0.85 * s["room"], s
        assert_no_empty_frame(page)
        assert not page.problems, page.problems
    finally:
        context.close()


def assert_no_empty_frame(page) -> None:
    """The value dimensions: five drawn cells, each with its own year axis, and no axis without a cell."""
    counts = page.evaluate(
        """() => {
            const svg = document.querySelector('#panel-values .chart svg');
            const axes = svg.querySelectorAll('g.role-axis[aria-label^="X-axis"]').length;
            // the facet's group mark holds one <g> per cell
            const cells = [...svg.querySelector('g.cell').children]
                .filter(c => [...c.querySelectorAll('.role-mark path')].some(p => (p.getAttribute('d') || '').length > 10))
                .length;
            return {axes, cells};
        }"""
    )
    assert counts["cells"] == 5, counts
    assert counts["axes"] == counts["cells"], counts


def test_narrowing_the_window_refits_the_charts(browser, server):
    context, page = open_at(browser, server, 1400)
    try:
        wide = {s["id"]: s["drawn"] for s in chart_sizes(page)}
        page.set_viewport_size({"width": 420, "height": 900})
        page.wait_for_function(
            """() => [...document.querySelectorAll('.panel')].every(p => {
                const chart = p.querySelector('.chart'), svg = chart.querySelector('svg');
                return svg && svg.getBoundingClientRect().width <= chart.clientWidth + 1;
            })""",
            timeout=60_000,
        )
        assert page_overflow(page) <= 0
        narrow = {s["id"]: s["drawn"] for s in chart_sizes(page)}
        assert all(narrow[k] < wide[k] for k in wide), (wide, narrow)
    finally:
        context.close()
