"""Tables the dashboard shows that combine analysis calls: similarity on every issue, both states'
commitments, ideal points of chosen states, partners with map codes. Each returns a DataFrame;
every number comes from :mod:`valuesgap.analysis`."""

from __future__ import annotations

import threading
from functools import lru_cache

import pandas as pd

from valuesgap import countries
from valuesgap.analysis import selection
from valuesgap.analysis import similarity as sim
from valuesgap.errors import InputError, NoData

_FIT_LOCK = threading.Lock()  # one ideal-point fit at a time: concurrent requests wait, then hit its cache


def similarity_by_issue(
    a: str, b: str, by: str = "year", important: bool = False, start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Return A–B vote similarity on each issue slice (me nu di hr co ec) per year (or session).

    Columns: ``issue``, ``issue_label``, ``year`` (or ``session``), ``n``, ``agreement``, ``coincidence``,
    ``s_score``, ``cohen_kappa``, ``scott_pi``. Issues without a shared roll call in the period are left
    out; NoData when none has one. Source: :func:`valuesgap.analysis.similarity.similarity`.
    """
    parts = []
    for issue in selection.ISSUE_CODES:
        try:
            frame = sim.similarity(a, b, issue=issue, by=by, important=important, start=start, end=end)
        except NoData:
            continue
        frame.insert(0, "issue_label", selection.ISSUES[issue])
        frame.insert(0, "issue", issue)
        parts.append(frame)
    if not parts:
        sim.similarity(a, b, issue="all", by=by, important=important, start=start, end=end)  # raises the reason
        raise NoData(f"{a} and {b} share no roll call on any issue slice in that period")
    return pd.concat(parts, ignore_index=True)


def dyad_commitments(a: str, b: str, *, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return both states' commitments ledgers, one after the other (``iso3`` tells whose row it is).

    Columns: those of :func:`valuesgap.analysis.commitments.commitments`. A state without commitments is
    left out; NoData when neither has any.
    """
    from valuesgap.analysis.commitments import commitments

    ca, cb = countries.resolve(a), countries.resolve(b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    parts, reasons = [], []
    for state in (ca, cb):
        try:
            parts.append(commitments(state.iso3, start=start, end=end))
        except NoData as exc:
            reasons.append(str(exc))
    if not parts:
        raise NoData("; ".join(reasons))
    return pd.concat(parts, ignore_index=True)


def ideal_points_of(
    states: list[str], *, issue: str = "all", start: int | None = None, end: int | None = None, n_boot: int = 0
) -> pd.DataFrame:
    """Return the yearly ideal points of ``states`` (all states when empty) in start…end.

    The model is fitted on every year (so a period shows the same positions as the whole series) and the
    rows are then cut to the period. Columns: ``iso3``, ``name``, ``year``, ``ideal_point``, ``n_votes``
    and, with ``n_boot > 0`` replicates, ``lo``, ``hi`` (95 % parametric bootstrap).
    Source: :func:`valuesgap.analysis.idealpoints.ideal_points` (yearly, cached on disk by data version).
    """
    from valuesgap.analysis.idealpoints import ideal_points

    start, end = selection.check_period(start, end)
    wanted = [countries.resolve(s).iso3 for s in states]
    issue = selection.check_issue(issue)
    with _FIT_LOCK:
        points = ideal_points(issue=issue, by="year", n_boot=int(n_boot))
    if wanted:
        points = points[points["iso3"].isin(wanted)]
        absent = [w for w in wanted if w not in set(points["iso3"])]
        if absent:
            raise NoData(f"no ideal points for {', '.join(absent)} on issue {issue}")
    if start is not None:
        points = points[points["year"] >= start]
    if end is not None:
        points = points[points["year"] <= end]
    if points.empty:
        raise NoData(f"no ideal points in {start or '…'}–{end or '…'} for issue {issue}")
    cols = ["iso3", "year", "ideal_point", "n_votes"] + [c for c in ("lo", "hi") if c in points.columns]
    out = points[cols].copy()
    out.insert(1, "name", [countries.name_of(i) for i in out["iso3"]])
    out["year"] = out["year"].astype(int)
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


@lru_cache(maxsize=1)
def _iso_numeric() -> dict[str, str]:
    """Return ISO3 → zero-padded ISO 3166-1 numeric code (the ids of world-atlas' country shapes)."""
    data = countries._converter().data[["ISO3", "ISOnumeric"]].dropna()
    return {str(r.ISO3): f"{int(r.ISOnumeric):03d}" for r in data.itertuples()}


def with_map_codes(partners: pd.DataFrame) -> pd.DataFrame:
    """Return ``partners`` with ``iso_numeric`` (for joining world-atlas shapes; empty for historical states)."""
    codes = _iso_numeric()
    out = partners.copy()
    out["iso_numeric"] = [codes.get(i, "") for i in out["iso3"]]
    return out
