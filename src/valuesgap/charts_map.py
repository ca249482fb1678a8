"""The two-track map charts (Vega-Lite via Altair), shared by the dashboard's map panel and the brief.

- :func:`map_chart`: every placed partner as a point — x the institutional values gap, y cooperation in
  the arena, colour human-rights vote agreement, size roll calls in common; the tooltip names the
  partner and its numbers; ``highlight`` rings one partner (the brief's dyad).
- :func:`moves_chart`: partners placed in both periods, an arrow from the earlier period's position to
  the later one (the arrowhead's angle is computed from the plotted positions, so it points along the
  line whatever the scales).

``width="container"`` fills the dashboard panel (the chart resizes with it); the brief passes pixels.
Each point carries ``iso3`` so a click can open that dyad.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from valuesgap.charts import FONT

X_TITLE = "values gap (mean |A − B| over the value dimensions, 0–1)"
X_AXIS = alt.Axis(tickMinStep=0.1, format=".1f")
HR_TITLE = "human-rights vote agreement"


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=10, titleFontSize=11, gridColor="#e6e6e6", domainColor="#888888")
        .configure_legend(labelFontSize=10, titleFontSize=10, orient="bottom", direction="horizontal")
        .configure_title(fontSize=13, anchor="start", fontWeight="bold")
        .configure_view(stroke=None)
    )


def _placed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["left_out"] == ""]


def _y_title(arena: str) -> str:
    return {
        "assembly": "cooperation: Assembly nu+di vote agreement",
        "council": "cooperation: Council shared-interest vote agreement",
        "events": "cooperation: share of cooperative events",
    }.get(arena, "cooperation")


def _tooltip(prefix: str = "") -> list[alt.Tooltip]:
    return [
        alt.Tooltip("name:N", title="partner"),
        alt.Tooltip("iso3:N", title="ISO3"),
        alt.Tooltip(f"{prefix}values_institutions:Q", title="values gap", format=".3f"),
        alt.Tooltip(f"{prefix}shared_interests:Q", title="cooperation", format=".3f"),
        alt.Tooltip(f"{prefix}shared_interests_n:Q", title="in common (n)"),
        alt.Tooltip(f"{prefix}values_votes:Q", title="human-rights agreement", format=".3f"),
    ]


def map_chart(
    frame: pd.DataFrame,
    focal: str,
    period: str,
    arena: str = "assembly",
    *,
    width: int | str = "container",
    height: int = 320,
    highlight: str | None = None,
) -> alt.TopLevelMixin:
    """Return the map of the partners of ``focal`` (``frame`` from :func:`valuesgap.analysis.track_map.track_map`)."""
    placed = _placed(frame)[
        ["iso3", "name", "values_institutions", "shared_interests", "shared_interests_n", "values_votes"]
    ]
    base = alt.Chart(placed)
    points = base.mark_circle(opacity=0.85, stroke="#333333", strokeWidth=0.3).encode(
        x=alt.X("values_institutions:Q", title=X_TITLE, scale=alt.Scale(zero=False, nice=True), axis=X_AXIS),
        y=alt.Y("shared_interests:Q", title=_y_title(arena), scale=alt.Scale(zero=False, nice=True)),
        color=alt.Color(
            "values_votes:Q",
            title=HR_TITLE,
            scale=alt.Scale(scheme="viridis", domain=[0, 1]),
            legend=alt.Legend(gradientLength=160),
        ),
        size=alt.Size("shared_interests_n:Q", title="in common (n)", scale=alt.Scale(range=[12, 140]), legend=None),
        tooltip=_tooltip(),
    )
    layers: list[alt.Chart] = [points]
    if highlight is not None and highlight in set(placed["iso3"]):
        one = placed[placed["iso3"] == highlight]
        layers.append(
            alt.Chart(one)
            .mark_point(size=260, color="#b8312f", strokeWidth=2)
            .encode(x="values_institutions:Q", y="shared_interests:Q", tooltip=_tooltip())
        )
        layers.append(
            alt.Chart(one)
            .mark_text(align="left", dx=10, dy=-8, fontSize=11, fontWeight="bold", color="#b8312f")
            .encode(x="values_institutions:Q", y="shared_interests:Q", text="name:N")
        )
    left = int((frame["left_out"] != "").sum())
    subtitle = f"{len(placed)} partners placed" + (f", {left} left out (see the list)" if left else "")
    chart = alt.layer(*layers).properties(
        width=width,
        height=height,
        title=alt.TitleParams(f"The partners of {focal}, {period}", subtitle=subtitle),
    )
    return _config(chart)


def moves_chart(
    frame: pd.DataFrame,
    focal: str,
    before: str,
    after: str,
    arena: str = "assembly",
    *,
    width: int | str = "container",
    height: int = 320,
    highlight: str | None = None,
) -> alt.TopLevelMixin:
    """Return arrows from each partner's position in ``before`` to its position in ``after``."""
    both = frame[(frame["left_out"] == "") & (frame["from_left_out"] == "")]
    data = both[
        [
            "iso3",
            "name",
            "values_institutions",
            "shared_interests",
            "shared_interests_n",
            "values_votes",
            "from_values_institutions",
            "from_shared_interests",
        ]
    ]
    x = alt.X("from_values_institutions:Q", title=X_TITLE, scale=alt.Scale(zero=False, nice=True), axis=X_AXIS)
    y = alt.Y("shared_interests:Q", title=_y_title(arena), scale=alt.Scale(zero=False, nice=True))
    base = alt.Chart(data)
    lines = base.mark_rule(color="#8a8a8a", strokeWidth=1).encode(
        x=x,
        x2="values_institutions:Q",
        y=alt.Y("from_shared_interests:Q", title=_y_title(arena), scale=alt.Scale(zero=False, nice=True)),
        y2="shared_interests:Q",
        tooltip=_tooltip(),
    )
    angle = (
        "atan2(scale('x', datum.values_institutions) - scale('x', datum.from_values_institutions), "
        "scale('y', datum.from_shared_interests) - scale('y', datum.shared_interests)) * 180 / PI"
    )
    heads = base.mark_point(
        shape="triangle-up", filled=True, size=45, angle=alt.ExprRef(angle), stroke="#333333", strokeWidth=0.3
    ).encode(
        x=alt.X("values_institutions:Q"),
        y=y,
        color=alt.Color("values_votes:Q", title=HR_TITLE, scale=alt.Scale(scheme="viridis", domain=[0, 1])),
        tooltip=_tooltip(),
    )
    layers: list[alt.Chart] = [lines, heads]
    if highlight is not None and highlight in set(data["iso3"]):
        layers.append(
            alt.Chart(data[data["iso3"] == highlight])
            .mark_text(align="left", dx=8, dy=-8, fontSize=11, fontWeight="bold", color="#b8312f")
            .encode(x="values_institutions:Q", y="shared_interests:Q", text="name:N")
        )
    chart = alt.layer(*layers).properties(
        width=width,
        height=height,
        title=alt.TitleParams(
            f"How the partners of {focal} moved, {before} → {after}",
            subtitle=f"{len(data)} partners placed in both periods; the arrow points to {after}",
        ),
    )
    return _config(chart)


__all__ = ["map_chart", "moves_chart"]
