"""The event-data arena: the day-to-day dealings of two states, from event counts per dyad and period.

``events(a, b)`` gives per year (per month for monthly sources), in each direction (A→B, B→A) and for
the dyad as a whole (both): the four CAMEO quad counts, the cooperation share and the material-conflict
share with Wilson intervals, and the cooperation share relative to the sender's share towards everyone
that period (counts follow news volume: raw counts are never compared across years).
(Not to be confused with :mod:`valuesgap.analysis.events`, the curated timeline of political events.)

Source: the store's ``event_dyads`` (ICEWS 2002–2014, yearly; GDELT aggregates where loaded).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.analysis import selection
from valuesgap.analysis.council import check_period
from valuesgap.errors import InputError, NoData
from valuesgap.measures import event_shares

DEFAULT_LEVEL = 0.95
QUADS = list(event_shares.QUAD_COLUMNS)
SOURCE_LABELS = {
    "icews": "ICEWS (Boschee et al.), dyad-years via netify",
    "gdelt1": "GDELT 1.0",
    "gdelt2": "GDELT 2.0",
}


def _check_level(level: float | None) -> float:
    """Return the interval level (default 0.95); InputError outside (0, 1)."""
    checked = selection.check_level(DEFAULT_LEVEL if level is None else level)
    assert checked is not None
    return checked


def coverage(source: str | None = None) -> pd.DataFrame:
    """Return per source: source, first, last (years), senders (distinct states)."""
    from valuesgap import store

    where = "WHERE source = ?" if source else ""
    frame = store.query(
        f"SELECT source, min(year) AS first, max(year) AS last, count(DISTINCT sender) AS senders "
        f"FROM event_dyads {where} GROUP BY source ORDER BY first",
        [source] if source else None,
    )
    if frame.empty:
        raise NoData(
            f"no event data{' from ' + source if source else ''} in the store: rebuild it with 'valuesgap data build'"
        )
    return frame


BYS = ("year", "month")


def _state(x: str, first: object, last: object) -> countries.Country:
    from valuesgap import store

    c = countries.resolve(x)
    seen = store.query("SELECT count(*) AS n FROM event_dyads WHERE sender = ? OR target = ?", [c.iso3, c.iso3])
    if int(seen["n"].iloc[0]) == 0:
        raise InputError(f"the event data ({first}–{last}) do not cover {c.name}: choose another state")
    return c


def _check_by(by: object) -> str:
    key = str(by).strip().lower()
    if key not in BYS:
        raise InputError(f"--by must be 'year' or 'month', got {by!r}", params=("by",))
    return key


def _label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


def _month_text(key: int) -> str:
    return f"{key // 100:04d}-{key % 100:02d}"


def month_coverage(source: str | None = None) -> pd.DataFrame:
    """Return per source with monthly rows (GDELT): source, first, last (months as YYYYMM integers)."""
    from valuesgap import store

    where = "AND source = ?" if source else ""
    return store.query(
        "SELECT source, min(year * 100 + month) AS first, max(year * 100 + month) AS last FROM event_dyads "
        f"WHERE month IS NOT NULL {where} GROUP BY source ORDER BY first",
        [source] if source else None,
    )


def _year_period(start: object, end: object, cov: pd.DataFrame) -> tuple[int, int]:
    """Return the years start..end clipped to the coverage; InputError for months or a period outside."""
    for name, value in (("start", start), ("end", end)):
        got = selection.check_year_or_month(name, value)
        if got is not None and got[1] is not None:
            raise InputError(
                f"{name} {value} is a month: with --by year give years (YYYY), or ask --by month",
                params=(name, "by"),
            )
    s = None if start is None else int(str(start))
    e = None if end is None else int(str(end))
    return check_period(s, e, int(cov["first"].min()), int(cov["last"].max()), "the event data cover")


def _month_period(start: object, end: object, cov: pd.DataFrame, source: str | None) -> tuple[int, int]:
    """Return the months start..end as YYYYMM keys clipped to the monthly data; InputError where only years exist."""
    s_key, e_key = selection.check_month_keys(start, end)
    months = month_coverage(source)
    yearly_cov = cov[~cov["source"].isin(set(months["source"]))]
    yearly = ", ".join(f"{_label(r.source)} {r.first}–{r.last}" for r in yearly_cov.itertuples())
    if months.empty:
        raise InputError(
            f"the event data in the store are yearly ({yearly}): no months to show; use --by year, or fetch "
            "GDELT months with 'valuesgap events fetch gdelt --from YYYY-MM --to YYYY-MM'",
            params=("by",),
        )
    first, last = int(months["first"].min()), int(months["last"].max())
    span = f"{_month_text(first)}–{_month_text(last)}"
    s, e = (first if s_key is None else s_key), (last if e_key is None else e_key)
    before = first - 1 if first % 100 > 1 else (first // 100 - 1) * 100 + 12  # the month before the first
    early = (s, min(e, before))
    hit = yearly_cov[(yearly_cov["first"] <= early[1] // 100) & (yearly_cov["last"] >= early[0] // 100)]
    if s < first and not hit.empty:
        names = ", ".join(f"{_label(r.source)} ({r.first}–{r.last})" for r in hit.itertuples())
        raise InputError(
            f"{names} is yearly: no months for {_month_text(early[0])}–{_month_text(early[1])}; use --by year "
            f"for those years, or months within the monthly data ({span})",
            params=("start", "by"),
        )
    if s > last or e < first:
        raise InputError(
            f"the monthly event data cover {span}; the period {_month_text(s)}–{_month_text(e)} lies outside",
            params=("start", "end"),
        )
    return max(s, first), min(e, last)


def events(
    a: str,
    b: str,
    *,
    start: int | str | None = None,
    end: int | str | None = None,
    by: str = "year",
    level: float | None = DEFAULT_LEVEL,
    source: str | None = None,
) -> pd.DataFrame:
    """Return the event arena of ``a`` and ``b``: one row per source, period and direction.

    ``start``/``end``: years (2022 or '2022') or, with ``by='month'``, months ('2022-01'; a year means its
    first/last month). ``by='year'`` sums monthly sources (GDELT) to years; ``by='month'`` shows months,
    which only GDELT has (ICEWS years asked by month are an InputError, never zeros).
    Columns: ``source``, ``year``, ``month`` (NULL by year), ``direction`` ('a_to_b', 'b_to_a',
    'both'), ``sender``, ``target`` (ISO3; NULL for 'both'), ``verb_coop``, ``matl_coop``, ``verb_conf``,
    ``matl_conf``, ``n`` (all events), ``coop_share``, ``coop_lo``, ``coop_hi``, ``matl_conf_share``,
    ``matl_conf_lo``, ``matl_conf_hi`` (Wilson intervals at ``level``), ``sender_coop_share`` (the
    sender's cooperation share towards every target that period; for 'both' the two senders pooled),
    ``coop_relative`` (coop_share / sender_coop_share). Shares are NaN where n = 0 (no events: missing,
    not zero). ``attrs``: a_iso3, b_iso3, a_name, b_name, start, end (years, or 'YYYY-MM' by month), by,
    level, coverage (source → years), sources (which source each period comes from: a list of sentences),
    missing.
    """
    from valuesgap import store

    level = _check_level(level)
    by = _check_by(by)
    cov = coverage(source)
    s: int | str
    e: int | str
    if by == "year":
        lo, hi = _year_period(start, end, cov)
        s, e = lo, hi
        span, month_sql = "year BETWEEN ? AND ?", "NULL::INTEGER AS month"
    else:
        lo, hi = _month_period(start, end, cov, source)
        s, e = _month_text(lo), _month_text(hi)
        span, month_sql = "month IS NOT NULL AND year * 100 + month BETWEEN ? AND ?", "month"
    first, last = int(cov["first"].min()), int(cov["last"].max())
    ca, cb = _state(a, first, last), _state(b, first, last)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    src_sql = "AND source = ?" if source else ""
    extra = [source] if source else []
    quads = ", ".join(f"sum({q})::BIGINT AS {q}" for q in QUADS)
    totals = store.query(
        f"SELECT source, sender, year, {month_sql}, {quads} FROM event_dyads "
        f"WHERE sender IN (?, ?) AND {span} {src_sql} GROUP BY ALL",
        [ca.iso3, cb.iso3, lo, hi, *extra],
    )
    dyad = store.query(
        f"SELECT source, sender, target, year, {month_sql}, {quads} FROM event_dyads "
        f"WHERE ((sender = ? AND target = ?) OR (sender = ? AND target = ?)) AND {span} {src_sql} GROUP BY ALL",
        [ca.iso3, cb.iso3, cb.iso3, ca.iso3, lo, hi, *extra],
    )
    if totals.empty:
        raise NoData(f"no events sent by {ca.name} or {cb.name} in {s}–{e}")
    out = _directed_and_both(dyad, totals, ca.iso3, cb.iso3, level)
    missing = []
    for direction, label in (("a_to_b", f"{ca.name} → {cb.name}"), ("b_to_a", f"{cb.name} → {ca.name}")):
        rows = out.loc[(out["direction"] == direction) & (out["n"] == 0)]
        empty = [_period_text(r.year, r.month) for r in rows.itertuples()]
        if empty:
            missing.append(f"{label}: no events in {', '.join(empty)} (shares missing, not zero)")
    out.attrs.update(
        {
            "a_iso3": ca.iso3,
            "b_iso3": cb.iso3,
            "a_name": ca.name,
            "b_name": cb.name,
            "start": s,
            "end": e,
            "by": by,
            "level": level,
            "coverage": {r.source: (int(r.first), int(r.last)) for r in cov.itertuples()},
            "sources": sources_of(out),
            "missing": missing,
        }
    )
    return out


def _period_text(year: Any, month: Any) -> str:
    """Return '2014' for a year row, '2022-03' for a month row."""
    return str(int(year)) if pd.isna(month) else f"{int(year):04d}-{int(month):02d}"


def sources_of(frame: pd.DataFrame) -> list[str]:
    """Return which source each period of an ``events`` frame comes from, one sentence per source.

    Example: ``['2002–2014: ICEWS (Boschee et al.), dyad-years via netify', '2022-01–2022-06: GDELT 2.0']``;
    a year two sources cover appears under both (their agreement: :mod:`valuesgap.analysis.event_overlap`).
    """
    out: list[tuple[str, str]] = []
    for source, rows in frame.groupby("source", sort=False):
        keys = [_period_text(r.year, r.month) for r in rows.drop_duplicates(["year", "month"]).itertuples()]
        keys = sorted(set(keys))
        span = keys[0] if len(keys) == 1 else f"{keys[0]}–{keys[-1]}"
        if rows["month"].notna().any():
            months = {k for k in keys if "-" in k}
            span += f" ({len(months)} months)" if len(months) > 1 else ""
        out.append((keys[0], f"{span}: {_label(str(source))}"))
    return [line for _, line in sorted(out)]


def _directed_and_both(dyad: pd.DataFrame, totals: pd.DataFrame, a: str, b: str, level: float) -> pd.DataFrame:
    """Return the directed rows (zero-filled for every period the sender has data) and the 'both' rows."""
    keys = ["source", "year", "month"]
    periods = totals[keys].drop_duplicates()
    frames = []
    for direction, sender, target in (("a_to_b", a, b), ("b_to_a", b, a)):
        grid = periods.assign(sender=sender, target=target)
        got = dyad.loc[(dyad["sender"] == sender) & (dyad["target"] == target)]
        rows = grid.merge(got, on=[*keys, "sender", "target"], how="left")
        mine = totals.loc[totals["sender"] == sender].drop(columns="sender")
        rows = rows.merge(mine, on=keys, how="left", suffixes=("", "_sender"))
        frames.append(rows.assign(direction=direction))
    directed = pd.concat(frames, ignore_index=True)
    for col in QUADS + [f"{q}_sender" for q in QUADS]:
        directed[col] = directed[col].fillna(0).astype("int64")
    both = directed.groupby(keys, dropna=False, as_index=False)[QUADS + [f"{q}_sender" for q in QUADS]].sum()
    both = both.assign(direction="both", sender=None, target=None)
    out = pd.concat([directed, both], ignore_index=True)
    got = event_shares.shares_of(out[QUADS].to_numpy(np.int64), level=level)
    overall = event_shares.shares_of(out[[f"{q}_sender" for q in QUADS]].to_numpy(np.int64), level=level)
    for key, value in got.items():
        out[key] = value
    out["sender_coop_share"] = overall["coop_share"]
    out["coop_relative"] = event_shares.relative_share(got["coop_share"], overall["coop_share"])
    out["month"] = out["month"].astype("Int64")
    order = {"a_to_b": 0, "b_to_a": 1, "both": 2}
    out = out.sort_values(
        ["source", "year", "month", "direction"], key=lambda c: c.map(order) if c.name == "direction" else c
    )
    cols = [
        "source",
        "year",
        "month",
        "direction",
        "sender",
        "target",
        *QUADS,
        "n",
        "coop_share",
        "coop_lo",
        "coop_hi",
        "matl_conf_share",
        "matl_conf_lo",
        "matl_conf_hi",
        "sender_coop_share",
        "coop_relative",
    ]
    return out[cols].reset_index(drop=True)


ALL_SQL = """
WITH states AS (
    SELECT iso3, (row_number() OVER (ORDER BY iso3) - 1)::INTEGER AS id
    FROM (SELECT sender AS iso3 FROM event_dyads UNION SELECT target FROM event_dyads)),
sources AS (
    SELECT source, (row_number() OVER (ORDER BY source) - 1)::INTEGER AS sid FROM (SELECT DISTINCT source FROM event_dyads))
SELECT sid, a.id AS sender_id, b.id AS target_id, year, coalesce(month, 0)::INTEGER AS month,
       verb_coop, matl_coop, verb_conf, matl_conf
FROM event_dyads e JOIN states a ON a.iso3 = e.sender JOIN states b ON b.iso3 = e.target JOIN sources USING (source)
{where}
"""


def events_all(*, level: float | None = DEFAULT_LEVEL, source: str | None = None) -> pd.DataFrame:
    """Return every directed dyad-period with its shares, intervals and relative share (benchmark, cube).

    Columns: source, sender, target (categorical), year, month (0 for yearly data), the four quad counts,
    n, coop_share, coop_lo, coop_hi, matl_conf_share, matl_conf_lo, matl_conf_hi, sender_coop_share,
    coop_relative. States travel as integer codes; the sender totals (each sender's events towards every
    target that period) are summed once in NumPy (:func:`~valuesgap.measures.event_shares.sender_totals`).
    """
    from valuesgap import store

    level = _check_level(level)
    con = store.connect().cursor()
    try:
        where = "WHERE e.source = ?" if source else ""
        cols = con.execute(ALL_SQL.format(where=where), [source] if source else []).fetchnumpy()
        states = [
            r[0]
            for r in con.execute(
                "SELECT sender FROM event_dyads UNION SELECT target FROM event_dyads ORDER BY 1"
            ).fetchall()
        ]
        sources = [r[0] for r in con.execute("SELECT DISTINCT source FROM event_dyads ORDER BY 1").fetchall()]
    finally:
        con.close()
    if len(cols["year"]) == 0:
        raise NoData("no event data in the store")
    counts = np.column_stack([np.asarray(cols[q], dtype=np.int64) for q in QUADS])
    sid, year, month = (np.asarray(cols[k], dtype=np.int64) for k in ("sid", "year", "month"))
    # one period code per (source, year, month): months 0–12 (0 = a yearly row)
    period = (sid * (int(year.max()) - int(year.min()) + 1) + (year - int(year.min()))) * 13 + month
    totals = event_shares.sender_totals(np.asarray(cols["sender_id"]), period, counts)
    got = event_shares.shares_of(counts, level=level)
    sender_share = event_shares.coop_share_of(totals)
    frame = pd.DataFrame(
        {
            "source": pd.Categorical.from_codes(np.asarray(cols["sid"]), categories=sources),
            "sender": pd.Categorical.from_codes(np.asarray(cols["sender_id"]), categories=states),
            "target": pd.Categorical.from_codes(np.asarray(cols["target_id"]), categories=states),
            "year": np.asarray(cols["year"]),
            "month": np.asarray(cols["month"]),
            **{q: counts[:, i] for i, q in enumerate(QUADS)},
            **got,
            "sender_coop_share": sender_share,
            "coop_relative": event_shares.relative_share(got["coop_share"], sender_share),
        }
    )
    return frame


__all__ = ["coverage", "events", "events_all"]
