"""How current and complete the built data are: first and last date per arena, and the gaps.

:func:`arenas` answers ``valuesgap data status`` (per arena and source: first and last date, count);
:func:`gaps` feeds ``valuesgap data report``:

- spans of more than :data:`GAP_DAYS` days without any Assembly roll call (the months they cover and
  the sessions they fall in), each with the known recorded votes that fall inside;
- known recorded votes (``facts/known_votes.toml``: the emergency special sessions ES-10 and ES-11) the
  data do not have, by session;
- members coded absent on nearly all roll calls of a session (at least :data:`ABSENT_SHARE` of at least
  :data:`MIN_SESSION_ROLLCALLS`).
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources

import pandas as pd

from valuesgap import store

GAP_DAYS = 300  # a pause from late December to late October is ~300 days in years without spring votes
ABSENT_SHARE = 0.9
MIN_SESSION_ROLLCALLS = 10
SOURCE_LABEL = {
    "both": "Voeten (unvotes + Dataverse)",
    "unvotes": "Voeten (unvotes)",
    "wide": "Voeten (Dataverse, June 2024)",
    "undl": "UN Digital Library",
}


@lru_cache(maxsize=1)
def known_votes() -> pd.DataFrame:
    """Return the curated known recorded votes: symbol, date, session, title, source."""
    text = resources.files("valuesgap.facts").joinpath("known_votes.toml").read_text()
    frame = pd.DataFrame(tomllib.loads(text)["vote"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _tables() -> set[str]:
    return set(store.query("SELECT table_name FROM information_schema.tables")["table_name"])


def arenas() -> pd.DataFrame:
    """Return per arena and source: arena, source, first, last (dates), n, unit."""
    parts = [
        store.query(
            "SELECT 'General Assembly' AS arena, source, min(date) AS first, max(date) AS last, "
            "count(*) AS n, 'roll calls' AS unit FROM rollcalls GROUP BY source"
        ).assign(source=lambda f: f["source"].map(SOURCE_LABEL).fillna(f["source"]))
    ]
    tables = _tables()
    if "council_resolutions" in tables:
        parts.append(
            store.query(
                "SELECT 'Security Council' AS arena, 'UN Digital Library' AS source, min(date) AS first, "
                "max(date) AS last, count(*) AS n, 'adopted resolutions' AS unit FROM council_resolutions"
            )
        )
    if "council_drafts" in tables:
        parts.append(
            store.query(
                "SELECT 'Security Council' AS arena, 'UN DPPA' AS source, min(date) AS first, max(date) AS last, "
                "count(*) AS n, 'drafts put to a vote' AS unit FROM council_drafts"
            )
        )
    parts.append(events_coverage(tables))
    frame = pd.concat([p for p in parts if len(p)], ignore_index=True)
    for column in ("first", "last"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    missing = []
    if not (frame["source"] == SOURCE_LABEL["undl"]).any():
        missing.append(("General Assembly", "undl_ga"))
    if "council_resolutions" not in tables:
        missing.append(("Security Council", "undl_sc"))
    for arena, source in missing:
        frame.loc[len(frame)] = [
            arena,
            SOURCE_LABEL["undl"],
            None,
            None,
            0,
            f"not installed: valuesgap data fetch --only {source}",
        ]
    return frame.sort_values(["arena", "n"], ascending=[True, False], ignore_index=True)


EVENTS_ARENA = "Event data"
GDELT_LABEL = {"gdelt1": "GDELT 1.0", "gdelt2": "GDELT 2.0"}
GDELT_HINT = "not fetched — run `valuesgap events fetch gdelt --from YYYY-MM --to YYYY-MM`"


def gdelt_loads(tables: set[str] | None = None) -> pd.DataFrame:
    """Return per GDELT source in the store: source, first_month, last_month, files, events, dyad_months,
    engine, fetched_at (NULL where an older load did not record them); empty when none is loaded."""
    tables = _tables() if tables is None else tables
    if "event_dyads" not in tables:
        return pd.DataFrame(columns=["source", "first_month", "last_month", "files", "events", "dyad_months"])
    got = store.query(
        "SELECT source, min(year * 100 + month) AS first, max(year * 100 + month) AS last, "
        "sum(verb_coop + matl_coop + verb_conf + matl_conf) AS events, count(*) AS dyad_months "
        "FROM event_dyads WHERE source LIKE 'gdelt%' GROUP BY source ORDER BY source"
    )
    got["first_month"] = [f"{int(k) // 100:04d}-{int(k) % 100:02d}" for k in got["first"]]
    got["last_month"] = [f"{int(k) // 100:04d}-{int(k) % 100:02d}" for k in got["last"]]
    got = got.drop(columns=["first", "last"])
    if "gdelt_loads" in tables:
        loads = store.query("SELECT source, files, engine, fetched_at FROM gdelt_loads")
        got = got.merge(loads, on="source", how="left")
    else:
        got = got.assign(files=None, engine=None, fetched_at=None)
    return got


def events_coverage(tables: set[str] | None = None) -> pd.DataFrame:
    """Return the event arena's rows of :func:`arenas`: ICEWS (dyad-years) and each GDELT source loaded
    (events, with the months, files, engine and fetch date), or a GDELT row saying how to fetch it."""
    tables = _tables() if tables is None else tables
    rows = []
    if "event_dyads" in tables:
        icews = store.query(
            "SELECT min(year) AS first, max(year) AS last, count(*) AS n FROM event_dyads WHERE source = 'icews'"
        ).iloc[0]
        if int(icews["n"]):
            first, last = int(icews["first"]), int(icews["last"])
            rows.append([EVENTS_ARENA, "ICEWS", date(first, 1, 1), date(last, 12, 31), int(icews["n"]), "dyad-years"])
    loads = gdelt_loads(tables)
    for r in loads.itertuples():
        first = pd.Timestamp(f"{r.first_month}-01").date()
        last = (pd.Timestamp(f"{r.last_month}-01") + pd.offsets.MonthEnd(0)).date()
        how = f"events in {int(r.dyad_months):,} dyad-months, {r.first_month}…{r.last_month}"
        if pd.notna(r.files):
            how += f"; {int(r.files):,} files, aggregated on {r.engine}, fetched {str(r.fetched_at)[:10]}"
        rows.append([EVENTS_ARENA, GDELT_LABEL.get(r.source, r.source), first, last, int(r.events), how])
    if loads.empty:
        rows.append([EVENTS_ARENA, "GDELT", None, None, 0, GDELT_HINT])
    return pd.DataFrame(rows, columns=["arena", "source", "first", "last", "n", "unit"])


def assembly_end() -> date:
    """Return the date of the last Assembly roll call in the store."""
    return pd.Timestamp(store.query("SELECT max(date) AS d FROM rollcalls")["d"].iloc[0]).date()


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    """Return the calendar months strictly between the months of two roll-call dates (YYYY-MM)."""
    first, last = start.to_period("M") + 1, end.to_period("M") - 1
    return [str(p) for p in pd.period_range(first, last, freq="M")] if first <= last else []


def _gap_rows(dates: pd.Series, sessions: pd.DataFrame, known: pd.DataFrame) -> list[dict]:
    rows = []
    ordered = pd.Series(sorted(pd.to_datetime(dates).unique()))
    for before, after in zip(ordered[:-1], ordered[1:]):
        days = (after - before).days
        if days <= GAP_DAYS:
            continue
        months = _months(before, after)
        inside = known[(known["date"] > before) & (known["date"] < after)]
        in_span = sessions[(sessions["date"] >= before) & (sessions["date"] <= after)]["session"]
        detail = f"no roll call from {before.date()} to {after.date()} ({days} days"
        if months:
            detail += f"; months {months[0]} … {months[-1]}"
        detail += ")"
        if len(inside):
            detail += "; known recorded votes inside: " + ", ".join(
                f"{r.symbol} ({r.date.date()})" for r in inside.itertuples()
            )
        rows.append(
            {
                "kind": "months without roll calls",
                "arena": "General Assembly",
                "iso3": None,
                "session": f"{int(in_span.min())}–{int(in_span.max())}" if len(in_span) else None,
                "n": len(months),
                "detail": detail,
            }
        )
    return rows


def gaps() -> pd.DataFrame:
    """Return the gaps: kind, arena, iso3, session, n, detail (see the module docstring)."""
    rc = store.query("SELECT date, session FROM rollcalls ORDER BY date")
    rc["date"] = pd.to_datetime(rc["date"])
    known = known_votes()
    rows = _gap_rows(rc["date"], rc, known)

    have = set(rc["date"])
    end = rc["date"].max()
    missing = known[~known["date"].isin(have)]
    for label, group in missing.groupby("session", sort=True):
        total = int((known["session"] == label).sum())
        listed = ", ".join(
            f"{r.symbol} ({r.date.date()}{', after the data end' if r.date > end else ''})" for r in group.itertuples()
        )
        rows.append(
            {
                "kind": "emergency special session votes missing",
                "arena": "General Assembly",
                "iso3": None,
                "session": label,
                "n": len(group),
                "detail": f"{len(group)} of {total} known recorded votes of {label} not in the data: {listed}",
            }
        )

    absent = store.query(
        f"""
        SELECT v.iso3, r.session, count(*) AS n_rollcalls,
               sum(CASE WHEN v.code = 8 THEN 1 ELSE 0 END) AS n_absent
        FROM votes v JOIN rollcalls r USING (rcid)
        WHERE v.code IN (1, 2, 3, 8)
        GROUP BY ALL
        HAVING count(*) >= {MIN_SESSION_ROLLCALLS} AND sum(CASE WHEN v.code = 8 THEN 1 ELSE 0 END) >= {ABSENT_SHARE} * count(*)
        ORDER BY r.session, v.iso3
        """
    )
    for r in absent.itertuples():
        rows.append(
            {
                "kind": "member coded absent on nearly all roll calls of a session",
                "arena": "General Assembly",
                "iso3": r.iso3,
                "session": str(int(r.session)),
                "n": int(r.n_absent),
                "detail": f"absent on {int(r.n_absent)} of {int(r.n_rollcalls)} roll calls",
            }
        )
    return pd.DataFrame(rows, columns=["kind", "arena", "iso3", "session", "n", "detail"])


def report() -> pd.DataFrame:
    """Return every finding of the last build: the store's data-quality report, the official files'
    merge findings (counted by kind), the issue mapping's precision and recall, and the gaps.

    Columns: kind, arena, iso3, session, n, detail.
    """
    base = store.report()
    if "detail" not in base.columns:
        base["detail"] = None
    base["arena"] = (
        base["kind"].str.startswith("Security Council").map({True: "Security Council", False: "General Assembly"})
    )
    base["session"] = base["session"].astype("Int64").astype(str).replace("<NA>", None)
    parts = [base[["kind", "arena", "iso3", "session", "n", "detail"]]]
    tables = _tables()
    if "official_report" in tables:
        parts.append(
            store.query(
                "SELECT kind, arena, NULL AS iso3, NULL AS session, count(*) AS n, "
                "string_agg(DISTINCT coalesce(iso3, detail), ', ') AS detail FROM official_report GROUP BY kind, arena"
            )
        )
    if "official_matches" in tables:
        parts.append(_merge_summary())
    if "issue_mapping_quality" in tables:
        q = store.query("SELECT * FROM issue_mapping_quality ORDER BY code")
        parts.append(
            pd.DataFrame(
                {
                    "kind": "issue-code mapping vs Voeten codes (matched roll calls)",
                    "arena": "General Assembly",
                    "iso3": None,
                    "session": q["code"],
                    "n": q["n"],
                    "detail": [
                        f"precision {_share(r.precision)}, recall {_share(r.recall)} "
                        f"({r.true_positives} of {r.predicted_positives} coded, of {r.reference_positives} in Voeten)"
                        for r in q.itertuples()
                    ],
                }
            )
        )
    from valuesgap import council_crosscheck

    parts.append(council_crosscheck.summary())
    parts.append(gaps())
    parts.append(_gdelt_findings(tables))
    return pd.concat([p for p in parts if len(p)], ignore_index=True)


def _gdelt_findings(tables: set[str]) -> pd.DataFrame:
    """Return one row per GDELT source loaded (months, files, events, engine, fetch date), or one saying how to fetch."""
    loads = gdelt_loads(tables)
    if loads.empty:
        return pd.DataFrame(
            [
                {
                    "kind": "GDELT events",
                    "arena": EVENTS_ARENA,
                    "iso3": None,
                    "session": None,
                    "n": 0,
                    "detail": GDELT_HINT,
                }
            ]
        )
    rows = []
    for r in loads.itertuples():
        detail = f"{r.first_month}…{r.last_month}: {int(r.events):,} events between states in {int(r.dyad_months):,} dyad-months"
        if pd.notna(r.files):
            detail += f"; {int(r.files):,} files, aggregated on {r.engine}, fetched {str(r.fetched_at)[:10]}"
        label = GDELT_LABEL.get(r.source, r.source)
        rows.append({"kind": f"{label} months loaded", "arena": EVENTS_ARENA, "iso3": None, "session": None,
                     "n": int(r.events), "detail": detail})  # fmt: skip
    return pd.DataFrame(rows)


def _merge_summary() -> pd.DataFrame:
    """Return two rows: the official roll calls matched to Voeten's (with the agreement of their votes)
    and those added."""
    m = store.query("SELECT how, count(*) AS n, sum(n_common) AS votes FROM official_matches GROUP BY how ORDER BY how")
    differ = store.query(
        "SELECT count(*) AS n FROM official_report WHERE kind = 'matched roll call: votes differ (Voeten kept)'"
    )["n"].iloc[0]
    compared = int(m["votes"].sum()) if len(m) else 0
    added = store.query(
        "SELECT count(*) AS n, min(date) AS first, max(date) AS last FROM rollcalls WHERE source = 'undl'"
    )
    how = "; ".join(f"{int(r.n)} by {r.how}" for r in m.itertuples()) or "none"
    agreement = f"{1 - differ / compared:.1%}" if compared else "n/a"
    a = added.iloc[0]
    return pd.DataFrame(
        [
            {
                "kind": "official GA file: roll calls matched to the Voeten data",
                "arena": "General Assembly",
                "iso3": None,
                "session": None,
                "n": int(m["n"].sum()) if len(m) else 0,
                "detail": f"{how}; {compared:,} yes/abstain/no votes compared, {int(differ)} differ (agreement {agreement})",
            },
            {
                "kind": "official GA file: roll calls added",
                "arena": "General Assembly",
                "iso3": None,
                "session": None,
                "n": int(a["n"]),
                "detail": f"from {pd.Timestamp(a['first']).date()} to {pd.Timestamp(a['last']).date()}"
                if a["n"]
                else "none",
            },
        ]
    )


def _share(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:.2f}"


INDICATOR_LABEL = {
    "vdem14": "V-Dem v14",
    "vdem15": "V-Dem v15",
    "fh_ratings": "Freedom House",
    "fh_scores": "Freedom House scores",
    "polity5": "Polity5",
    "fariss": "Fariss",
    "cirights": "CIRIGHTS",
    "wgi": "WGI",
}


def data_ends() -> pd.DataFrame:
    """Return where the data end, one row per arena of :func:`arenas` with data, then the values
    indicators: arena, last (ISO date; a year for the indicators), detail (each source's own end)."""
    rows = []
    built = arenas().dropna(subset=["last"])
    for arena, group in built.groupby("arena", sort=False):
        ends = group.sort_values("last")
        detail = "; ".join(f"{r.source} to {r.last.isoformat()}" for r in ends.itertuples())
        rows.append({"arena": arena, "last": max(ends["last"]).isoformat(), "detail": detail})
    tables = _tables()
    if "indicators" in tables:
        values = store.query("SELECT source, max(year) AS last FROM indicators GROUP BY source ORDER BY last DESC")
        if len(values):
            detail = "; ".join(
                f"{INDICATOR_LABEL.get(r.source, r.source)} to {int(r.last)}" for r in values.itertuples()
            )
            rows.append({"arena": "Values indicators", "last": str(int(values["last"].max())), "detail": detail})
    return pd.DataFrame(rows, columns=["arena", "last", "detail"])


def data_ends_line() -> str:
    """Return one line naming where each arena's data end, for footers (e.g. "General Assembly to
    2024-06-04 · …")."""
    ends = data_ends()
    return " · ".join(f"{r.arena} to {r.last}" for r in ends.itertuples())
