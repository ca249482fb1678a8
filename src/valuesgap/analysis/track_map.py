"""The two-track map: every partner of a focal state in one period, values gap against cooperation.

``track_map(state, start=…, end=…)`` places each partner of ``state`` on two axes, with the same
numbers the two tracks of that dyad use (:mod:`valuesgap.analysis.tracks`), pooled over the period:

- **x = ``values_institutions``**: the institutional values gap — per year the mean |A − B| over the
  value dimensions the dyad has in the period (constant footing: both on the components both have,
  chain-linked; :func:`valuesgap.analysis.values.values_gap`), a year missing one of them left out, then
  the mean over the years;
- **y = ``shared_interests``**: cooperation where interests meet, in one arena — ``assembly`` (default):
  vote agreement on the nuclear and disarmament roll calls (``nu`` or ``di``, counted once) of the
  period; ``council``: vote agreement on the Security Council drafts of the shared-interest topic groups
  both voted on; ``events``: the cooperation share of all events between the two (both directions,
  one event source);
- colour ``values_votes``: vote agreement on the human-rights roll calls (``hr``) of the period;
- size ``shared_interests_n``: roll calls (drafts, events) in common in the arena.

Every state that took a position on a UNGA roll call in the period is listed; the ones that cannot be
placed — fewer than ``min_n`` in common in the arena, no data in the arena, no value-dimension data
measuring both — keep a row with the reason in ``left_out``. ``compare=(from, to)`` adds the same
numbers for an earlier (or later) period, for arrows from there to here.

Everything is computed for all partners at once: one one-hot matrix product per slice
(:func:`valuesgap.measures.similarity.pair_counts`) and the chain-linked gaps of all partners in one
array pass (:mod:`valuesgap.measures.track_map`) on every state's components read once
(:mod:`valuesgap.analysis.value_panel`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.analysis import selection
from valuesgap.analysis.meta import annotate
from valuesgap.errors import InputError, NoData
from valuesgap.measures import similarity as sim
from valuesgap.measures import track_map as measures

ARENAS = ("assembly", "council", "events")
SHARED_ISSUES = ("nu", "di")
VALUES_ISSUES = ("hr",)
#: Length of the default period (the latest years of the vote data) when neither start nor end is given.
DEFAULT_YEARS = 4

ARENA_LABELS = {
    "assembly": "General Assembly: vote agreement on nuclear and disarmament roll calls",
    "council": "Security Council: vote agreement on the shared-interest topic groups' drafts",
    "events": "Events: cooperation share of all events between the two (both directions)",
}
ARENA_UNITS = {"assembly": "roll calls", "council": "drafts", "events": "events"}

COLUMNS = [
    "iso3",
    "name",
    "values_institutions",
    "shared_interests",
    "shared_interests_n",
    "values_votes",
    "values_votes_n",
    "values_years",
    "values_dimensions",
    "left_out",
]


@dataclass(frozen=True)
class ArenaValues:
    """y and n of one arena for the states in ``states`` (NaN / 0 where none), why a state has n = 0
    (``none``) and what the arena's numbers rest on (``note``)."""

    states: np.ndarray
    value: np.ndarray
    n: np.ndarray
    none: str
    note: str


# ---------------------------------------------------------------- arguments


def _span(start: int, end: int) -> str:
    """Return '2009–2012', or '2010' for a single year."""
    return str(start) if start == end else f"{start}–{end}"


def parse_period(value: object, name: str = "compare") -> tuple[int, int] | None:
    """Return (start, end) from ``"2006-2008"``, ``"2006–08"`` or a pair of years; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        hit = re.fullmatch(r"\s*(\d{4})\s*[-–—:]\s*(\d{2}|\d{4})\s*", value)
        if not hit:
            raise InputError(f"{name} must be a period FROM-TO such as 2006-2008, got {value!r}", params=(name,))
        first, last = hit.group(1), hit.group(2)
        pair: tuple[object, object] = (int(first), int(first[:2] + last) if len(last) == 2 else int(last))
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        pair = (value[0], value[1])
    else:
        raise InputError(f"{name} must be a period FROM-TO such as 2006-2008, got {value!r}", params=(name,))
    start = selection.check_year(name, pair[0])
    end = selection.check_year(name, pair[1])
    assert start is not None and end is not None
    if start > end:
        raise InputError(f"{name} {_span(start, end)} runs backwards: give FROM-TO with FROM first", params=(name,))
    return start, end


def check_arena(arena: str) -> str:
    """Return the arena name; InputError naming the three."""
    key = str(arena).strip().lower()
    if key not in ARENAS:
        raise InputError(f"unknown arena {arena!r}: use one of {', '.join(ARENAS)}", params=("arena",))
    return key


def _check_min_n(min_n: object) -> int:
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise InputError(f"min_n must be a whole number, 1 or more, not {min_n!r}", params=("min_n",))
    return int(min_n)


def _period(start: int | None, end: int | None, years: np.ndarray) -> tuple[int, int]:
    """Return the period asked for; a missing bound from the vote data (the latest DEFAULT_YEARS years)."""
    start, end = selection.check_period(start, end)
    last = int(years.max())
    if end is None:
        end = last if start is None else max(last, start)
    if start is None:
        start = end - DEFAULT_YEARS + 1
    return start, end


# ---------------------------------------------------------------- the axes


def _vote_agreement(matrix, focal_row: int, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (agreement, n) of the focal row against every state on the roll calls in ``mask``."""
    onehot = sim.position_onehots(matrix.codes[:, mask])
    counts = sim.pair_counts(onehot[:, focal_row : focal_row + 1], onehot)[:, :, 0, :]
    values = sim.measures_from_counts(counts)
    return values["agreement"], values["n"].astype(np.int64)


def _assembly(matrix, focal_row: int, start: int, end: int) -> ArenaValues:
    """Agreement on the shared-interest roll calls of the period, every state against the focal one."""
    chosen = selection.select_rollcalls(matrix.rollcalls, SHARED_ISSUES, start=start, end=end)
    value, n = _vote_agreement(matrix, focal_row, chosen.mask)
    return ArenaValues(
        np.asarray(matrix.states),
        value,
        n,
        f"no nuclear or disarmament roll call in common in {_span(start, end)}",
        f"{int(chosen.mask.sum())} roll calls coded nu or di in {_span(start, end)}",
    )


def _council(focal: countries.Country, start: int, end: int) -> ArenaValues:
    """Agreement on the Council drafts of the shared-interest topic groups, every member against the focal one."""
    from valuesgap.analysis import council, council_topics

    arrays = council.council_arrays()
    first, last = council.coverage(arrays)
    s, e = council.check_period(start, end, first, last, "the Security Council data (UN DPPA) cover")
    mapping = council_topics.load(None)
    _, chosen = council_topics.select("shared", mapping)
    group_of, _ = council._groups(arrays, mapping)
    years = arrays.drafts["year"].to_numpy()
    mask = (years >= s) & (years <= e) & np.isin(group_of, chosen)
    row = arrays.row(focal.iso3)
    if row is None or not (arrays.codes[row, mask] > 0).any():
        raise NoData(
            f"{focal.name} voted on no Security Council draft of the shared-interest groups in {_span(s, e)} "
            f"(on the Council: {council.spans(council.years_on_council(focal.iso3, arrays))}): "
            "use arena='assembly' or 'events'"
        )
    onehot = sim.position_onehots(arrays.codes[:, mask])
    counts = sim.pair_counts(onehot[:, row : row + 1], onehot)[:, :, 0, :]
    values = sim.measures_from_counts(counts)
    clipped = "" if (s, e) == (start, end) else f" (the Council data cover {first}–{last})"
    return ArenaValues(
        np.asarray(arrays.states),
        values["agreement"],
        values["n"].astype(np.int64),
        f"not on the Security Council with {focal.name} in {_span(s, e)} (no shared-interest draft both voted on)",
        f"{int(mask.sum())} drafts of the shared-interest groups in {_span(s, e)}{clipped}",
    )


def _events(focal: countries.Country, start: int, end: int) -> ArenaValues:
    """Cooperation share of the events between the focal state and every other, both directions pooled."""
    from valuesgap import store
    from valuesgap.analysis import council, event_arena

    cov = event_arena.coverage()
    first, last = int(cov["first"].min()), int(cov["last"].max())
    s, e = council.check_period(start, end, first, last, "the event data cover")
    overlap = [(min(e, int(r.last)) - max(s, int(r.first)), str(r.source)) for r in cov.itertuples()]
    source = max(overlap, key=lambda t: t[0])[1]  # the source covering most of the period (first on a tie)
    quads = event_arena.QUADS
    got = store.query(
        "SELECT CASE WHEN sender = ? THEN target ELSE sender END AS partner, "
        + ", ".join(f"sum({q}) AS {q}" for q in quads)
        + " FROM event_dyads WHERE (sender = ? OR target = ?) AND sender <> target AND year BETWEEN ? AND ? "
        "AND source = ? GROUP BY 1",
        [focal.iso3, focal.iso3, focal.iso3, s, e, source],
    )
    label = event_arena.SOURCE_LABELS.get(source, source)
    if got.empty:
        raise NoData(f"no events involving {focal.name} in {_span(s, e)} ({source}): use arena='assembly'")
    from valuesgap.measures import event_shares

    shares = event_shares.shares_of(got[quads].to_numpy(np.int64))
    clipped = "" if (s, e) == (start, end) else f" (the event data cover {first}–{last})"
    return ArenaValues(
        got["partner"].to_numpy(dtype=object),
        shares["coop_share"],
        shares["n"].astype(np.int64),
        f"no events between them in {_span(s, e)} ({label})",
        f"{label}, {_span(s, e)}{clipped}",
    )


def _institutions(
    focal: str, partners: np.ndarray, start: int, end: int, definitions
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return per partner the values-gap columns and, for partners without a value, the reason."""
    from valuesgap.analysis.value_panel import value_panel

    panel = value_panel(definitions)
    frame = pd.DataFrame({"iso3": partners})
    frame["values_institutions"] = np.nan
    frame["values_years"] = 0
    frame["values_dimensions"] = 0
    for dim in panel.dimensions:
        frame[f"gap_{dim}"] = np.nan
    row = panel.row(focal)
    period = panel.columns(start, end)
    name = countries.name_of(focal)
    span = _span(start, end)
    if row is None or not period.any():
        reason = f"no value-dimension data for {name} in {span}"
        return frame, {str(p): reason for p in partners}
    gaps = np.stack([measures.pair_gaps(panel.values[d][row], panel.values[d])[:, period] for d in panel.dimensions])
    x, n_years, n_dims = measures.mean_abs_gap(gaps)
    with np.errstate(invalid="ignore"):
        signed = np.where(np.isnan(gaps), 0.0, gaps).sum(axis=2) / (~np.isnan(gaps)).sum(axis=2)
    own = np.asarray(
        np.array([~np.isnan(panel.values[d][:, :, period]).all(axis=(1, 2)) for d in panel.dimensions]).any(axis=0)
    )
    focal_has = bool(own[row])
    at = pd.Index(panel.states).get_indexer(partners)
    ok = at >= 0
    frame.loc[ok, "values_institutions"] = x[at[ok]]
    frame.loc[ok, "values_years"] = n_years[at[ok]]
    frame.loc[ok, "values_dimensions"] = n_dims[at[ok]]
    for k, dim in enumerate(panel.dimensions):
        frame.loc[ok, f"gap_{dim}"] = signed[k, at[ok]]
    reasons: dict[str, str] = {}
    for iso3, idx in zip(partners, at):
        if idx >= 0 and not np.isnan(x[idx]):
            continue
        if not focal_has:
            reasons[str(iso3)] = f"no value-dimension data for {name} in {span}"
        elif idx < 0 or not own[idx]:
            reasons[str(iso3)] = f"no value-dimension data for {countries.name_of(str(iso3))} in {span}"
        elif n_dims[idx] == 0:
            reasons[str(iso3)] = f"no indicator measures both {name} and {countries.name_of(str(iso3))} in {span}"
        else:
            reasons[str(iso3)] = f"no year of {span} has all {int(n_dims[idx])} value dimensions for both"
    return frame, reasons


# ---------------------------------------------------------------- one period


def _one_period(
    focal: countries.Country, start: int, end: int, arena: str, min_n: int, definitions
) -> tuple[pd.DataFrame, dict]:
    """Return the map's rows for one period (every UN member of the period but the focal state) and notes."""
    matrix = selection.vote_matrix()
    focal_row, _ = selection.state_row(matrix, focal.iso3)
    in_period = selection.select_rollcalls(matrix.rollcalls, "all", start=start, end=end).mask
    absent = selection.no_position_reason(matrix, focal_row, in_period)
    if absent is not None:
        raise NoData(f"no partners of {focal.name} in {_span(start, end)}: {absent}")
    states = np.asarray(matrix.states)
    took_position = np.asarray(np.isin(matrix.codes[:, in_period], selection.POSITION_CODES).any(axis=1))
    took_position[focal_row] = False
    partners = states[took_position]

    if arena == "assembly":
        got = _assembly(matrix, focal_row, start, end)
    elif arena == "council":
        got = _council(focal, start, end)
    else:
        got = _events(focal, start, end)
    arena_at = pd.Index(got.states).get_indexer(partners)
    has_arena = arena_at >= 0
    y = np.where(has_arena, got.value[np.clip(arena_at, 0, None)], np.nan)
    n = np.where(has_arena, got.n[np.clip(arena_at, 0, None)], 0)

    try:
        hr_mask = selection.select_rollcalls(matrix.rollcalls, VALUES_ISSUES, start=start, end=end).mask
        hr, hr_n = _vote_agreement(matrix, focal_row, hr_mask)
        hr, hr_n = hr[took_position], hr_n[took_position]
        hr_note = f"{int(hr_mask.sum())} roll calls coded hr in {_span(start, end)}"
    except NoData as exc:
        hr, hr_n = np.full(partners.size, np.nan), np.zeros(partners.size, dtype=np.int64)
        hr_note = f"human-rights votes: {exc}"

    inst, value_reasons = _institutions(focal.iso3, partners, start, end, definitions)
    frame = inst.assign(
        name=[countries.name_of(str(p)) for p in partners],
        shared_interests=y,
        shared_interests_n=n.astype(np.int64),
        values_votes=hr,
        values_votes_n=np.asarray(hr_n, dtype=np.int64),
    )
    unit = ARENA_UNITS[arena]
    reasons = []
    for iso3, count, value in zip(partners, frame["shared_interests_n"], frame["shared_interests"]):
        why = []
        if count == 0:
            why.append(got.none)
        elif count < min_n:
            what = unit if count > 1 else unit[:-1]
            why.append(f"{int(count)} {what} in common, fewer than min_n {min_n}")
        elif np.isnan(value):
            why.append(f"no {arena} value")
        if str(iso3) in value_reasons:
            why.append(value_reasons[str(iso3)])
        reasons.append("; ".join(why))
    frame["left_out"] = reasons
    dims = [c for c in frame.columns if c.startswith("gap_")]
    frame = frame[[*COLUMNS[:-1], *dims, "left_out"]]
    notes = {"arena": got.note, "values_votes": hr_note}
    return frame, notes


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the placed partners first (by name), then the left-out ones (by name)."""
    key = frame["left_out"].ne("")
    return frame.assign(_k=key).sort_values(["_k", "name"], kind="stable").drop(columns="_k").reset_index(drop=True)


def track_map(
    state: str,
    *,
    start: int | None = None,
    end: int | None = None,
    compare: str | tuple[int, int] | list[int] | None = None,
    arena: str = "assembly",
    min_n: int = selection.DEFAULT_MIN_N,
    definitions=None,
) -> pd.DataFrame:
    """Return the two-track map of ``state``: one row per partner (every state that took a position on a
    UNGA roll call in start…end), placed partners first.

    Columns: ``iso3, name``; ``values_institutions`` (x: mean over the period's years of the mean
    |gap| over the value dimensions, 0–1, the tracks' institutional gap), ``shared_interests`` (y:
    cooperation in ``arena`` — vote agreement on nu+di roll calls (assembly), on the shared-interest
    Council drafts (council), or the cooperation share of events (events) — pooled over the period),
    ``shared_interests_n`` (roll calls / drafts / events in common: the point's size),
    ``values_votes`` (colour: agreement on hr roll calls), ``values_votes_n``, ``values_years`` and
    ``values_dimensions`` (years and dimensions x rests on), ``gap_<dimension>`` (mean signed gap,
    focal − partner; positive: the focal state scores higher), ``left_out`` (why a partner is not on the
    map, '' when it is: fewer than ``min_n`` in common, no data in the arena, no value-dimension data
    measuring both). With ``compare`` (a period, "2006-2008" or (2006, 2008)): the same columns for that
    period prefixed ``from_`` (``from_values_institutions``, ``from_shared_interests``, … ,
    ``from_left_out``) for arrows from there to start…end; partners of either period are listed.
    Without ``start``/``end``: the latest four years of the vote data. ``attrs``: arena, arena_label,
    min_n, compare, notes. Sources: UNGA votes, the store's indicators (and Council drafts or events).
    """
    focal = countries.resolve(state)
    arena = check_arena(arena)
    min_n = _check_min_n(min_n)
    matrix = selection.vote_matrix()
    selection.state_row(matrix, focal.iso3)
    start, end = _period(start, end, matrix.rollcalls["year"].to_numpy())
    other = parse_period(compare)
    frame, notes = _one_period(focal, start, end, arena, min_n, definitions)
    out = _ordered(frame)
    all_notes = {f"{k}": v for k, v in notes.items()}
    if other is not None:
        before, before_notes = _one_period(focal, other[0], other[1], arena, min_n, definitions)
        before = before.drop(columns="name").rename(columns=lambda c: c if c == "iso3" else f"from_{c}")
        out = out.merge(before, on="iso3", how="outer")
        missing = out["name"].isna()
        out.loc[missing, "name"] = [countries.name_of(str(i)) for i in out.loc[missing, "iso3"]]
        out.loc[missing, "left_out"] = f"not a UN member voting in {_span(start, end)}"
        out.loc[out["from_left_out"].isna(), "from_left_out"] = f"not a UN member voting in {_span(*other)}"
        for col in ("shared_interests_n", "values_votes_n", "values_years", "values_dimensions"):
            for c in (col, f"from_{col}"):
                out[c] = out[c].fillna(0).astype(np.int64)
        out = _ordered(out)
        all_notes.update({f"from_{k}": v for k, v in before_notes.items()})
    out.attrs.update(
        {
            "arena": arena,
            "arena_label": ARENA_LABELS[arena],
            "min_n": min_n,
            "compare": list(other) if other else None,
            "notes": all_notes,
        }
    )
    return annotate(
        out, states=[focal], start=start, end=end, measure="agreement" if arena != "events" else "cooperation share"
    )


def partner_code(partner: str | None) -> str | None:
    """Return the ISO3 code of ``partner`` (a name or code, e.g. a partner to ring on the chart); None stays None."""
    return None if partner is None or not str(partner).strip() else countries.resolve(partner).iso3


__all__ = ["ARENAS", "ARENA_LABELS", "ARENA_UNITS", "check_arena", "parse_period", "partner_code", "track_map"]
