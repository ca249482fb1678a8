"""The arenas chart (Vega-Lite via Altair), shared by the dashboard's "Arenas" panel and the brief.

Three views stacked: Security Council vote agreement per topic group and year (a heat map; empty cells
are years without a draft both voted on — missing, not zero), the vetoes one state cast against drafts
the other sponsored, and the event-data cooperation share in both directions with Wilson intervals.
A part without data says so in its title instead of drawing zeros.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from valuesgap.charts import FONT, PALETTE

WIDTH = 560


def _year_axis(domain: tuple[int, int], field: str = "year:Q") -> alt.X:
    """The year axis all three views share: the years ``domain`` with half a year on each side, so that a
    point of year Y sits over the heat-map cell of year Y (drawn from Y − ½ to Y + ½)."""
    scale = alt.Scale(domain=[domain[0] - 0.5, domain[1] + 0.5], nice=False, zero=False)
    return alt.X(field, title=None, scale=scale, axis=alt.Axis(format="d", tickMinStep=1))


def _empty(title: str, width: int) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"text": ["no data"]}))
        .mark_text(color="#888888", fontSize=12)
        .encode(text="text:N")
        .properties(width=width, height=30, title=title)
    )


def council_view(council: pd.DataFrame | None, domain: tuple[int, int], width: int, note: str = "") -> alt.Chart:
    """Heat map: topic groups (rows, shared groups first) × years on the shared year axis, colour =
    agreement (legend below), tooltip n."""
    title = "Security Council: vote agreement by topic group (a veto counts as a No)"
    if council is None or council.empty or not (council["n"] > 0).any():
        return _empty(f"{title} — {note or 'no drafts both voted on'}", width)
    frame = council.loc[(council["n"] > 0) & (council["kind"] != "total")].copy()
    order = {"shared": 0, "contested": 1, "regional": 2, "thematic": 3}
    frame["rank"] = frame["kind"].map(order)
    labels = frame.sort_values(["rank", "group"])["label"].drop_duplicates().tolist()
    frame["year"] = frame["year"].astype(int)
    frame["from"], frame["to"] = frame["year"] - 0.5, frame["year"] + 0.5
    columns = [
        "year",
        "from",
        "to",
        "label",
        "kind",
        "n",
        "agreement",
        "cosponsored",
        "a_for_b_vetoed",
        "b_for_a_vetoed",
    ]
    legend = alt.Legend(title="agreement", orient="bottom", direction="horizontal", gradientLength=160)
    return (
        alt.Chart(frame[columns])
        .mark_rect()
        .encode(
            x=_year_axis(domain, "from:Q"),
            x2="to:Q",
            y=alt.Y("label:N", title=None, sort=labels, axis=alt.Axis(labelLimit=170)),
            color=alt.Color("agreement:Q", scale=alt.Scale(domain=[0, 1], scheme="redblue"), legend=legend),
            tooltip=[
                "label:N",
                alt.Tooltip("year:Q", format="d"),
                "n:Q",
                alt.Tooltip("agreement:Q", format=".2f"),
                "cosponsored:Q",
            ],
        )
        .properties(width=width, height=max(120, 13 * len(labels)), title=title)
    )


def veto_view(vetoes: pd.DataFrame | None, names: tuple[str, str], domain: tuple[int, int], width: int) -> alt.Chart:
    """Dots per veto one state cast against a draft the other sponsored (y: who vetoed)."""
    title = f"Vetoes cast against drafts the other sponsored ({names[0]} / {names[1]})"
    if vetoes is None or vetoes.empty:
        return _empty(f"{title} — none", width)
    frame = vetoes.copy()
    frame["year"] = pd.to_datetime(frame["date"]).dt.year + (pd.to_datetime(frame["date"]).dt.dayofyear - 1) / 366
    frame["when"] = pd.to_datetime(frame["date"]).dt.strftime("%d %b %Y")
    frame = frame[["year", "when", "vetoer_name", "symbol", "topic"]]
    return (
        alt.Chart(frame)
        .mark_point(filled=True, size=70, shape="triangle-down")
        .encode(
            x=_year_axis(domain),
            y=alt.Y("vetoer_name:N", title="vetoed by"),
            color=alt.Color("vetoer_name:N", scale=alt.Scale(domain=list(names), range=PALETTE[:2]), legend=None),
            tooltip=["when:N", "symbol:N", "topic:N", "vetoer_name:N"],
        )
        .properties(width=width, height=60, title=title)
    )


def events_view(
    events: pd.DataFrame | None, names: tuple[str, str], domain: tuple[int, int], width: int, note: str = ""
) -> alt.Chart:
    """Cooperation share per year in both directions, with Wilson bands (yearly sources)."""
    title = "Events: cooperation share of all events (verbal + material), each direction"
    if events is None or events.empty:
        return _empty(f"{title} — {note or 'no event data'}", width)
    sources = list(events.attrs.get("sources", []))
    frame = events.loc[events["direction"].isin(["a_to_b", "b_to_a"]) & events["month"].isna()].copy()
    series = [f"{names[0]} → {names[1]}", f"{names[1]} → {names[0]}"]
    frame["series"] = frame["direction"].map({"a_to_b": series[0], "b_to_a": series[1]})
    frame["year"] = frame["year"].astype(int)
    frame = frame[["year", "series", "source", "n", "coop_share", "coop_lo", "coop_hi", "matl_conf_share"]]
    color = alt.Color(
        "series:N", scale=alt.Scale(domain=series, range=PALETTE[:2]), legend=alt.Legend(orient="bottom", title=None)
    )
    base = alt.Chart(frame).encode(x=_year_axis(domain), color=color, detail="source:N")  # one line per source
    band = base.mark_area(opacity=0.2).encode(y=alt.Y("coop_lo:Q", title="cooperation share"), y2="coop_hi:Q")
    line = base.mark_line(point=True).encode(
        y=alt.Y("coop_share:Q", scale=alt.Scale(domain=[0, 1])),
        tooltip=[
            "series:N",
            "year:Q",
            "source:N",
            "n:Q",
            alt.Tooltip("coop_share:Q", format=".3f"),
            alt.Tooltip("matl_conf_share:Q", format=".3f"),
        ],
    )
    heading = alt.TitleParams(title, subtitle=[f"Source: {'; '.join(sources)}"]) if sources else title
    return alt.layer(band, line).properties(width=width, height=150, title=heading)


def arenas_chart(
    council: pd.DataFrame | None,
    vetoes: pd.DataFrame | None,
    events: pd.DataFrame | None,
    names: tuple[str, str],
    notes: dict[str, str] | None = None,
    width: int = WIDTH,
) -> alt.TopLevelMixin:
    """Return the three arena views stacked, on one year axis where they share one."""
    notes = notes or {}
    years = []
    for frame in (council, events):
        if frame is not None and not frame.empty and "year" in frame:
            years += [int(frame["year"].min()), int(frame["year"].max())]
    domain = (min(years), max(years)) if years else (1994, 2025)
    chart = alt.vconcat(
        council_view(council, domain, width, notes.get("council", "")),
        veto_view(vetoes, names, domain, width),
        events_view(events, names, domain, width, notes.get("events", "")),
        spacing=18,
    ).properties(title=f"{names[0]} – {names[1]}: the Security Council and event-data arenas")
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=10, titleFontSize=11, gridColor="#e6e6e6")
        .configure_title(fontSize=12, anchor="start")
        .configure_view(stroke=None)
    )
