"""Rendering the brief: charts to inline SVG (vl_convert), HTML from Jinja2 templates, PDF by headless Chromium.

The HTML is self-contained: styles and charts are inline, nothing is fetched from a network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import jinja2
import pandas as pd

from valuesgap import charts
from valuesgap.brief.content import Brief
from valuesgap.brief.figures import Footnotes
from valuesgap.errors import InputError

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _env() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(resources.files("valuesgap.brief") / "templates"))
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def _chart_events(brief: Brief) -> pd.DataFrame:
    """Return the events drawn on charts: the curated timeline, or else the ledgers' bearing commitments."""
    events = brief.events
    if events.empty:
        return events
    if brief.curated:
        return events[events["kind"] == "timeline"]
    return events[events["track"].isin(["shared_interest", "values"])]


def chart_svgs(brief: Brief) -> dict[str, str]:
    """Return the brief's charts rendered to SVG text, by name."""
    return {name: charts.to_svg(chart) for name, chart in brief_charts(brief).items()}


def brief_charts(brief: Brief) -> dict:
    """Return the brief's charts (Altair objects; ``charts.spec`` gives their Vega-Lite), by name."""
    frame, events = brief.tracks, _chart_events(brief)
    a, b, m = brief.a.name, brief.b.name, brief.measure
    out = {
        "overview": charts.track_chart(
            frame,
            [
                ("shared_interests", "Shared interests (nu + di votes)"),
                ("values_votes", "Human-rights votes"),
                ("values_institutions", "Institutional gap (mean |A − B|)"),
            ],
            title=f"{a} – {b}: the two tracks",
            y_title=f"vote {m} / gap (0–1)",
            events=events,
        ),
        "shared": charts.track_chart(
            frame,
            [("shared_interests", "Shared interests (nu + di votes)")],
            title="Shared-interest track: vote agreement on nuclear and disarmament resolutions"
            if m == "agreement"
            else f"Shared-interest track: vote {m}, nuclear and disarmament",
            y_title=f"vote {m}",
            events=events,
            event_tracks=("shared_interest", "both"),
            height=200,
        ),
        "values_votes": charts.track_chart(
            frame,
            [("values_votes", "Human-rights votes")],
            title=f"Values track (votes): {m} on human-rights resolutions",
            y_title=f"vote {m}",
            events=events,
            event_tracks=("values", "both"),
            height=200,
        ),
    }
    if brief.gap is not None:
        out["dimensions"] = charts.dimensions_chart(brief.gap, a, b, labels=brief.values.labels)
    if frame["ideal_distance"].notna().any() or frame["ideal_distance_hr"].notna().any():
        out["ideal"] = charts.track_chart(
            frame,
            [("ideal_distance", "All roll calls"), ("ideal_distance_hr", "Human-rights roll calls")],
            title="Ideal-point distance |θA − θB|",
            y_title="distance",
            events=events,
            y_domain=None,
            height=190,
        )
    issue_frame = brief.linkage.issue_frame
    if not issue_frame.empty:
        rows = brief.linkage.issues
        spans = {(r.early_span, r.recent_span) for r in rows}
        early, recent = next(iter(spans)) if len(spans) == 1 else ("first years with votes", "last years")
        issue_frame.attrs.update(early_label=f"early years ({early})", recent_label=f"recent years ({recent})")
        out["issues"] = charts.issue_bars(issue_frame, title=f"Vote {m} by issue area")
    if brief.placement is not None and not brief.placement.left_out and brief.placement.placed:
        from valuesgap.brief import map_section

        out.update(map_section.charts(brief.placement, brief.a, brief.b))
    return out


def render_html(brief: Brief) -> str:
    """Return the brief as one self-contained HTML document."""
    env = _env()
    notes = Footnotes()
    css = (resources.files("valuesgap.brief") / "templates" / "brief.css").read_text(encoding="utf-8")
    html = env.get_template("brief.html.j2").render(
        brief=brief,
        n=notes.markup,
        svgs=chart_svgs(brief),
        css=css,
        notes=notes,
        ev=brief.events,
        curated=brief.curated,
    )
    return html


def write_html(brief: Brief, path: str | Path) -> Path:
    """Write the brief's HTML to ``path`` atomically and return the path."""
    path = Path(path)
    if not path.parent.exists():
        raise InputError(f"folder {path.parent} does not exist: create it or choose another --out")
    html = render_html(brief)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def chromium_path() -> str:
    """Return the Chromium executable ($VALUESGAP_CHROMIUM, /usr/bin/chromium, or one on PATH)."""
    for candidate in (
        os.environ.get("VALUESGAP_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise InputError(
        "the PDF needs Chromium: install it (e.g. 'apt install chromium') or set VALUESGAP_CHROMIUM "
        "to its path; the HTML brief was written without it"
    )


def write_pdf(html_path: str | Path, pdf_path: str | Path) -> Path:
    """Print the HTML brief to PDF (A4) with headless Chromium and return the PDF path."""
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    if not pdf_path.parent.exists():
        raise InputError(f"folder {pdf_path.parent} does not exist: create it or choose another --pdf")
    exe = chromium_path()
    tmp = pdf_path.with_name(f".{pdf_path.name}.partial")
    try:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            sync_playwright = None  # type: ignore[assignment]
        if sync_playwright is not None:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    page.goto(html_path.as_uri(), wait_until="load")
                    page.pdf(path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True)
                finally:
                    browser.close()
        else:
            subprocess.run(
                [exe, *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={tmp}", html_path.as_uri()],
                check=True,
                capture_output=True,
                timeout=120,
            )
        tmp.replace(pdf_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return pdf_path


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1000) -> Path:
    """Save a full-page PNG of the HTML brief, as a reader's browser shows it (headless Chromium)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 1200})
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(png_path), full_page=True)
        finally:
            browser.close()
    return Path(png_path)
