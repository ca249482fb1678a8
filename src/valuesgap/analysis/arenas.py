"""The shared-interest arenas of a dyad side by side: General Assembly, Security Council, events.

``overview(a, b)`` gathers, for the dashboard's Arenas panel and the brief, what each arena has for the
pair — each with its own coverage years and n, never blended into one index:

- Assembly: vote agreement on nuclear + disarmament roll calls (:func:`valuesgap.analysis.tracks.vote_track`);
- Council: agreement on the shared-interest topic groups, all groups per year, the drafts the two voted for
  together on DPRK and Iran, what they co-sponsored, and the vetoes one cast against the other's drafts;
- events: the cooperation share in both directions.

An arena without data for the pair is reported in ``notes`` (missing, not zero).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from valuesgap import countries
from valuesgap.errors import InputError, NoData


@dataclass
class Arenas:
    """What each arena has for a dyad; a frame is None where the arena has nothing for it (see notes)."""

    a_iso3: str
    b_iso3: str
    a_name: str
    b_name: str
    council: pd.DataFrame | None = None
    council_drafts: pd.DataFrame | None = None
    vetoes: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    assembly: pd.DataFrame | None = None
    notes: dict[str, str] = field(default_factory=dict)

    def summary(self) -> pd.DataFrame:
        """Return one row per arena: arena, measure, coverage (first–last year with data for the pair),
        years (how many), n (roll calls / drafts / events over those years), value (the mean of the yearly
        values), note (why an arena is empty). Each arena keeps its own years; nothing is blended.

        Assembly: yearly vote agreement on nuclear + disarmament roll calls; Council: yearly vote agreement
        on the drafts of the shared-interest topic groups together; events: the yearly cooperation share
        of all events between the two, both directions pooled.
        """
        rows = [
            self._row(
                "assembly", "General Assembly (nuclear + disarmament votes)", "vote agreement", self._assembly_years()
            ),
            self._row(
                "council", "Security Council (shared-interest topic groups)", "vote agreement", self._council_years()
            ),
            self._row("events", "Events (both directions)", "cooperation share", self._event_years()),
        ]
        return pd.DataFrame(rows, columns=["arena", "label", "measure", "coverage", "years", "n", "value", "note"])

    def _row(self, key: str, label: str, measure: str, yearly: pd.DataFrame | None) -> tuple:
        if yearly is None or yearly.empty:
            note = self.notes.get(key) or "no data for the pair"
            return (key, label, measure, "–", 0, 0, float("nan"), note)
        years = yearly["year"].astype(int)
        return (
            key,
            label,
            measure,
            f"{years.min()}–{years.max()}",
            len(years),
            int(yearly["n"].sum()),
            float(yearly["value"].mean()),
            self.notes.get(key, ""),
        )

    def _assembly_years(self) -> pd.DataFrame | None:
        if self.assembly is None:
            return None
        return self.assembly.loc[self.assembly["n"] > 0, ["year", "n", "value"]]

    def _council_years(self) -> pd.DataFrame | None:
        if self.council is None:
            return None
        shared = self.council.loc[(self.council["kind"] == "shared") & (self.council["n"] > 0)]
        if shared.empty:
            return None
        # all shared-interest groups together per year: Σ n·agreement / Σ n is the agreement over their drafts
        yearly = shared.assign(w=shared["n"] * shared["agreement"]).groupby("year", as_index=False)[["n", "w"]].sum()
        return yearly.assign(value=yearly["w"] / yearly["n"])[["year", "n", "value"]]

    def _event_years(self) -> pd.DataFrame | None:
        if self.events is None:
            return None
        both = self.events.loc[(self.events["direction"] == "both") & (self.events["n"] > 0)]
        return both.rename(columns={"coop_share": "value"})[["year", "n", "value"]] if not both.empty else None


def _years(frame: pd.DataFrame) -> str:
    years = frame["year"].dropna().astype(int)
    return f"{years.min()}–{years.max()}" if len(years) else "–"


def overview(a: str, b: str, *, start: int | None = None, end: int | None = None, assembly: bool = True) -> Arenas:
    """Return the arenas of ``a`` and ``b`` in start…end (each arena clipped to its own coverage)."""
    from valuesgap.analysis import council as council_arena
    from valuesgap.analysis import event_arena

    ca, cb = countries.resolve(a), countries.resolve(b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    out = Arenas(ca.iso3, cb.iso3, ca.name, cb.name)
    first, last = council_arena.coverage()
    c_start = None if start is None else max(start, first)
    c_end = None if end is None else min(end, last)
    try:
        out.council = council_arena.council(ca.iso3, cb.iso3, start=c_start, end=c_end)
        out.council_drafts = council_arena.drafts_of(ca.iso3, cb.iso3, start=c_start, end=c_end)
    except (NoData, InputError) as exc:
        out.notes["council"] = str(exc)
    parts = []
    for by, against in ((ca.iso3, cb.iso3), (cb.iso3, ca.iso3)):
        if by not in council_arena.PERMANENT:
            continue
        try:
            parts.append(council_arena.vetoes(by=by, against=against, start=start, end=end))
        except (NoData, InputError):
            continue
    out.vetoes = pd.concat(parts, ignore_index=True).sort_values("date", ignore_index=True) if parts else None
    try:
        cov = event_arena.coverage()
        e_first, e_last = int(cov["first"].min()), int(cov["last"].max())
        e_start = None if start is None else min(max(start, e_first), e_last)
        e_end = None if end is None else max(min(end, e_last), e_first)
        if (start is not None and start > e_last) or (end is not None and end < e_first):
            raise NoData(f"the event data cover {e_first}–{e_last}, outside the period")
        out.events = event_arena.events(ca.iso3, cb.iso3, start=e_start, end=e_end)
    except (NoData, InputError) as exc:
        out.notes["events"] = str(exc)
    if assembly:
        out.assembly = _assembly(ca.iso3, cb.iso3, start, end, out.notes)
    return out


def _assembly(a: str, b: str, start: int | None, end: int | None, notes: dict[str, str]) -> pd.DataFrame | None:
    """Return the Assembly's nu+di vote agreement per year (no intervals), or None with a note."""
    from valuesgap.analysis import tracks

    years = range(start or 1946, (end or 2024) + 1)
    try:
        got = tracks.vote_track(a, b, issues=("nu", "di"), years=list(years), level=None)
    except (NoData, InputError) as exc:
        notes["assembly"] = str(exc)
        return None
    if not (got["n"] > 0).any():
        notes["assembly"] = "no nuclear or disarmament roll call both voted on in the period"
    return got


def shared_drafts(arenas: Arenas, groups: tuple[str, ...] = ("dprk", "iran")) -> pd.DataFrame:
    """Return the Council drafts on ``groups`` both states voted for (the cooperation linkage would put at
    stake): symbol, resolution, year, group, cosponsored (both sponsored)."""
    drafts = arenas.council_drafts
    if drafts is None or drafts.empty:
        return pd.DataFrame(columns=["symbol", "resolution", "year", "group", "cosponsored"])
    both = drafts.loc[drafts["group"].isin(groups) & (drafts["a_vote"] == "yes") & (drafts["b_vote"] == "yes")]
    return both.assign(cosponsored=both["a_sponsor"] & both["b_sponsor"])[
        ["symbol", "resolution", "year", "group", "cosponsored"]
    ].reset_index(drop=True)


def cosponsored_drafts(arenas: Arenas) -> pd.DataFrame:
    """Return the Council drafts both states sponsored: symbol, resolution, year, group, outcome."""
    drafts = arenas.council_drafts
    if drafts is None or drafts.empty:
        return pd.DataFrame(columns=["symbol", "resolution", "year", "group", "outcome"])
    both = drafts.loc[drafts["a_sponsor"] & drafts["b_sponsor"]]
    return both[["symbol", "resolution", "year", "group", "outcome"]].reset_index(drop=True)


__all__ = ["Arenas", "cosponsored_drafts", "overview", "shared_drafts"]
