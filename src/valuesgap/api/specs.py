"""Vega-Lite specs (built with Altair) for the dashboard's panels, data inline.

Each function takes the table the matching ``/api/...`` endpoint serves and returns a spec ``dict``;
the dashboard renders it with vega-embed (offline) and offers PNG/SVG (rendered in the browser) and
CSV (the table endpoint with ``?format=csv``).
"""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from valuesgap.web import VENDOR_URL

MEASURE_LABELS = {
    "agreement": "agreement (1 − mean |x − y|)",
    "coincidence": "coincidence (yes/no only)",
    "s_score": "S-score",
    "cohen_kappa": "Cohen's κ",
    "scott_pi": "Scott's π",
}
WIDTH = 560


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return ``frame`` as JSON-ready records: NaN/NaT → None, timestamps → ISO dates."""
    out = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
                clean[str(key)] = None
            elif isinstance(value, pd.Timestamp):
                clean[str(key)] = value.date().isoformat()
            elif value is pd.NA:
                clean[str(key)] = None
            elif hasattr(value, "item"):
                clean[str(key)] = value.item()
            else:
                clean[str(key)] = value
        out.append(clean)
    return out


def trim_years(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Return ``frame`` without the leading and trailing years in which all ``columns`` are missing
    (years inside keep their NaN, so lines still break there)."""
    has = frame[columns].notna().any(axis=1)
    if not has.any():
        return frame.iloc[0:0]
    years = frame.loc[has, "year"]
    return frame[(frame["year"] >= years.min()) & (frame["year"] <= years.max())].reset_index(drop=True)


def _data(frame: pd.DataFrame) -> alt.Data:
    return alt.Data(values=records(frame))


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    from valuesgap import charts

    return charts.spec(chart)


def tracks_chart(tracks: pd.DataFrame, events: pd.DataFrame, names: tuple[str, str], measure: str) -> dict[str, Any]:
    """The brief's two-track chart (:func:`valuesgap.charts.track_chart`): shared-interest and human-rights
    vote tracks with bootstrap bands, the institutional gap, and the dyad's events as annotations.

    ``events``: :func:`valuesgap.analysis.events.timeline`; the curated timeline is drawn when the dyad has
    one, otherwise the ledgers' dated commitments.
    """
    from valuesgap import charts

    tracks = trim_years(tracks, ["shared_interests", "values_votes", "values_institutions"]).copy()
    curated = events[events["kind"] == "timeline"] if not events.empty else events
    shown = curated if not curated.empty else events
    chart = charts.track_chart(
        tracks,
        [
            ("shared_interests", "Shared interests (nu + di votes)"),
            ("values_votes", "Human-rights votes"),
            ("values_institutions", "Institutional gap (mean |A − B|)"),
        ],
        title=f"{names[0]} – {names[1]}: the two tracks",
        y_title=f"vote {measure} / gap (0–1)",
        events=shown,
        width=WIDTH,
        height=260,
    )
    return charts.spec(chart)


def similarity_issues_chart(frame: pd.DataFrame, measure: str, names: tuple[str, str]) -> dict[str, Any]:
    """Small multiples: one panel per issue slice, the measure per year (or session) with n in the tooltip."""
    by = "year" if "year" in frame.columns else "session"
    line = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(size=12))
        .encode(
            x=alt.X(f"{by}:Q", title=None, axis=alt.Axis(format="d")),
            y=alt.Y(f"{measure}:Q", title=MEASURE_LABELS.get(measure, measure)),
            tooltip=[
                alt.Tooltip(f"{by}:Q", format="d"),
                "issue_label:N",
                alt.Tooltip(f"{measure}:Q", format=".3f"),
                "n:Q",
            ],
        )
    )
    chart = (
        alt.layer(line, data=_data(frame))
        .properties(width=185, height=110)
        .facet(
            facet=alt.Facet("issue_label:N", title=None),
            columns=3,
        )
        # each cell draws its own year axis: no axis under an empty slot of the last row
        .resolve_axis(x="independent")
        .properties(title=f"{names[0]} – {names[1]}: vote similarity by issue")
    )
    return _spec(chart)


def ideal_points_chart(frame: pd.DataFrame, issue: str, order: list[str] | None = None) -> dict[str, Any]:
    """Yearly ideal-point trajectories of the chosen states, with their intervals where estimated.

    ``order``: state names in the order of the dashboard's colours (A blue, B red, as in the other charts).
    """
    from valuesgap.charts import PALETTE

    names = order or list(dict.fromkeys(frame["name"]))
    color = alt.Color(
        "name:N",
        title=None,
        legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=names, range=(PALETTE * 4)[: len(names)]),
    )
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d"))
    base = alt.Chart(_data(frame))
    layers = []
    if {"lo", "hi"} <= set(frame.columns) and frame["lo"].notna().any():
        layers.append(base.mark_area(opacity=0.2).encode(x=x, y="lo:Q", y2="hi:Q", color=color))
    tooltip = [alt.Tooltip("year:Q", format="d"), "name:N", alt.Tooltip("ideal_point:Q", format=".3f")]
    if "lo" in frame.columns:
        tooltip += [alt.Tooltip("lo:Q", format=".3f"), alt.Tooltip("hi:Q", format=".3f")]
    layers.append(
        base.mark_line().encode(
            x=x, y=alt.Y("ideal_point:Q", title="ideal point (US positive)"), color=color, tooltip=tooltip
        )
    )
    title = "Ideal points" + ("" if issue == "all" else f" (issue {issue})")
    return _spec(alt.layer(*layers).properties(width=WIDTH, height=240, title=title))


def values_chart(gap: pd.DataFrame, names: tuple[str, str]) -> dict[str, Any]:
    """The brief's value-dimension small multiples (:func:`valuesgap.charts.dimensions_chart`): both states'
    yearly values, 0–1, higher = freer. ``gap``: :func:`valuesgap.analysis.values.values_gap`."""
    from valuesgap import charts

    return charts.spec(
        charts.dimensions_chart(trim_years(gap, ["a_value", "b_value"]), names[0], names[1], width=180, height=110)
    )


def commitments_chart(ledger: pd.DataFrame, names: dict[str, str]) -> dict[str, Any]:
    """A timeline of both states' commitment actions: year × instrument, coloured by state."""
    dated = ledger[ledger["year"].notna()].copy()
    dated["state"] = [names.get(i, i) for i in dated["iso3"]]
    dated["year"] = dated["year"].astype(int)
    dated = dated[["year", "state", "commitment", "action", "track", "record"]]
    chart = (
        alt.Chart(_data(dated))
        .mark_point(filled=True, size=60, opacity=0.8)
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("commitment:N", title=None, sort=alt.EncodingSortField("year", op="min")),
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=list(names.values()), range=["#1f5a96", "#b8312f"]),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape("track:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("year:Q", format="d"), "state:N", "commitment:N", "action:N", "record:N"],
        )
        .properties(width=WIDTH, height={"step": 14}, title="Commitments undertaken (and left)")
    )
    return _spec(chart)


def partners_map_chart(partners: pd.DataFrame, focal: str, measure: str, label: str) -> dict[str, Any]:
    """A world map of how similarly every state voted with ``focal`` (world-atlas 110m shapes, served locally)."""
    # unranked partners (measure undefined, or fewer roll calls in common than asked) stay grey
    rows = partners[(partners["iso_numeric"] != "") & partners["rank"].notna()][
        ["iso_numeric", "iso3", "name", "n", measure]
    ]
    shapes = alt.topo_feature(f"{VENDOR_URL}/countries-110m.json", "countries")
    background = alt.Chart(shapes).mark_geoshape(fill="#eeeeee", stroke="white", strokeWidth=0.4)
    fill = (
        alt.Chart(shapes)
        .mark_geoshape(stroke="white", strokeWidth=0.4)
        .encode(
            color=alt.Color(
                f"{measure}:Q",
                title=measure,
                scale=alt.Scale(scheme="viridis"),
                legend=alt.Legend(orient="bottom", gradientLength=240),
            ),
            tooltip=["name:N", "iso3:N", alt.Tooltip(f"{measure}:Q", format=".3f"), "n:Q"],
        )
        .transform_lookup(
            lookup="id",
            from_=alt.LookupData(_data(rows), key="iso_numeric", fields=["name", "iso3", "n", measure]),
        )
        .transform_filter(f"isValid(datum['{measure}'])")
    )
    chart = (
        alt.layer(background, fill)
        .project(type="equalEarth")
        .properties(width=WIDTH, height=300, title=f"Who votes with {focal} ({label})")
    )
    return _spec(chart)
