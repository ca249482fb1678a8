"""The Security Council arena: how two states vote, sponsor and veto on Council drafts, 1994–2025.

``council(a, b)`` gives per year (or for the whole period) and topic group: the drafts both voted on
(n), their vote agreement with the Assembly's formula (yes 1, abstain ½, no 0; a veto is a No), the
drafts both co-sponsored, and the drafts one sponsored or voted for and the other vetoed.
``vetoes(by=…, against=…)`` lists vetoes since 1946 with the vetoed drafts' sponsors.

Elected members vote only in their Council years, so n counts only the years both sat on the Council;
the columns ``a_on_council`` and ``b_on_council`` say which years those were. Sources: the store's
``council_drafts``, ``council_votes``, ``council_sponsors`` and ``vetoes`` (UN DPPA voting data; the Dag
Hammarskjöld Library's veto list before 1994), topic groups from ``facts/council_topics.toml``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.analysis import council_topics, selection
from valuesgap.errors import DataMissing, InputError, NoData
from valuesgap.measures import council as measures

GROUPINGS = ("year", "period")
PERMANENT = ("CHN", "FRA", "GBR", "RUS", "USA")
SPONSORS_FROM = 1994  # the first year of the DPPA drafts, which carry sponsors


@dataclass(frozen=True)
class CouncilArrays:
    """Valid Council drafts as arrays: states (ISO3), drafts (frame), codes (int8, 0 = did not vote),
    sponsor and veto flags (bool), all states × drafts in ``drafts`` order."""

    states: np.ndarray
    drafts: pd.DataFrame
    codes: np.ndarray
    sponsor: np.ndarray
    veto: np.ndarray

    def row(self, iso3: str) -> int | None:
        hit = np.flatnonzero(self.states == iso3)
        return int(hit[0]) if hit.size else None


_lock = threading.Lock()
_cache: dict[str, CouncilArrays] = {}


def council_arrays() -> CouncilArrays:
    """Return the store's Council drafts as arrays (cached per process and data version)."""
    from valuesgap import store

    version = store.data_version()
    with _lock:
        if version not in _cache:
            _cache.clear()
            _cache[version] = _load(store)
        return _cache[version]


def _load(store) -> CouncilArrays:
    found = store.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'council_drafts'")
    if int(found["n"].iloc[0]) == 0:
        raise DataMissing(
            "the store has no Security Council data (the source files are not installed): place them in the mirror "
            "and rebuild with 'valuesgap data build'"
        )
    drafts = store.query(
        "SELECT draft_id, symbol, resolution, year, date, agenda_item, region, topic, outcome, adopted, "
        "contested, presidential, n_yes, n_no, n_abstain, vetoed_by FROM council_drafts ORDER BY draft_id"
    )
    votes = store.query("SELECT draft_id, iso3, code, veto FROM council_votes")
    sponsors = store.query("SELECT draft_id, iso3 FROM council_sponsors")
    states = np.array(sorted(set(votes["iso3"]) | set(sponsors["iso3"])), dtype=object)
    index = pd.Index(states)
    cols = pd.Index(drafts["draft_id"])
    codes = np.zeros((len(states), len(drafts)), dtype=np.int8)
    codes[index.get_indexer(votes["iso3"]), cols.get_indexer(votes["draft_id"])] = votes["code"].to_numpy(np.int8)
    veto = np.zeros(codes.shape, dtype=bool)
    v = votes.loc[votes["veto"].astype(bool)]
    veto[index.get_indexer(v["iso3"]), cols.get_indexer(v["draft_id"])] = True
    sponsor = np.zeros(codes.shape, dtype=bool)
    sponsor[index.get_indexer(sponsors["iso3"]), cols.get_indexer(sponsors["draft_id"])] = True
    return CouncilArrays(states, drafts, codes, sponsor, veto)


# ---------------------------------------------------------------- checks


def coverage(arrays: CouncilArrays | None = None) -> tuple[int, int]:
    """Return the first and last year of the Council drafts in the store."""
    arrays = arrays or council_arrays()
    years = arrays.drafts["year"]
    return int(years.min()), int(years.max())


def check_period(start: object, end: object, first: int, last: int, what: str) -> tuple[int, int]:
    """Return (start, end) clipped to the coverage first…last; InputError if not years, reversed
    (:func:`valuesgap.analysis.selection.check_period`) or wholly outside the coverage."""
    start, end = selection.check_period(start, end)
    s = first if start is None else start
    e = last if end is None else end
    if s > last or e < first:
        asked = (
            f"{start}–{end}"
            if start is not None and end is not None
            else (f"from {start}" if start is not None else f"to {end}")
        )
        raise InputError(f"{what} {first}–{last}; the period {asked} lies outside", params=("start", "end"))
    return max(s, first), min(e, last)


def _check_by(by: str) -> str:
    key = str(by).strip().lower()
    if key not in GROUPINGS:
        raise InputError(f"unknown grouping {by!r}: use 'year' or 'period'")
    return key


def years_on_council(iso3: str, arrays: CouncilArrays | None = None) -> list[int]:
    """Return the years in which ``iso3`` voted on at least one valid Council draft."""
    arrays = arrays or council_arrays()
    row = arrays.row(iso3)
    if row is None:
        return []
    voted = arrays.codes[row] > 0
    return sorted({int(y) for y in arrays.drafts["year"].to_numpy()[voted]})


def spans(years: list[int]) -> str:
    """Return '2009–2010, 2023–2024' for a sorted list of years."""
    if not years:
        return "never"
    parts, begin, prev = [], years[0], years[0]
    for y in [*years[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        parts.append(f"{begin}" if begin == prev else f"{begin}–{prev}")
        if y is not None:
            begin = prev = y
    return ", ".join(parts)


def _state(x: str, arrays: CouncilArrays) -> countries.Country:
    """Return the resolved state; InputError if it never sat on the Council in the data's years."""
    c = countries.resolve(x)
    first, last = coverage(arrays)
    if not years_on_council(c.iso3, arrays):
        raise InputError(
            f"{c.name} never sat on the Security Council in {first}–{last}: the Council arena compares members' "
            "votes; choose a state that did (the five permanent members sat every year)"
        )
    return c


# ---------------------------------------------------------------- the dyad table


def _groups(arrays: CouncilArrays, topics: council_topics.TopicMap) -> tuple[np.ndarray, list[str]]:
    """Return each draft's topic group name and the unmapped source topics."""
    assigned, unmapped = council_topics.assign(arrays.drafts, topics)
    return assigned.to_numpy(dtype=object), unmapped


def council(
    a: str,
    b: str,
    *,
    by: str = "year",
    topic: str | None = None,
    contested: bool = False,
    start: int | None = None,
    end: int | None = None,
    topics: str | Path | None = None,
) -> pd.DataFrame:
    """Return the Council arena of ``a`` and ``b``: one row per year (``by='year'``) or one for the whole
    period (``by='period'``) and topic group.

    ``topic``: None/'all' (every group and their total), a kind ('shared', 'contested', 'regional',
    'thematic': its groups and their total) or one group; ``contested=True`` keeps only drafts not
    adopted unanimously (a No or an abstention, or not adopted); ``topics``: a mapping file of your own.
    Columns: ``year`` (NULL for by='period'), ``group``, ``label``, ``kind`` (the total row's kind is
    'total'), ``drafts`` (drafts in the selection that year), ``n`` (drafts both voted on), ``agreement``
    (1 − mean |x − y|, NaN where n = 0), ``s_score``, ``both_yes``, ``cosponsored``, ``a_for_b_vetoed``
    (drafts a sponsored or voted for and b vetoed), ``b_for_a_vetoed``, ``a_on_council``, ``b_on_council``
    (by='year': whether each voted on any Council draft that year). ``attrs``: a_iso3, b_iso3, a_name,
    b_name, start, end, by, topic, contested, years_a, years_b (Council years), unmapped, missing.
    """
    by = _check_by(by)
    arrays = council_arrays()
    first, last = coverage(arrays)
    start, end = check_period(start, end, first, last, "the Security Council data (UN DPPA) cover")
    ca, cb = _state(a, arrays), _state(b, arrays)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    mapping = council_topics.load(topics)
    selection, chosen = council_topics.select(topic, mapping)
    group_of, unmapped = _groups(arrays, mapping)
    years_all = arrays.drafts["year"].to_numpy()
    in_scope = (years_all >= start) & (years_all <= end) & np.isin(group_of, chosen)
    if contested:
        in_scope &= arrays.drafts["contested"].to_numpy(dtype=bool)
    ra, rb = arrays.row(ca.iso3), arrays.row(cb.iso3)
    assert ra is not None and rb is not None
    years = np.arange(start, end + 1) if by == "year" else np.array([start])
    labels = list(chosen) + ([selection] if len(chosen) > 1 else [])
    # group index = label index × years + year index; the total row adds every chosen group's drafts
    n_labels, n_years = len(labels), len(years)
    year_idx = (years_all - start) if by == "year" else np.zeros_like(years_all)
    label_pos = {g: i for i, g in enumerate(labels)}
    group_idx = np.array([label_pos.get(g, -1) for g in group_of])
    frames = []
    passes = [(group_idx, in_scope)]
    if len(chosen) > 1:
        passes.append((np.full_like(group_idx, n_labels - 1), in_scope))
    counts = np.zeros((3, 3, n_labels * n_years), dtype=np.int64)
    totals = {k: np.zeros(n_labels * n_years, dtype=np.int64) for k in ("drafts", "cosp", "ab", "ba", "both_yes")}
    for gidx, mask in passes:
        flat = np.where(mask & (gidx >= 0), gidx * n_years + year_idx, -1)
        n_groups = n_labels * n_years
        counts += measures.dyad_counts(arrays.codes[ra], arrays.codes[rb], flat, n_groups)
        totals["drafts"] += measures.count_per_group(np.ones(flat.size, bool), flat, n_groups)
        totals["cosp"] += measures.cosponsored(arrays.sponsor[ra], arrays.sponsor[rb], flat, n_groups)
        totals["ab"] += measures.supported_vetoed(arrays.codes[ra], arrays.sponsor[ra], arrays.veto[rb], flat, n_groups)
        totals["ba"] += measures.supported_vetoed(arrays.codes[rb], arrays.sponsor[rb], arrays.veto[ra], flat, n_groups)
    values = measures.agreement(counts)
    for li, label in enumerate(labels):
        sl = slice(li * n_years, (li + 1) * n_years)
        kind = "total" if (label == selection and len(chosen) > 1) else mapping.kind_of(label)
        name = {"all": "All drafts", **{k: f"All {k} groups" for k in council_topics.KINDS}}.get(label)
        frames.append(
            pd.DataFrame(
                {
                    "year": years if by == "year" else pd.NA,
                    "group": label,
                    "label": name if kind == "total" else mapping.label_of(label),
                    "kind": kind,
                    "drafts": totals["drafts"][sl],
                    "n": values["n"][sl],
                    "agreement": values["agreement"][sl],
                    "s_score": values["s_score"][sl],
                    "both_yes": counts[0, 0, sl],
                    "cosponsored": totals["cosp"][sl],
                    "a_for_b_vetoed": totals["ab"][sl],
                    "b_for_a_vetoed": totals["ba"][sl],
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    years_a, years_b = years_on_council(ca.iso3, arrays), years_on_council(cb.iso3, arrays)
    if by == "year":
        out["a_on_council"] = out["year"].isin(years_a)
        out["b_on_council"] = out["year"].isin(years_b)
        out["year"] = out["year"].astype("Int64")
    else:
        out["year"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["a_on_council"] = any(start <= y <= end for y in years_a)
        out["b_on_council"] = any(start <= y <= end for y in years_b)
    joint = sorted(set(years_a) & set(years_b) & set(range(start, end + 1)))
    if not joint:
        raise NoData(
            f"{ca.name} and {cb.name} never sat on the Security Council together in {start}–{end} "
            f"({ca.name}: {spans(years_a)}; {cb.name}: {spans(years_b)})"
        )
    missing = []
    apart = [y for y in range(start, end + 1) if y not in joint]
    if by == "year" and apart:
        missing.append(f"not both on the Council (no votes to compare) in {spans(apart)}")
    if int(out["n"].sum()) == 0:
        what = f"{'contested ' if contested else ''}drafts on {selection}"
        raise NoData(
            f"no {what} in {start}–{end} that both {ca.name} and {cb.name} voted on (together on the Council: {spans(joint)})"
        )
    out.attrs.update(
        {
            "a_iso3": ca.iso3,
            "b_iso3": cb.iso3,
            "a_name": ca.name,
            "b_name": cb.name,
            "start": start,
            "end": end,
            "by": by,
            "topic": selection,
            "contested": bool(contested),
            "years_a": years_a,
            "years_b": years_b,
            "unmapped": unmapped,
            "missing": missing,
            "source": "UN DPPA Security Council voting data, 1994–2025",
        }
    )
    return out


def drafts_of(
    a: str,
    b: str,
    *,
    topic: str | None = None,
    start: int | None = None,
    end: int | None = None,
    topics: str | Path | None = None,
) -> pd.DataFrame:
    """Return the drafts behind :func:`council`: one row per draft in the selection that either state voted
    on or sponsored. Columns: draft_id, symbol, resolution, year, date, group, outcome, contested,
    a_vote, b_vote (yes/abstain/no, NULL if not voting), a_sponsor, b_sponsor, a_veto, b_veto, agenda_item."""
    arrays = council_arrays()
    first, last = coverage(arrays)
    start, end = check_period(start, end, first, last, "the Security Council data (UN DPPA) cover")
    ca, cb = _state(a, arrays), _state(b, arrays)
    mapping = council_topics.load(topics)
    _, chosen = council_topics.select(topic, mapping)
    group_of, _ = _groups(arrays, mapping)
    ra, rb = arrays.row(ca.iso3), arrays.row(cb.iso3)
    years = arrays.drafts["year"].to_numpy()
    touched = (arrays.codes[ra] > 0) | (arrays.codes[rb] > 0) | arrays.sponsor[ra] | arrays.sponsor[rb]
    mask = touched & (years >= start) & (years <= end) & np.isin(group_of, chosen)
    names = {0: None, 1: "yes", 2: "abstain", 3: "no"}
    d = arrays.drafts.loc[
        mask, ["draft_id", "symbol", "resolution", "year", "date", "outcome", "contested", "agenda_item"]
    ]
    out = d.assign(
        group=group_of[mask],
        a_vote=[names[int(c)] for c in arrays.codes[ra, mask]],
        b_vote=[names[int(c)] for c in arrays.codes[rb, mask]],
        a_sponsor=arrays.sponsor[ra, mask],
        b_sponsor=arrays.sponsor[rb, mask],
        a_veto=arrays.veto[ra, mask],
        b_veto=arrays.veto[rb, mask],
    )
    out = out.reset_index(drop=True)
    out.attrs.update(
        {"a_iso3": ca.iso3, "b_iso3": cb.iso3, "a_name": ca.name, "b_name": cb.name, "start": start, "end": end}
    )
    return out


def sponsored_drafts() -> np.ndarray:
    """Return the draft ids whose sponsors the data record (the DPPA file lists them for part of the drafts)."""
    arrays = council_arrays()
    return arrays.drafts["draft_id"].to_numpy()[arrays.sponsor.any(axis=0)]


# ---------------------------------------------------------------- all dyads (benchmark, cube)


def council_all(
    *, contested: bool = False, start: int | None = None, end: int | None = None, topics: str | Path | None = None
) -> pd.DataFrame:
    """Return n and agreement for every dyad of states that voted together, per year and topic group
    (cells with n > 0 only). Columns: year, group, a_iso3, b_iso3, n, agreement."""
    arrays = council_arrays()
    first, last = coverage(arrays)
    start, end = check_period(start, end, first, last, "the Security Council data (UN DPPA) cover")
    mapping = council_topics.load(topics)
    group_of, _ = _groups(arrays, mapping)
    names = list(mapping.groups)
    gpos = {g: i for i, g in enumerate(names)}
    gidx = np.array([gpos[g] for g in group_of])
    years = arrays.drafts["year"].to_numpy()
    keep_draft = np.ones(len(years), bool) if not contested else arrays.drafts["contested"].to_numpy(bool)
    frames = []
    for year in range(start, end + 1):
        cols = np.flatnonzero((years == year) & keep_draft)
        if cols.size == 0:
            continue
        voters = np.flatnonzero((arrays.codes[:, cols] > 0).any(axis=1))
        counts = measures.all_dyad_counts(arrays.codes[np.ix_(voters, cols)], gidx[cols], len(names))
        values = measures.agreement(counts)
        ia, ib, g = np.nonzero(values["n"] > 0)
        upper = ia < ib
        ia, ib, g = ia[upper], ib[upper], g[upper]
        frames.append(
            pd.DataFrame(
                {
                    "year": year,
                    "group": np.asarray(names, dtype=object)[g],
                    "a_iso3": arrays.states[voters[ia]],
                    "b_iso3": arrays.states[voters[ib]],
                    "n": values["n"][ia, ib, g],
                    "agreement": values["agreement"][ia, ib, g],
                }
            )
        )
    if not frames:
        raise NoData(f"no Council drafts in {start}–{end}")
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------- vetoes


def vetoes(
    *, by: str | None = None, against: str | None = None, start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Return vetoes since 1946, one row per vetoing member and draft, newest last.

    ``by``: the vetoing member (a permanent member); ``against``: a state that sponsored the vetoed draft
    (sponsors are known from 1994 only). Columns: year, date, symbol, vetoer (ISO3), vetoer_name,
    agenda_item, topic, sponsors (ISO3s, comma-separated; NULL before 1994), source ('dppa'/'veto_list').
    ``attrs``: by, against, start, end, first, last, missing.
    """
    from valuesgap import store

    table = store.query(
        "SELECT v.year, v.date, v.symbol, v.iso3 AS vetoer, v.agenda_item, v.topic, v.source, "
        "string_agg(s.iso3, ',' ORDER BY s.iso3) AS sponsors "
        "FROM vetoes v LEFT JOIN council_sponsors s ON s.draft_id = v.draft_id "
        "GROUP BY ALL ORDER BY v.date, v.symbol, v.iso3"
    )
    first, last = int(table["year"].min()), coverage()[1]
    start, end = check_period(start, end, first, last, "the veto records (the veto list, then UN DPPA drafts) cover")
    missing = []
    sel = table["year"].between(start, end)
    if by is not None:
        c = countries.resolve(by)
        if c.iso3 not in PERMANENT:
            raise InputError(
                f"{c.name} is not a permanent member of the Security Council: only China, France, Russia, the United Kingdom and the United States can veto"
            )
        sel &= table["vetoer"] == c.iso3
        by = c.iso3
    if against is not None:
        c = countries.resolve(against)
        sponsors = table["sponsors"].fillna("")
        sel &= sponsors.str.split(",").map(lambda s: c.iso3 in s)
        if end < SPONSORS_FROM:
            raise InputError(
                f"sponsors of vetoed drafts are known from {SPONSORS_FROM} (UN DPPA data): vetoes in {start}–{end} cannot "
                f"be matched to {c.name}: ask for years from {SPONSORS_FROM} on, or list the vetoes without a sponsor",
                params=("against", "start", "end"),
            )
        if start < SPONSORS_FROM:
            missing.append(
                f"sponsors are known from {SPONSORS_FROM} (UN DPPA data): earlier vetoes cannot be matched to a sponsor"
            )
        against = c.iso3
    out = table.loc[sel].reset_index(drop=True)
    out["date"] = pd.to_datetime(out["date"]).dt.date
    if out.empty:
        raise NoData(f"no vetoes {describe(by, against)} in {start}–{end}")
    out.insert(4, "vetoer_name", out["vetoer"].map(countries.name_of))
    out.attrs.update(
        {"by": by, "against": against, "start": start, "end": end, "first": first, "last": last, "missing": missing}
    )
    return out


def describe(by: str | None, against: str | None) -> str:
    parts = []
    if by:
        parts.append(f"by {countries.name_of(by)}")
    if against:
        parts.append(f"against drafts sponsored by {countries.name_of(against)}")
    return " ".join(parts) or "on record"


__all__ = [
    "council",
    "council_all",
    "coverage",
    "describe",
    "drafts_of",
    "spans",
    "sponsored_drafts",
    "vetoes",
    "years_on_council",
]
