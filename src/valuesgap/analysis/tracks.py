"""The two-track picture of a dyad per calendar year: shared interests against the values gap.

``tracks(a, b)`` puts side by side, for every year of the period:

- **shared interests** — UNGA vote similarity on the shared-interest roll calls (default: nuclear
  ``nu`` or disarmament ``di``; a roll call with both codes counts once), with n and a bootstrap CI;
- **values (votes)** — vote similarity on the human-rights roll calls (``hr``), with n and CI;
- **values (institutions)** — the gap A − B of each value dimension
  (:func:`valuesgap.analysis.values.values_gap`) and the mean of their absolute values;
- **ideal-point distance** — |θ_A − θ_B| from the yearly ideal points on all roll calls and on
  human-rights roll calls only (:func:`valuesgap.analysis.idealpoints.ideal_points`).

Default measure: **agreement** (1 − mean |x − y|, Voeten). Why, briefly (docs/measures.md has more):
the yearly issue slices are small (10–40 roll calls a year for a dyad), and agreement is defined
whenever the two states share one roll call, reads directly as "how close were their positions on
average" on 0–1, and is the quantity the ideal points and the similarity tables also rest on.
Cohen's κ corrects for each state's own voting habits — valuable across dyads — but in a single
dyad's small yearly slices its expected-disagreement term is estimated from the same few votes,
so it jumps between years and is undefined (NaN) whenever one state voted the same way on every roll
call. Any of the five measures can be chosen with ``measure=``.

Years in which the two states never both took a position on a slice's roll calls stay as rows
with NaN (and n = 0): missing, never 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuesgap.analysis import selection
from valuesgap.analysis.meta import annotate
from valuesgap.analysis.selection import DEFAULT_LEVEL, DEFAULT_N_BOOT
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData
from valuesgap.measures import similarity as measures

DEFAULT_MEASURE = "agreement"
SHARED_ISSUES = ("nu", "di")
VALUES_ISSUES = ("hr",)
DIMENSIONS = ("repression", "media", "capture", "rule_of_law", "democracy")

TRACK_LABELS = {
    "shared_interests": "Shared interests (nuclear and disarmament votes)",
    "values_votes": "Human-rights votes",
    "values_institutions": "Institutional values gap (mean |A − B| over the dimensions)",
    "ideal_distance": "Ideal-point distance, all votes",
    "ideal_distance_hr": "Ideal-point distance, human-rights votes",
}


def _slice_mask(rollcalls: pd.DataFrame, issues: tuple[str, ...], start: int | None, end: int | None) -> np.ndarray:
    """Return the roll calls tagged with any of ``issues`` held in start…end (may select none)."""
    try:
        return selection.select_rollcalls(rollcalls, issues, start=start, end=end).mask
    except NoData:
        return np.zeros(len(rollcalls), dtype=bool)


def _joint_years(matrix, row_a: int, row_b: int) -> np.ndarray:
    """Return the sorted years in which both states took a position on at least one roll call."""
    codes_a, codes_b = matrix.codes[row_a], matrix.codes[row_b]
    both = np.isin(codes_a, measures.POSITION_CODES) & np.isin(codes_b, measures.POSITION_CODES)
    return np.unique(matrix.rollcalls["year"].to_numpy()[both])


@renamed_arguments(positional=2, old_order=("issues", "years", "measure", "level", "n_boot", "seed"))
def vote_track(
    a: str,
    b: str,
    *,
    issues: tuple[str, ...] | list[str] | str,
    years: list[int] | np.ndarray,
    measure: str = DEFAULT_MEASURE,
    level: float | None = DEFAULT_LEVEL,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Return the vote similarity of ``a`` and ``b`` on the union of ``issues`` for each of ``years``.

    Columns: ``year``, ``n`` (roll calls where both took a position; 0 where none), ``value`` (the
    measure; NaN where n = 0 or undefined), ``lo``, ``hi`` (percentile bootstrap at ``level``, the same
    resampling and seeds as :func:`valuesgap.analysis.similarity.similarity`, so a single issue gives
    exactly its numbers). Source: UNGA votes in the store.
    """
    measure = selection.check_measure(measure)
    codes = selection.check_issues(issues, "the vote track")
    level = selection.check_level(level)
    n_boot = selection.check_n_boot(n_boot)
    matrix = selection.vote_matrix()
    row_a, _ = selection.state_row(matrix, a)
    row_b, _ = selection.state_row(matrix, b)
    years = np.asarray(sorted(int(y) for y in years), dtype=np.int64)
    out = pd.DataFrame({"year": years, "n": 0, "value": np.nan, "lo": np.nan, "hi": np.nan})
    if years.size == 0:
        return out
    mask = _slice_mask(matrix.rollcalls, codes, int(years[0]), int(years[-1]))
    if not mask.any():
        return out
    groups, labels = selection.group_index(matrix.rollcalls, "year", mask)
    cols = np.flatnonzero(mask)
    counts = measures.grouped_dyad_counts(
        matrix.codes[row_a, cols], matrix.codes[row_b, cols], groups[cols], labels.size
    )
    values = measures.measures_from_counts(counts)
    position = {int(y): i for i, y in enumerate(years)}
    n = np.zeros(years.size, dtype=int)
    value, lo, hi = (np.full(years.size, np.nan) for _ in range(3))
    for g, label in enumerate(labels):
        i = position.get(int(label))
        if i is None or values["n"][g] == 0:
            continue
        n[i] = int(values["n"][g])
        value[i] = float(values[measure][g])
        if level is not None:
            lo[i], hi[i] = measures.bootstrap_intervals(counts[:, :, g], level, n_boot, seed=[seed, int(label)])[
                measure
            ]
    return out.assign(n=n, value=value, lo=lo, hi=hi)


def _institutions(a: str, b: str, years: np.ndarray, missing: list[str]) -> pd.DataFrame:
    """Return per year the gap A − B of each dimension, the mean |gap| and how many dimensions it covers."""
    from valuesgap.analysis.values import values_gap

    grid = pd.DataFrame({"year": years})
    cols = [f"gap_{d}" for d in DIMENSIONS]
    try:
        gap = values_gap(a, b, start=int(years[0]), end=int(years[-1]))
    except NoData as exc:
        missing.append(f"value dimensions: {exc}")
        return grid.assign(**{c: np.nan for c in cols}, values_institutions=np.nan, values_institutions_n=0)
    wide = gap.pivot(index="year", columns="dimension", values="gap")
    wide = wide.reindex(columns=list(DIMENSIONS)).add_prefix("gap_").reset_index()
    out = grid.merge(wide, on="year", how="left")
    present = out[cols].notna()
    covered = [c for c in cols if present[c].any()]  # dimensions with data for the dyad in some year
    full = present[covered].all(axis=1) if covered else pd.Series(False, index=out.index)
    out["values_institutions"] = out[covered].abs().mean(axis=1).where(full) if covered else np.nan
    out["values_institutions_n"] = present.sum(axis=1).astype(int)
    for dim in DIMENSIONS:
        if f"gap_{dim}" not in covered:
            missing.append(f"value dimension {dim}: no year of {years[0]}–{years[-1]} has data for both states")
    return out


def distance_interval(a_lo, a_hi, b_lo, b_hi) -> tuple[np.ndarray, np.ndarray]:
    """Return the range of |x − y| for x in [a_lo, a_hi] and y in [b_lo, b_hi] (interval arithmetic).

    lo = the gap between the intervals (0 where they overlap); hi = the farthest ends apart. Taken
    from the marginal intervals alone, it is conservative: wider than a joint interval would be.
    """
    a_lo, a_hi, b_lo, b_hi = (np.asarray(x, dtype=float) for x in (a_lo, a_hi, b_lo, b_hi))
    lo = np.maximum(0.0, np.maximum(a_lo - b_hi, b_lo - a_hi))
    hi = np.maximum(a_hi - b_lo, b_hi - a_lo)
    return lo, hi


def _ideal_distance(iso_a: str, iso_b: str, years: np.ndarray, issue: str, missing: list[str]) -> pd.DataFrame:
    """Return per year ``distance, lo, hi`` of the two states' yearly ideal points on ``issue``."""
    from valuesgap.analysis.idealpoints import ideal_points

    empty = pd.DataFrame({"year": years, "distance": np.nan, "lo": np.nan, "hi": np.nan})
    try:
        points = ideal_points(issue=issue, by="year")
    except NoData as exc:
        missing.append(f"ideal points ({issue}): {exc}")
        return empty
    cols = ["year", "ideal_point"] + [c for c in ("lo", "hi") if c in points.columns]
    pa = points.loc[points["iso3"] == iso_a, cols]
    pb = points.loc[points["iso3"] == iso_b, cols]
    both = pa.merge(pb, on="year", suffixes=("_a", "_b"))
    both["distance"] = (both["ideal_point_a"] - both["ideal_point_b"]).abs()
    if {"lo", "hi"} <= set(points.columns):
        both["lo"], both["hi"] = distance_interval(both["lo_a"], both["hi_a"], both["lo_b"], both["hi_b"])
    else:
        both["lo"] = both["hi"] = np.nan
    both["year"] = both["year"].astype(int)
    out = empty[["year"]].merge(both[["year", "distance", "lo", "hi"]], on="year", how="left")
    if out["distance"].isna().all():
        missing.append(f"ideal points ({issue}): no year of {years[0]}–{years[-1]} has a point for both states")
    return out


@renamed_arguments(
    positional=2,
    old_order=("start", "end", "measure", "shared_issues", "values_issues", "level", "ideal", "n_boot"),
    ci="level",
)
def tracks(
    a: str,
    b: str,
    *,
    start: int | None = None,
    end: int | None = None,
    measure: str = DEFAULT_MEASURE,
    shared_issues: tuple[str, ...] | list[str] | str = SHARED_ISSUES,
    values_issues: tuple[str, ...] | list[str] | str = VALUES_ISSUES,
    level: float | None = DEFAULT_LEVEL,
    ideal: bool = True,
    n_boot: int = DEFAULT_N_BOOT,
) -> pd.DataFrame:
    """Return the two tracks of states ``a`` and ``b``, one row per calendar year start…end.

    Columns: ``year, a_iso3, b_iso3``;
    ``shared_interests, shared_interests_n, shared_interests_lo, shared_interests_hi`` (vote similarity
    on ``shared_issues``, default nu + di);
    ``values_votes, values_votes_n, values_votes_lo, values_votes_hi`` (on ``values_issues``, default hr);
    ``gap_repression, gap_media, gap_capture, gap_rule_of_law, gap_democracy`` (A − B on the 0–1 scale,
    higher = freer), ``values_institutions`` (mean |gap| over the dimensions that have data for the dyad
    in the period; NaN in a year where one of them is missing, so the series compares like with like),
    ``values_institutions_n`` (how many dimensions that year has); ``ideal_distance, ideal_distance_lo, ideal_distance_hi``
    (all roll calls) and ``ideal_distance_hr, ideal_distance_hr_lo, ideal_distance_hr_hi`` (human-rights
    roll calls; intervals by :func:`distance_interval`). Missing = NaN, never 0.
    Without ``start``/``end`` the period runs from the first to the last year in which both states took a
    position on any roll call. ``attrs``: ``measure``, ``shared_issues``, ``values_issues``, ``level``,
    ``missing`` (one line per thing the data do not cover). Sources: UNGA votes, the store's
    indicators, the yearly ideal points.
    """
    ca, cb = selection.check_dyad(a, b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    measure = selection.check_measure(measure)
    shared = selection.check_issues(shared_issues, "shared interests")
    values = selection.check_issues(values_issues, "values votes")
    start, end = selection.check_period(start, end)
    level = selection.check_level(level)
    matrix = selection.vote_matrix()
    row_a, _ = selection.state_row(matrix, ca.iso3)
    row_b, _ = selection.state_row(matrix, cb.iso3)
    joint = _joint_years(matrix, row_a, row_b)
    if joint.size == 0:
        raise NoData(f"{ca.name} and {cb.name} never both took a position on a UNGA roll call")
    first = int(start) if start is not None else int(joint[0])
    last = int(end) if end is not None else int(joint[-1])
    if first > last:
        raise NoData(
            f"{ca.name} and {cb.name} voted together in {int(joint[0])}–{int(joint[-1])} only: "
            "choose a period inside those years"
        )
    years = np.arange(first, last + 1)
    if not np.isin(years, joint).any():
        raise NoData(
            f"{ca.name} and {cb.name} took no position together in {first}–{last}: they did in "
            f"{int(joint[0])}–{int(joint[-1])}"
        )
    missing: list[str] = []
    out = pd.DataFrame({"year": years, "a_iso3": ca.iso3, "b_iso3": cb.iso3})
    for track, issues in (("shared_interests", shared), ("values_votes", values)):
        got = vote_track(ca.iso3, cb.iso3, issues=issues, years=years, measure=measure, level=level, n_boot=n_boot)
        out[track] = got["value"].to_numpy()
        out[f"{track}_n"] = got["n"].to_numpy()
        out[f"{track}_lo"] = got["lo"].to_numpy()
        out[f"{track}_hi"] = got["hi"].to_numpy()
        if got["n"].eq(0).all():
            missing.append(f"{track}: no roll call on {'+'.join(issues)} where both voted in {first}–{last}")
    inst = _institutions(ca.iso3, cb.iso3, years, missing)
    out = out.merge(inst, on="year", how="left")
    for column, issue in (("ideal_distance", "all"), ("ideal_distance_hr", "hr")):
        if ideal:
            got = _ideal_distance(ca.iso3, cb.iso3, years, issue, missing)
        else:
            got = pd.DataFrame({"year": years, "distance": np.nan, "lo": np.nan, "hi": np.nan})
        out[column] = got["distance"].to_numpy(dtype=float)
        out[f"{column}_lo"] = got["lo"].to_numpy(dtype=float)
        out[f"{column}_hi"] = got["hi"].to_numpy(dtype=float)
    if not ideal:
        missing.append("ideal points: not computed (ideal=False)")
    missing = list(dict.fromkeys(missing))
    out.attrs.update(
        {
            "measure": measure,
            "shared_issues": list(shared),
            "values_issues": list(values),
            "level": level,
            "missing": missing,
        }
    )
    return annotate(out, states=[ca, cb], start=first, end=last, measure=measure)


__all__ = ["DEFAULT_LEVEL", "DEFAULT_MEASURE", "TRACK_LABELS", "distance_interval", "tracks", "vote_track"]
