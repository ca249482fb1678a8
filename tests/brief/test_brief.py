"""The brief: its numbers regenerate from their footnote commands, it is self-contained, it works for any dyad."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from valuesgap.brief import build_brief, render_html, write_html, write_pdf
from valuesgap.brief.figures import Figure, Footnotes, shell_quote
from valuesgap.cli import run


def reproduce(fig: Figure, tmp_path) -> float | str:
    """Run the figure's footnote command through the CLI and read its value off the CSV."""
    out = tmp_path / f"fig{abs(hash(fig.shell))}.csv"
    assert fig.command[-2:] == ["--format", "csv"]
    assert run([*fig.command, "--out", str(out)]) == 0, fig.shell
    frame = pd.read_csv(out, keep_default_na=True)
    for key, value in fig.where.items():
        # "(empty)": the rows where the column is empty (e.g. the partners the map places: left_out empty)
        frame = frame[frame[key].isna()] if value == "(empty)" else frame[frame[key].astype(str) == str(value)]
    if fig.reduce == "mean":
        return float(frame[fig.column].mean())
    if fig.reduce == "median":
        return float(frame[fig.column].median())
    if fig.reduce == "sum":
        return float(frame[fig.column].sum())
    if fig.reduce.startswith("corr:"):
        both = frame[[fig.column, fig.reduce[5:]]].dropna()
        return float(np.corrcoef(both.iloc[:, 0], both.iloc[:, 1])[0, 1])
    assert len(frame) == 1, (fig.shell, fig.where)
    value = frame[fig.column].iloc[0]
    return str(value) if fig.reduce == "text" else float(value)


def test_numbers_equal_their_footnote_commands(us_ru, tmp_path):
    brief, html = us_ru
    # one figure of every kind: each command, each way of reading it, change points and plain tables
    kinds: dict[tuple, Figure] = {}
    for fig in brief.figures:
        kind = (
            fig.command[0],
            fig.reduce.split(":")[0],
            "--changes" in fig.command,
            "--components" in fig.command,
            fig.column.endswith(("_lo", "_hi", "_n")),
            fig.column.startswith("ideal"),
        )
        kinds.setdefault(kind, fig)
    assert len(kinds) >= 10
    assert any(k[-1] for k in kinds)  # an ideal-point distance is among them
    for fig in kinds.values():
        got = reproduce(fig, tmp_path)
        if fig.reduce == "text":
            assert got == fig.value, fig.shell
        else:
            assert got == pytest.approx(fig.value, abs=1e-9), fig.shell
        assert fig.text in html


def test_key_numbers_of_us_russia(us_ru):
    brief, _ = us_ru
    key = {row.column: row for row in brief.key}
    # the human-rights track fell far more than the shared-interest track (see the real-data tests)
    assert key["values_votes"].recent.value < 0.25 < key["shared_interests"].recent.value
    assert key["values_institutions"].trend == "rising"
    assert brief.curated and brief.first == 1992 and brief.last == 2023
    # commitments still held vs left: Russia left the ECHR (2022) but not the ICCPR (1973)
    held = {r.commitment for r in brief.intersection.held}
    left = {r.commitment: r.action for r in brief.intersection.left}
    assert "ICCPR" in held and "ECHR" not in held
    assert left["ECHR"] == "ceased to be a party" and left["Council of Europe"] == "expelled"
    # the reset appears as a rise in the shared-interest track
    assert any(c.year == 2009 and c.verb == "rose" for c in brief.shared.changes)


def test_every_number_has_a_footnote_and_every_footnote_a_command(us_ru):
    _, html = us_ru
    refs = set(re.findall(r'href="#fn(\d+)"', html))
    notes = set(re.findall(r'<li id="fn(\d+)">', html))
    assert refs and refs == notes
    assert html.count('<span class="num">') == html.count('<sup class="fn">')
    blocks = re.findall(r'<li id="fn\d+">(.*?)</li>', html, flags=re.S)
    assert all("Reproduce: <code>valuesgap " in b and "Source: " in b for b in blocks)


def test_every_chart_is_a_valid_vega_lite_spec(us_ru):
    from valuesgap import charts
    from valuesgap.brief.render import brief_charts

    brief, _ = us_ru
    got = brief_charts(brief)
    assert set(got) == {"overview", "shared", "values_votes", "dimensions", "ideal", "issues", "map", "map_moves"}
    for chart in got.values():
        spec = charts.spec(chart, validate=True)  # validates against the Vega-Lite schema
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_sections_charts_and_no_network(us_ru):
    _, html = us_ru
    for heading in (
        "1. Summary",
        "2. The shared-interest track",
        "3. The values gap",
        "4. Commitments",
        "5.1 Linkage",
        "5.2 Compartmentalization",
        "5.3 Intersection",
        "6. Timeline",
    ):
        assert heading in html
    assert html.count("<svg") >= 5
    assert "<script" not in html and "<link" not in html
    assert not re.search(r'src="https?:', html) and "@import" not in html
    # the curated events are drawn on the charts and listed with their sources
    assert "New START signed" in html and "https://www.congress.gov/bill/112th-congress/house-bill/6156" in html


@pytest.mark.parametrize("a, b", [("China", "India"), ("Brazil", "South Africa"), ("France", "Germany")])
def test_other_dyads_say_what_is_missing(store, a, b):
    brief = build_brief(a, b)
    html = render_html(brief)
    assert f"No curated timeline for {brief.a.name} – {brief.b.name}" in html
    assert any("no curated timeline" in m for m in brief.missing)
    assert "5.3 Intersection" in html and html.count("<svg") >= 4


def test_a_source_not_covering_a_state_is_named(store):
    brief = build_brief("France", "Monaco", start=2000)
    assert "V-Dem v14 has no data for Monaco in 2000–2023" in brief.missing
    assert "Polity5 has no data for Monaco in 2000–2023" in brief.missing
    assert "Polity5 has no data for Monaco" in render_html(brief)


def test_cli_writes_html_and_reports(store, tmp_path, capsys):
    out = tmp_path / "b.html"
    assert run(["brief", "USA", "RUS", "--from", "2005", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "United States – Russia" in text
    printed = capsys.readouterr().out
    assert str(out.resolve()) in printed and "Shared interests" in printed
    assert run(["brief", "USA", "USA", "--out", str(out)]) == 2
    assert run(["brief", "USA", "RUS", "--out", str(tmp_path / "b.txt")]) == 2
    assert run(["brief", "USA", "RUS", "--out", str(tmp_path / "no" / "b.html")]) == 2
    assert run(["brief", "USA", "Narnia"]) == 2


@pytest.mark.browser
def test_pdf_by_headless_chromium(store, tmp_path):
    brief = build_brief("United States", "Russia", start=2005)
    html = write_html(brief, tmp_path / "b.html")
    pdf = write_pdf(html, tmp_path / "b.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    assert not list(tmp_path.glob(".*partial"))


def test_figure_text_and_footnote_numbering():
    f = Figure(value=0.12345, source="s", variable="v", command=["tracks", "United States", "RUS"], column="c")
    assert f.text == "0.12" and f.shell == 'valuesgap tracks "United States" RUS'
    assert Figure(value=math.nan, source="s", variable="v", command=[], column="c").text == "–"
    assert Figure(value=28.0, source="s", variable="v", command=[], column="c", digits=0).text == "28"
    notes = Footnotes()
    g = Figure(value=0.5, source="s", variable="v", command=["x"], column="c")
    h = Figure(value=0.5, source="s", variable="v", command=["x"], column="c")
    k = Figure(value=0.7, source="s", variable="w", command=["x"], column="c")
    assert [notes.cite(x).number for x in (g, h, k)] == [1, 1, 2]
    assert 'href="#fn2"' in str(notes.markup(k)) and ">0.70<" in str(notes.markup(k))
    assert shell_quote('a"b') == '"a\\"b"' and shell_quote("nu,di") == "nu,di"


def test_period_is_trimmed_to_years_with_votes(store):
    brief = build_brief("USA", "RUS", start=1000, end=1960)
    assert (brief.first, brief.last) == (1946, 1960)
    assert "no shared-interest or human-rights votes by both before 1946: the brief starts there" in brief.missing
    assert brief.tracks["year"].min() == 1946
    assert "1946–1960" in render_html(brief)
    assert run(["brief", "USA", "RUS", "--from", "2020", "--to", "2010"]) == 2


def test_brief_lists_the_arms_control_exits_and_the_coverage_changes(us_ru):
    brief, html = us_ru
    treaties = {t.commitment: t for t in brief.shared.treaties}
    assert "suspended 2007-12-12" in treaties["CFE Treaty"].b
    assert "withdrew 2020-11-22" in treaties["Open Skies Treaty"].a
    assert "withdrew 2021-12-18" in treaties["Open Skies Treaty"].b
    assert "expired 2026-02-05" in treaties["New START"].a and "expired 2026-02-05" in treaties["New START"].b
    for words in ("CFE Treaty", "Open Skies Treaty", "2026-02-05", "2007-12-12"):
        assert words in html
    # the value dimensions say where a source ends (Fariss after 2021: repression linked on V-Dem from 2022)
    repression = [d for d in brief.values.dims if d.dimension == "repression"][0]
    assert any(c.startswith("2022: −fariss:theta_mean (last 2021)") for c in repression.coverage)
    assert "Coverage changes:" in html and "fariss:theta_mean (last 2021)" in html


def test_footer_names_where_the_data_end(us_ru):
    """The mirror's Assembly votes end on 4 June 2024 and its ICEWS event counts in 2014."""
    brief, html = us_ru
    ends = {e["arena"]: e["last"] for e in brief.data_ends}
    assert ends["General Assembly"] == "2024-06-04" and ends["Event data"] == "2014-12-31"
    footer = html.split('<footer class="data-ends">', 1)[1].split("</footer>", 1)[0]
    assert "General Assembly to 2024-06-04" in footer and "Event data to 2014-12-31" in footer
    assert "valuesgap data fetch --only undl_ga" in footer
