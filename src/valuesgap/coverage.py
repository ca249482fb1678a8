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
    parts.append(gaps())
    return pd.concat([p for p in parts if len(p)], ignore_index=True)


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
