"""The brief's section placing the dyad among the first state's partners (the two-track map).

Over the brief's last four years (and the four before, for the movement), every partner of A is placed
by :func:`valuesgap.analysis.track_map.track_map`; the section says where B stands: its values gap and
shared-interest vote agreement with A, their ranks among A's placed partners, the medians, the quadrant
(wide or narrow gap × high or low cooperation, split at the medians) and the partners in the same one.
Every number is a figure with the ``valuesgap map`` command that reproduces it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from valuesgap.brief.figures import Figure
from valuesgap.brief.provenance import Call
from valuesgap.countries import Country
from valuesgap.errors import InputError, NoData

#: Years of each window: the brief's last four, and the four before them for the movement.
WINDOW = 4
SOURCE = (
    "UNGA roll-call votes (Voeten et al.); value dimensions from V-Dem, Freedom House, Polity5, Fariss, CIRIGHTS, WGI"
)
QUADRANTS = {
    (True, True): "a wide values gap with high cooperation on shared interests — compartmentalized in practice",
    (True, False): "a wide values gap with low cooperation on shared interests — apart on both tracks",
    (False, True): "a narrow values gap with high cooperation on shared interests — moving together",
    (False, False): "a narrow values gap with low cooperation on shared interests",
}


@dataclass
class Placement:
    """Where B stands among A's partners in ``span`` (``left_out``: why B is not on the map, '' if it is)."""

    span: str
    start: int
    end: int
    placed: int
    left_out: str
    frame: pd.DataFrame  # the map (compare columns when ``before_span``)
    x: Figure | None = None
    y: Figure | None = None
    hr: Figure | None = None
    rank_x: int = 0  # 1 = the widest values gap among the placed partners
    rank_y: int = 0  # 1 = the highest cooperation
    median_x: Figure | None = None
    median_y: Figure | None = None
    quadrant: str = ""
    peers: list[str] = field(default_factory=list)  # other partners in B's quadrant, most roll calls first
    before_span: str = ""
    x_before: Figure | None = None
    y_before: Figure | None = None
    moved: str = ""  # 'the values gap widened, and shared-interest vote agreement grew', …

    @property
    def rank_x_text(self) -> str:
        """Return the gap rank as an ordinal ('1st', '2nd', '23rd', '11th')."""
        n = self.rank_x
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"


def _span(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def _move(before: float, after: float, subject: str, up: str, down: str) -> str:
    """Return e.g. 'the values gap widened' (a change beyond ±0.05), or '… stayed near its level'."""
    change = after - before
    if abs(change) <= 0.05:
        return f"{subject} stayed near its level"
    return f"{subject} {up if change > 0 else down}"


def placement(a: Country, b: Country, first: int, last: int, fig: Callable[..., Figure]) -> Placement | None:
    """Return where ``b`` stands among the partners of ``a`` over the last four years of first…last
    (None when the map has nothing for ``a`` then). ``fig(call, **kw)`` records each figure (the brief's
    builder)."""
    from valuesgap.analysis.track_map import track_map

    start = max(first, last - WINDOW + 1)
    before = (start - WINDOW, start - 1) if start - WINDOW >= first else None
    try:
        frame = track_map(a.iso3, start=start, end=last, compare=before)
    except (NoData, InputError):
        try:
            frame = track_map(a.iso3, start=start, end=last)
            before = None
        except (NoData, InputError):
            return None
    span = _span(start, last)
    placed = frame[frame["left_out"] == ""]
    row = frame[frame["iso3"] == b.iso3]
    left_out = row["left_out"].iloc[0] if not row.empty else f"{b.name} cast no Assembly vote in {span}"
    out = Placement(span, start, last, len(placed), left_out, frame)
    if left_out or placed.empty:
        return out
    params: dict[str, Any] = {"state": a.name, "start": start, "end": last, "fmt": "csv"}
    call = Call("map", params)
    r = row.iloc[0]

    def figure(column: str, value: float, variable: str, reduce: str = "value", where: dict | None = None) -> Figure:
        return fig(
            call,
            value=value,
            source=SOURCE,
            variable=f"{variable}, {a.name} – partners, {span}",
            column=column,
            where=where if where is not None else {"iso3": b.iso3},
            reduce=reduce,
        )

    out.x = figure("values_institutions", float(r["values_institutions"]), f"values gap (mean |gap|) of {b.name}")
    out.y = figure("shared_interests", float(r["shared_interests"]), f"nu+di vote agreement of {b.name}")
    out.hr = figure("values_votes", float(r["values_votes"]), f"human-rights vote agreement of {b.name}")
    mx, my = float(placed["values_institutions"].median()), float(placed["shared_interests"].median())
    placed_rows = {"left_out": "(empty)"}
    out.median_x = figure("values_institutions", mx, "median values gap", "median", placed_rows)
    out.median_y = figure("shared_interests", my, "median nu+di vote agreement", "median", placed_rows)
    out.rank_x = int((placed["values_institutions"] > r["values_institutions"]).sum()) + 1
    out.rank_y = int((placed["shared_interests"] > r["shared_interests"]).sum()) + 1
    key = (bool(r["values_institutions"] > mx), bool(r["shared_interests"] > my))
    out.quadrant = QUADRANTS[key]
    same = placed[
        ((placed["values_institutions"] > mx) == key[0])
        & ((placed["shared_interests"] > my) == key[1])
        & (placed["iso3"] != b.iso3)
    ]
    out.peers = same.sort_values(["shared_interests_n", "name"], ascending=[False, True])["name"].head(6).tolist()
    if before is not None and not r["from_left_out"]:
        out.before_span = _span(*before)
        then = dict(params)
        then["compare"] = f"{before[0]}-{before[1]}"
        call_then = Call("map", then)
        for attr, column, label in (
            ("x_before", "from_values_institutions", "values gap"),
            ("y_before", "from_shared_interests", "nu+di vote agreement"),
        ):
            setattr(
                out,
                attr,
                fig(
                    call_then,
                    value=float(r[column]),
                    source=SOURCE,
                    variable=f"{label} of {b.name}, {a.name} – partners, {out.before_span}",
                    column=column,
                    where={"iso3": b.iso3},
                ),
            )
        assert out.x_before is not None and out.y_before is not None
        gap = _move(out.x_before.amount, out.x.amount, "the values gap", "widened", "narrowed")
        coop = _move(out.y_before.amount, out.y.amount, "shared-interest vote agreement", "grew", "fell")
        out.moved = f"{gap}, and {coop}"
    return out


def charts(p: Placement, a: Country, b: Country) -> dict[str, Any]:
    """Return the section's charts (Altair): the map with B ringed, and the moves when there is an earlier window."""
    from valuesgap import charts_map

    out: dict[str, Any] = {
        "map": charts_map.map_chart(p.frame, a.name, p.span, width=520, height=300, highlight=b.iso3),
    }
    if p.before_span and "from_left_out" in p.frame.columns:
        out["map_moves"] = charts_map.moves_chart(
            p.frame, a.name, p.before_span, p.span, width=520, height=300, highlight=b.iso3
        )
    return out


__all__ = ["Placement", "charts", "placement"]
