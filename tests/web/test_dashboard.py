"""The dashboard in a real browser (headless Chromium via Playwright) against a real server:
default US–Russia view renders with data, changing a state updates charts and URL, reloading the URL
restores the view, downloads carry the right content, and nothing is loaded from outside the app."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

PANELS = ["panel-tracks", "panel-similarity", "panel-ideal", "panel-values", "panel-commitments", "panel-partners"]
SCREENSHOT = "/tmp/dashboard.png"


def wait_ready(page, view: str, timeout: float = 120_000) -> dict[str, str]:
    """Wait until no panel is loading and the data panels show ``view`` ('USA-RUS'); return id → state."""
    page.wait_for_function(
        """(view) => {
            const panels = [...document.querySelectorAll('.panel')];
            return panels.every(p => p.dataset.state === 'ready' || p.dataset.state === 'error')
                && panels.filter(p => p.dataset.state === 'ready').every(p => p.dataset.view === view);
        }""",
        arg=view,
        timeout=timeout,
    )
    return {pid: page.get_attribute(f"#{pid}", "data-state") for pid in PANELS}


def marks(page, panel: str) -> int:
    """Return how many drawn SVG marks (lines, areas, symbols, shapes) with geometry the panel's chart has."""
    return page.evaluate(
        """(id) => [...document.querySelectorAll(`#${id} .chart svg .role-mark path`)]
                   .filter(p => (p.getAttribute('d') || '').length > 10).length""",
        panel,
    )


def test_default_view_renders_us_russia(page, server):
    page.goto(f"{server}/")
    states = wait_ready(page, "USA-RUS")
    for pid in PANELS:
        assert states[pid] == "ready", (pid, page.inner_text(f"#{pid}"))
        assert marks(page, pid) > 0, pid
    assert "Russia (RUS)" in page.input_value("#state-b") and "United States (USA)" in page.input_value("#state-a")
    # The tracks chart carries the curated US–Russia timeline.
    tracks_text = page.inner_text("#panel-tracks .chart")
    assert "New START signed" in tracks_text and "Reset" in tracks_text
    # Partners table: ranked rows, the focal state absent.
    rows = page.locator("#panel-partners table.partners tbody tr")
    assert rows.count() > 150
    assert "USA" not in [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
    assert page.locator("#panel-commitments table.ledger tbody tr").count() > 20
    brief = page.get_attribute("#brief-link", "href")
    assert brief.startswith("/api/brief?") and "a=USA" in brief and "b=RUS" in brief
    # The footer says where the data end (the mirror's Assembly votes end on 4 June 2024).
    page.wait_for_function("() => document.getElementById('data-ends').textContent.startsWith('Data end:')")
    assert "General Assembly to 2024-06-04" in page.inner_text("#data-ends")
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert not page.problems, page.problems


def test_changing_a_state_updates_charts_and_url_and_reload_restores(page, server):
    page.goto(f"{server}/")
    wait_ready(page, "USA-RUS")
    before = page.inner_text("#panel-similarity .chart")
    page.fill("#state-b", "Chin")
    page.locator("#state-b-list li", has_text="China").first.click()
    wait_ready(page, "USA-CHN")
    query = parse_qs(urlparse(page.url).query)
    assert query["a"] == ["USA"] and query["b"] == ["CHN"]
    after = page.inner_text("#panel-similarity .chart")
    assert "China" in after and "Russia" not in after and after != before
    assert "China" in page.inner_text("#panel-values .chart")
    # Change the period and the measure too: the whole view state goes into the URL.
    page.fill("#start", "2000")
    page.fill("#end", "2015")
    page.select_option("#measure", "cohen_kappa")
    wait_ready(page, "USA-CHN")
    query = parse_qs(urlparse(page.url).query)
    page.select_option("#ipissue", "hr")
    wait_ready(page, "USA-CHN")
    query = parse_qs(urlparse(page.url).query)
    assert query == {
        "a": ["USA"],
        "b": ["CHN"],
        "start": ["2000"],
        "end": ["2015"],
        "measure": ["cohen_kappa"],
        "focal": ["a"],
        "ipissue": ["hr"],
    }
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    wait_ready(page, "USA-CHN")
    assert "China (CHN)" in page.input_value("#state-b")
    assert page.input_value("#start") == "2000" and page.input_value("#end") == "2015"
    assert page.input_value("#measure") == "cohen_kappa" and page.input_value("#ipissue") == "hr"
    assert "issue hr" in page.inner_text("#panel-ideal .chart")
    assert "κ" in page.inner_text("#panel-similarity .chart")
    assert "2015" in page.inner_text("#partners-when")  # who votes with the US in the period's last year
    assert marks(page, "panel-tracks") > 0


def test_back_button_and_brief_link(page, server):
    page.goto(f"{server}/?a=USA&b=RUS&start=2005")
    wait_ready(page, "USA-RUS")
    page.fill("#state-a", "France")
    page.locator("#state-a-list li", has_text="France").first.click()
    wait_ready(page, "FRA-RUS")
    page.go_back()
    wait_ready(page, "USA-RUS")
    assert "United States (USA)" in page.input_value("#state-a")
    page.click("#brief-link")
    page.wait_for_load_state("load", timeout=120_000)
    assert page.url.startswith(f"{server}/api/brief?") and "start=2005" in page.url
    assert "United States – Russia" in page.title()
    assert page.locator("svg").count() >= 3  # the brief's charts


def test_typed_code_and_unknown_name(page, server):
    page.goto(f"{server}/?a=FRA&b=DEU&start=2010")
    wait_ready(page, "FRA-DEU")
    page.fill("#state-a", "IND")
    page.press("#state-a", "Escape")
    page.click("#apply")
    wait_ready(page, "IND-DEU")
    assert parse_qs(urlparse(page.url).query)["a"] == ["IND"]
    page.fill("#state-a", "Narnia")
    page.press("#state-a", "Escape")
    page.click("#apply")
    page.wait_for_selector("#message:not([hidden])")
    assert "unknown country 'Narnia'" in page.inner_text("#message")
    assert parse_qs(urlparse(page.url).query)["a"] == ["IND"]  # the view did not change


def test_downloads_csv_png_svg(page, server):
    page.goto(f"{server}/?a=USA&b=RUS&start=2005&end=2012")
    wait_ready(page, "USA-RUS")
    with page.expect_download() as info:
        page.click("#panel-similarity .download-csv")
    download = info.value
    assert download.suggested_filename == "similarity_by_issue_USA_RUS_2005-2012.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[0] == [
        "issue",
        "issue_label",
        "year",
        "n",
        "agreement",
        "coincidence",
        "s_score",
        "cohen_kappa",
        "scott_pi",
    ]
    assert {r[2] for r in rows[1:]} == {str(y) for y in range(2005, 2013)}
    with page.expect_download() as info:
        page.click("#panel-tracks .download-csv")
    header = open(info.value.path(), encoding="utf-8").readline().strip().split(",")
    assert header[:4] == ["year", "a_iso3", "b_iso3", "shared_interests"]
    with page.expect_download() as info:
        page.click("#panel-values .download-svg")
    svg = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename.endswith(".svg") and svg.lstrip().startswith("<svg") and "Russia" in svg
    with page.expect_download() as info:
        page.click("#panel-partners .download-png")
    png = open(info.value.path(), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_nothing_comes_from_outside_the_app(page, server):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server}/")
    wait_ready(page, "USA-RUS")
    assert requested and all(url.startswith(server) or url.startswith("data:") for url in requested), [
        u for u in requested if not u.startswith(server)
    ]


def test_api_docs_page_renders_offline(page, server):
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/similarity" in p for p in paths)
    assert not page.problems, page.problems
