"""Vega-Lite chart specs (Altair) shared by the brief and the dashboard, and their offline rendering.

Each function takes analysis frames and returns an ``alt.Chart`` (``chart.to_dict()`` is the
Vega-Lite spec the dashboard embeds); :func:`to_svg` renders a chart offline with ``vl_convert``
(no browser, no network).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

FONT = "Helvetica, Arial, sans-serif"
PALETTE = ["#1f5a96", "#b8312f", "#4c8c4a", "#8a5fa8", "#d08a1c", "#5b5b5b"]
EVENT_COLORS = {"shared_interest": "#1f5a96", "values": "#b8312f", "both": "#444444"}


def _base_config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_axis(
            labelFontSize=10,
            titleFontSize=11,
            grid=True,
            gridColor="#e6e6e6",
            domainColor="#888888",
            tickColor="#888888",
        )
        .configure_legend(labelFontSize=10, titleFontSize=10, orient="bottom", title=None)
        .configure_title(fontSize=13, anchor="start", fontWeight="bold")
        .configure_view(stroke=None)
    )


def _long(frame: pd.DataFrame, series: list[tuple[str, str]]) -> pd.DataFrame:
    """Return ``year, series, value, lo, hi`` rows for the given (column, label) pairs."""
    parts = []
    for column, label in series:
        part = pd.DataFrame(
            {
                "year": frame["year"].astype(int),
                "series": label,
                "value": frame[column].astype(float),
                "lo": frame[f"{column}_lo"].astype(float) if f"{column}_lo" in frame else np.nan,
                "hi": frame[f"{column}_hi"].astype(float) if f"{column}_hi" in frame else np.nan,
            }
        )
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _event_frame(events: pd.DataFrame | None, tracks: tuple[str, ...]) -> pd.DataFrame:
    """Return the events of ``tracks`` sorted by date (``x`` the fractional year)."""
    if events is None or events.empty:
        return pd.DataFrame()
    ev = events[events["track"].isin(tracks)].copy()
    if ev.empty:
        return ev
    ev = ev.sort_values("x").reset_index(drop=True)
    ev["when"] = pd.to_datetime(ev["date"]).dt.strftime("%d %b %Y")
    return ev[["x", "label", "title", "track", "when"]]


def _event_color() -> alt.Color:
    return alt.Color(
        "track:N", scale=alt.Scale(domain=list(EVENT_COLORS), range=list(EVENT_COLORS.values())), legend=None
    )


def event_layers(events: pd.DataFrame | None, tracks: tuple[str, ...], x: alt.X) -> list[alt.Chart]:
    """Return a dashed rule per event whose track is in ``tracks`` (empty list if none)."""
    ev = _event_frame(events, tracks)
    if ev.empty:
        return []
    return [
        alt.Chart(ev)
        .mark_rule(strokeDash=[3, 3], strokeWidth=1, opacity=0.7)
        .encode(x=x, color=_event_color(), tooltip=["when:N", "title:N"])
    ]


def event_strip(
    events: pd.DataFrame | None,
    tracks: tuple[str, ...],
    xscale: alt.Scale,
    domain: tuple[float, float],
    width: int,
    height: int = 84,
) -> alt.LayerChart | None:
    """Return a strip above a chart with each event's label, rotated, joined by a leader to its date.

    Labels closer than a text line are spread apart (:func:`spread_labels`); the leader runs from the
    label to the event's date on the chart's time axis.
    """
    ev = _event_frame(events, tracks)
    if ev.empty:
        return None
    per_year = width / (domain[1] - domain[0])
    ev["lx"] = spread_labels(ev["x"].to_numpy(dtype=float), 11.0 / per_year, domain)
    ev = ev.assign(y0=0.0, y1=0.14, ytext=0.17)
    x = alt.X("x:Q", title=None, scale=xscale, axis=None)
    y = alt.Y("y0:Q", scale=alt.Scale(domain=[0, 1]), axis=None)
    color = _event_color()
    leader = alt.Chart(ev).mark_rule(strokeWidth=0.8, opacity=0.7).encode(x=x, x2="lx:Q", y=y, y2="y1:Q", color=color)
    text = (
        alt.Chart(ev)
        .mark_text(angle=270, align="left", baseline="middle", fontSize=9)
        .encode(
            x=alt.X("lx:Q", scale=xscale, axis=None),
            y=alt.Y("ytext:Q", scale=alt.Scale(domain=[0, 1]), axis=None),
            text="label:N",
            color=color,
            tooltip=["when:N", "title:N"],
        )
    )
    return alt.layer(leader, text).properties(width=width, height=height)


def spread_labels(x: np.ndarray, gap: float, domain: tuple[float, float]) -> np.ndarray:
    """Return label positions for sorted event positions ``x``: each at least ``gap`` after the previous,
    as close to its event as that allows, and kept inside ``domain`` (pushed back from the end if needed)."""
    pos = np.asarray(x, dtype=float).copy()
    for i in range(1, pos.size):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    if pos.size and pos[-1] > domain[1]:
        pos[-1] = domain[1]
        for i in range(pos.size - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - gap)
    return pos


def track_chart(
    frame: pd.DataFrame,
    series: list[tuple[str, str]],
    title: str,
    y_title: str,
    events: pd.DataFrame | None = None,
    event_tracks: tuple[str, ...] = ("shared_interest", "values", "both"),
    y_domain: tuple[float, float] | None = (0.0, 1.0),
    width: int = 640,
    height: int = 230,
) -> alt.TopLevelMixin:
    """Return a line chart of yearly tracks with their interval bands and event annotations.

    ``frame`` has ``year`` and, per (column, label) in ``series``, ``column`` and optionally
    ``column_lo``/``column_hi``; missing years are gaps in the line (never drawn as 0).
    ``events`` is a :func:`valuesgap.analysis.events.timeline` frame.
    """
    data = _long(frame, series)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    xscale = alt.Scale(domain=[first, last + 0.999], nice=False, zero=False)
    ydom = (
        y_domain
        if y_domain is not None
        else (float(np.nanmin(data[["value", "lo"]].to_numpy())), float(np.nanmax(data[["value", "hi"]].to_numpy())))
    )
    yscale = alt.Scale(domain=list(ydom), nice=y_domain is None, zero=False)
    labels = [label for _, label in series]
    color = alt.Color("series:N", scale=alt.Scale(domain=labels, range=PALETTE[: len(labels)]))
    x = alt.X("year:Q", title=None, scale=xscale, axis=alt.Axis(format="d", tickMinStep=1))
    base = alt.Chart(data)
    band_color = alt.Color("series:N", scale=alt.Scale(domain=labels, range=PALETTE[: len(labels)]), legend=None)
    band = (
        base.transform_filter("isValid(datum.lo) && isValid(datum.hi)")
        .mark_area(opacity=0.14)
        .encode(x=x, y=alt.Y("lo:Q", scale=yscale, title=y_title), y2="hi:Q", color=band_color)
    )
    line = base.mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=18)).encode(
        x=x,
        y=alt.Y("value:Q", scale=yscale, title=y_title),
        color=color,
        tooltip=["series:N", "year:Q", alt.Tooltip("value:Q", format=".2f")],
    )
    event_x = alt.X("x:Q", title=None, scale=xscale, axis=alt.Axis(format="d", tickMinStep=1))
    main = alt.layer(band, line, *event_layers(events, event_tracks, event_x)).properties(width=width, height=height)
    main = main.resolve_scale(color="independent")
    strip = event_strip(events, event_tracks, xscale, (first, last + 0.999), width)
    if strip is None:
        return _base_config(main.properties(title=title))
    chart = alt.vconcat(strip, main, spacing=2, title=title).resolve_scale(x="shared", color="independent")
    return _base_config(chart)


def dimensions_chart(
    gap: pd.DataFrame,
    a_name: str,
    b_name: str,
    labels: dict[str, str] | None = None,
    width: int = 190,
    height: int = 120,
) -> alt.TopLevelMixin:
    """Return small multiples, one per value dimension: A's and B's yearly values (0–1, higher = freer).

    ``gap`` is a :func:`valuesgap.analysis.values.values_gap` frame (``year, dimension, a_value, b_value``).
    """
    labels = labels or {}
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "year": gap["year"].astype(int),
                    "dimension": gap["dimension"].map(lambda d: labels.get(d, d)),
                    "state": name,
                    "value": gap[col].astype(float),
                }
            )
            for col, name in (("a_value", a_name), ("b_value", b_name))
        ],
        ignore_index=True,
    )
    order = list(dict.fromkeys(long["dimension"]))
    chart = (
        alt.Chart(long)
        .mark_line(strokeWidth=1.8)
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickCount=5)),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("state:N", scale=alt.Scale(domain=[a_name, b_name], range=PALETTE[:2])),
            tooltip=["state:N", "year:Q", alt.Tooltip("value:Q", format=".2f")],
        )
        .properties(width=width, height=height)
        .facet(
            facet=alt.Facet(
                "dimension:N", sort=order, title=None, header=alt.Header(labelFontSize=11, labelFontWeight="bold")
            ),
            columns=3,
        )
        # each cell draws its own year axis, so five dimensions in rows of three leave no empty sixth frame
        .resolve_axis(x="independent")
        .properties(title="Value dimensions, 0–1 (higher = freer, less captured)")
    )
    return _base_config(chart)


def issue_bars(table: pd.DataFrame, title: str, width: int = 420, height: int = 150) -> alt.TopLevelMixin:
    """Return horizontal bars of vote similarity by issue area (``label, early, recent`` columns)."""
    long = table.melt(id_vars=["label"], value_vars=["early", "recent"], var_name="period", value_name="value")
    names = {"early": table.attrs.get("early_label", "early"), "recent": table.attrs.get("recent_label", "recent")}
    long["period"] = long["period"].map(names)
    chart = (
        alt.Chart(long)
        .mark_bar(height=9)
        .encode(
            y=alt.Y("label:N", title=None, sort=list(table["label"])),
            yOffset=alt.YOffset("period:N", sort=list(names.values())),
            x=alt.X("value:Q", title="vote similarity", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("period:N", scale=alt.Scale(domain=list(names.values()), range=["#a9bfd6", PALETTE[0]])),
            tooltip=["label:N", "period:N", alt.Tooltip("value:Q", format=".2f")],
        )
        .properties(title=title, width=width, height=height)
    )
    return _base_config(chart)


def spec(chart: alt.TopLevelMixin, validate: bool = False) -> dict:
    """Return the chart's Vega-Lite specification (a JSON-ready dict, data inlined).

    The schema check is off by default: it cost ~0.1 s of every chart the API served. The tests validate
    the spec of every chart endpoint and every chart of the brief against the Vega-Lite schema.
    """
    return chart.to_dict(validate=validate)


def to_svg(chart: alt.TopLevelMixin, validate: bool = False) -> str:
    """Return the chart rendered offline to SVG text by ``vl_convert``.

    The schema check is skipped by default (it costs ~0.1 s a chart; :func:`spec` checks, and the tests
    validate every chart the brief draws).
    """
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict(validate=validate))


__all__ = ["dimensions_chart", "event_layers", "issue_bars", "spec", "spread_labels", "to_svg", "track_chart"]
