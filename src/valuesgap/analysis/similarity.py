"""Vote similarity between states over time, by issue: the public tables behind ``vg.similarity``,
``vg.partners``, ``vg.partner_history`` and ``vg.similarity_cube``.

Source: the UNGA roll-call votes in the store, read once per process as a
:class:`~valuesgap.rollcall.VoteMatrix`; the numbers come from :mod:`valuesgap.measures.similarity`.

Selections: ``issue`` is ``all`` or one of the issue codes (a roll call with several codes counts in
each); ``important=True`` keeps the US State Department's important votes (flagged in the data for
sessions 38–72, 1983–2017); ``start``/``end`` are calendar years (inclusive) filtering roll calls by
the year they were held, whatever the grouping — with ``by="session"`` a session that straddles a
boundary keeps only its roll calls inside the period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.analysis import selection
from valuesgap.analysis.meta import annotate
from valuesgap.analysis.selection import (
    ISSUES,
    MEASURES,
    check_by,
    check_issue,
    check_level,
    check_measure,
    check_n_boot,
    group_index,
    select_rollcalls,
    state_row,
)
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData
from valuesgap.measures import similarity as sim

# ---------------------------------------------------------------- one dyad over time


@renamed_arguments(
    positional=2, old_order=("issue", "by", "important", "ci", "start", "end", "n_boot", "seed"), ci="level"
)
def similarity(
    a: str,
    b: str,
    *,
    issue: str = "all",
    by: str = "session",
    important: bool = False,
    level: float | None = None,
    start: int | None = None,
    end: int | None = None,
    n_boot: int = selection.DEFAULT_N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Return how similarly states ``a`` and ``b`` voted in each UNGA session (or calendar year).

    Columns: ``session`` (or ``year``), ``n`` (roll calls where both took a position), ``agreement``,
    ``coincidence``, ``s_score``, ``cohen_kappa``, ``scott_pi``; with ``level`` (e.g. 0.95) also
    ``<measure>_lo`` and ``<measure>_hi``, a percentile bootstrap over the dyad's roll calls within each
    group (``n_boot`` resamples, seeded by ``seed`` and the group, so reproducible). Groups where the
    two never both took a position are left out. Source: UNGA votes in the store.
    """
    issue = check_issue(issue)
    by = check_by(by)
    level = check_level(level)
    n_boot = check_n_boot(n_boot)
    selection.check_dyad(a, b)
    matrix = selection.vote_matrix()
    row_a, iso_a = state_row(matrix, a)
    row_b, iso_b = state_row(matrix, b)
    chosen = select_rollcalls(matrix.rollcalls, issue, important=important, start=start, end=end)
    groups, labels = group_index(matrix.rollcalls, by, chosen.mask)
    cols = np.flatnonzero(chosen.mask)
    counts = sim.grouped_dyad_counts(matrix.codes[row_a, cols], matrix.codes[row_b, cols], groups[cols], labels.size)
    values = sim.measures_from_counts(counts)
    keep = values["n"] > 0
    if not keep.any():
        reason = selection.no_joint_reason(matrix, (row_a, row_b), chosen.mask)
        raise NoData(f"{iso_a} and {iso_b} never both took a position on {chosen.label}: {reason}")
    frame = pd.DataFrame({by: labels[keep], "n": values["n"][keep], **{m: values[m][keep] for m in MEASURES}})
    if level is not None:
        bounds: dict[str, list[float]] = {f"{m}_{side}": [] for m in MEASURES for side in ("lo", "hi")}
        for g in np.flatnonzero(keep):
            interval = sim.bootstrap_intervals(counts[:, :, g], level, n_boot, seed=[seed, int(labels[g])])
            for m in MEASURES:
                bounds[f"{m}_lo"].append(interval[m][0])
                bounds[f"{m}_hi"].append(interval[m][1])
        for key, column in bounds.items():
            frame[key] = np.asarray(column, dtype=float)
    return annotate(frame.reset_index(drop=True), states=[iso_a, iso_b], start=start, end=end)


def similarity_by_issue(
    a: str,
    b: str,
    *,
    by: str = "year",
    important: bool = False,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Return A–B vote similarity on each issue slice per year (or session): one :func:`similarity` per code.

    Columns: ``issue``, ``issue_label``, ``year`` (or ``session``), ``n``, ``agreement``, ``coincidence``,
    ``s_score``, ``cohen_kappa``, ``scott_pi``. Issues without a shared roll call in the period are left
    out; NoData when none has one. Source: UNGA votes in the store.
    """
    parts = []
    for issue in selection.ISSUE_CODES:
        try:
            frame = similarity(a, b, issue=issue, by=by, important=important, start=start, end=end)
        except NoData:
            continue
        frame.insert(0, "issue_label", ISSUES[issue])
        frame.insert(0, "issue", issue)
        parts.append(frame)
    if not parts:
        similarity(a, b, issue="all", by=by, important=important, start=start, end=end)  # raises the reason
        raise NoData(f"{a} and {b} share no roll call on any issue slice in that period")
    out = pd.concat(parts, ignore_index=True)
    return annotate(out, states=[countries.resolve(a), countries.resolve(b)], start=start, end=end)


# ---------------------------------------------------------------- one state against all


def _partner_table(matrix, focal_row: int, counts: np.ndarray) -> pd.DataFrame:
    """Return partners with n > 0 (focal excluded) from counts (3, 3, states): iso3, name, n, measures."""
    values = sim.measures_from_counts(counts)
    keep = values["n"] > 0
    keep[focal_row] = False
    iso3 = np.asarray(matrix.states)[keep]
    return pd.DataFrame(
        {
            "iso3": iso3,
            "name": [countries.name_of(code) for code in iso3],
            "n": values["n"][keep],
            **{m: values[m][keep] for m in MEASURES},
        }
    )


@renamed_arguments(positional=1, old_order=("session", "year", "issue", "measure", "important", "min_n"))
def partners(
    focal: str,
    *,
    session: int | None = None,
    year: int | None = None,
    issue: str = "all",
    measure: str = "coincidence",
    important: bool = False,
    min_n: int = selection.DEFAULT_MIN_N,
    level: float | None = selection.DEFAULT_LEVEL,
    n_boot: int = selection.DEFAULT_N_BOOT,
    seed: int = 0,
) -> pd.DataFrame:
    """Return every other state ranked by how similarly it voted with ``focal`` in one session or year.

    The State Department's "voting coincidence with the United States" table for any focal state and
    slice. Give ``session`` or ``year`` (not both); with neither, the latest session with roll calls in
    the slice. Columns: ``rank`` (1 = most similar by ``measure``; ties share a rank; missing where the
    measure is undefined, listed last), ``iso3``, ``name``, ``n``, ``agreement``, ``coincidence``,
    ``s_score``, ``cohen_kappa``, ``scott_pi``; with ``level`` (default 0.95) also ``<measure>_lo`` and
    ``<measure>_hi`` for the ranking measure, a percentile bootstrap over each pair's roll calls in
    common (``n_boot`` resamples, seeded by ``seed`` and the partner, so reproducible). States that
    never voted alongside ``focal`` there are left out. Partners with fewer than ``min_n`` (default
    10) roll calls in common keep their numbers but get no rank and are listed after the ranked ones
    (one vote in common must not top a ranking). ``attrs`` carry the group used (``by``, ``value``).
    Source: UNGA votes in the store.
    """
    issue = check_issue(issue)
    measure = check_measure(measure)
    if session is not None and year is not None:
        raise InputError("give a session or a year, not both")
    year = selection.check_year("year", year)
    if session is not None and (isinstance(session, bool) or int(session) < 1):
        raise InputError(f"session {session} is not a session number: sessions run from 1 (1946)")
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)) or min_n < 0:
        raise InputError(f"min_n must be a whole number, 0 or more, not {min_n!r}", params=("min_n",))
    level = check_level(level)
    n_boot = check_n_boot(n_boot)
    matrix = selection.vote_matrix()
    focal_row, focal_iso = state_row(matrix, focal)
    chosen = select_rollcalls(matrix.rollcalls, issue, important=important)
    rollcalls = matrix.rollcalls
    if session is None and year is None:
        session = int(rollcalls["session"].to_numpy()[chosen.mask].max())
    by, value = ("session", int(session)) if session is not None else ("year", int(year or 0))
    in_group = chosen.mask & (rollcalls[by].to_numpy() == value)
    if not in_group.any():
        have = rollcalls[by].to_numpy()[chosen.mask]
        raise NoData(
            f"no roll calls for {chosen.label} in {by} {value}: {by}s {int(have.min())}–{int(have.max())} have some"
        )
    absent = selection.no_position_reason(matrix, focal_row, in_group)
    if absent is not None:
        raise NoData(f"no partners of {focal_iso} on {chosen.label} in {by} {value}: {absent}")
    cols = np.flatnonzero(in_group)
    onehot = sim.position_onehots(matrix.codes[:, cols])
    counts = sim.pair_counts(onehot[:, focal_row : focal_row + 1], onehot)[:, :, 0, :]
    table = _partner_table(matrix, focal_row, counts)
    if table.empty:
        raise NoData(f"{focal_iso} took no position alongside any other state on {chosen.label} in {by} {value}")
    if level is not None:
        table = _with_intervals(table, counts, matrix, measure, level, n_boot, seed)
    ranked = _ranked(table, measure, min_n)
    assert value is not None  # a session or a year was given or taken as the latest session
    ranked.attrs.update(
        {"by": by, "value": int(value), "issue": issue, "measure": measure, "min_n": min_n, "level": level}
    )
    return annotate(ranked, states=[focal_iso], measure=measure)


def with_map_codes(partners: pd.DataFrame) -> pd.DataFrame:
    """Return ``partners`` with ``iso_numeric`` (for joining world-atlas shapes; empty for historical states)."""
    codes = countries.iso_numeric_codes()
    out = partners.copy()
    out["iso_numeric"] = [codes.get(i, "") for i in out["iso3"]]
    return out


def _with_intervals(
    table: pd.DataFrame, counts: np.ndarray, matrix, measure: str, level: float, n_boot: int, seed: int
) -> pd.DataFrame:
    """Return ``table`` with ``<measure>_lo/_hi`` placed right after ``measure``: a percentile bootstrap
    of each partner's (3, 3) counts with the focal state, seeded by ``seed`` and the partner's row."""
    row_of = {code: i for i, code in enumerate(matrix.states)}
    lo, hi = [], []
    for code in table["iso3"]:
        row = row_of[code]
        interval = sim.bootstrap_intervals(counts[:, :, row], level, n_boot, seed=[seed, row], only=[measure])[measure]
        lo.append(interval[0])
        hi.append(interval[1])
    at = table.columns.get_loc(measure) + 1
    table = table.copy()
    table.insert(at, f"{measure}_lo", np.asarray(lo, dtype=float))
    table.insert(at + 1, f"{measure}_hi", np.asarray(hi, dtype=float))
    return table


def _ranked(table: pd.DataFrame, measure: str, min_n: int = 0) -> pd.DataFrame:
    """Return ``table`` sorted by ``measure`` (highest first; undefined or n < ``min_n`` last, unranked)."""
    rankable = table[measure].where(table["n"] >= min_n)
    table = table.assign(_key=rankable).sort_values(
        ["_key", measure, "iso3"], ascending=[False, False, True], na_position="last"
    )
    rank = table["_key"].rank(method="min", ascending=False)
    table = table.drop(columns="_key")
    table.insert(0, "rank", rank.astype("Int64"))
    return table.reset_index(drop=True)


@renamed_arguments(positional=1, old_order=("issue", "by", "important", "start", "end"))
def partner_history(
    focal: str,
    *,
    issue: str = "all",
    by: str = "session",
    important: bool = False,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Return every partner of ``focal`` in every session (or year) of one slice, as a long frame.

    Columns: ``session`` (or ``year``), ``iso3``, ``n``, ``agreement``, ``coincidence``, ``s_score``,
    ``cohen_kappa``, ``scott_pi``; only partners with n > 0. One ``bincount`` fills every
    (partner, group) table. Source: UNGA votes in the store.
    """
    by = check_by(by)
    matrix = selection.vote_matrix()
    focal_row, focal_iso = state_row(matrix, focal)
    chosen = select_rollcalls(matrix.rollcalls, issue, important=important, start=start, end=end)
    groups, labels = group_index(matrix.rollcalls, by, chosen.mask)
    counts = sim.focal_grouped_counts(matrix.codes, focal_row, groups, labels.size)  # groups −1 off the slice
    values = sim.measures_from_counts(counts)  # each (states, groups)
    keep = values["n"] > 0
    keep[focal_row, :] = False
    state_idx, group_idx = np.nonzero(keep)  # row-major: ordered by state, then group
    order = np.lexsort((state_idx, group_idx))  # by group, then state
    state_idx, group_idx = state_idx[order], group_idx[order]
    history = pd.DataFrame(
        {
            by: labels[group_idx],
            "iso3": np.asarray(matrix.states)[state_idx],
            "n": values["n"][state_idx, group_idx],
            **{m: values[m][state_idx, group_idx] for m in MEASURES},
        }
    )
    return annotate(history, states=[focal_iso], start=start, end=end)


# ---------------------------------------------------------------- every dyad


@renamed_arguments(old_order=("by", "issues", "important", "start", "end"))
def similarity_cube(
    *,
    by: str = "session",
    issues: tuple[str, ...] | list[str] = tuple(ISSUES),
    important: bool = False,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Return every dyad × session (or year) × issue slice with n and the five measures, as a long frame.

    Columns: ``issue`` (categorical), ``session`` (or ``year``), ``a``, ``b`` (ISO3, categorical,
    a < b), ``n`` and the five measures (float32; NaN where undefined). A dyad appears in a group when
    both states took a position on at least one of its roll calls (n can still be 0 if never on the
    same one). Source: UNGA votes in the store.
    """
    by = check_by(by)
    codes_issues = [check_issue(i) for i in issues]
    if not codes_issues:
        raise InputError("give at least one issue slice")
    matrix = selection.vote_matrix()
    rollcalls = matrix.rollcalls
    masks = {}
    for issue in codes_issues:
        try:
            masks[issue] = select_rollcalls(rollcalls, issue, important=important, start=start, end=end).mask
        except NoData:
            if issue == "all":
                raise
            masks[issue] = np.zeros(len(rollcalls), dtype=bool)
    union = np.logical_or.reduce(list(masks.values()))
    if not union.any():
        select_rollcalls(rollcalls, "all", important=important, start=start, end=end)  # raises NoData: the reason
    groups, labels = group_index(rollcalls, by, union)
    states = np.asarray(matrix.states)
    order = np.argsort(states, kind="stable")  # rows in ISO3 order, so a < b alphabetically
    columns = sim.similarity_cube_columns(matrix.codes[order], groups, masks, group_labels=labels.tolist())
    iso3 = pd.Index(states[order])
    frame = {
        "issue": columns.pop("slice"),
        by: columns.pop("group"),
        "a": pd.Categorical.from_codes(columns.pop("a"), categories=iso3),
        "b": pd.Categorical.from_codes(columns.pop("b"), categories=iso3),
        **columns,
    }
    cube = pd.DataFrame(frame, copy=False)  # one block per column: no consolidating copy
    return annotate(cube, start=start, end=end)
