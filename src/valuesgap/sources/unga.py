"""The UNGA roll-call data as valuesgap stores it: the unvotes R data merged with Voeten's wide file.

The R data brings the metadata (session, important vote, resolution, descriptions, issue codes) and
states the wide file folds or drops (Czechoslovakia, the GDR, South Yemen, Yugoslavia to 1992,
Zanzibar, North Yemen before 1990). The wide file brings absences, non-membership, and the roll
calls of 2020–2024. Where both carry a yes/abstain/no vote and they differ, the wide file's code is
kept; where the wide file says absent or non-member but the R data records a vote, the recorded vote
is kept. Both kinds of case are listed in the build report.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap.issues import ISSUE_CODES
from valuesgap.sources import issue_repair, undl_ga, undl_merge, unga_wide, unvotes
from valuesgap.sources.spec import UPSTREAM, Found, Loaded

STEP = "UNGA roll calls and votes"

CODE_OF = {"yes": 1, "abstain": 2, "no": 3, "absent": 8, "non-member": 9}
LABEL_OF = {v: k for k, v in CODE_OF.items()}


@dataclass
class UngaData:
    """The merged UNGA tables: rollcalls, votes (rcid, iso3, vote, code) and the build report."""

    rollcalls: pd.DataFrame
    votes: pd.DataFrame
    report: pd.DataFrame
    read_counts: dict[tuple[str, str], int]
    repairs: pd.DataFrame  # issue codes cleared (valuesgap.sources.issue_repair)


def merge_rollcalls(meta: pd.DataFrame, wide: pd.DataFrame) -> pd.DataFrame:
    """Return one row per roll call of either file; session from the R data, else from the date.

    Columns: rcid, session, year, date, important, unres, amend, para, short, descr, me…ec, source.
    Issue flags come from the R data's issue table where it has the roll call, else from the wide file.
    """
    both = meta.merge(wide, on="rcid", how="outer", suffixes=("", "_wide"), indicator=True)
    out = pd.DataFrame({"rcid": both["rcid"].astype("int64")})
    in_meta = both["_merge"].isin(["both", "left_only"])
    out["session"] = both["session"].where(in_meta, both["session_wide"]).astype("int64")
    out["date"] = both["date"].where(both["date"].notna(), both["date_wide"])
    out["year"] = out["date"].dt.year.astype("int64")
    out["important"] = both["important"].astype("boolean").fillna(False).astype(bool)
    for col in ("unres", "amend", "para", "short", "descr"):
        out[col] = both[col]
    for code in ISSUE_CODES:
        out[code] = both[code].where(in_meta, both[f"{code}_wide"]).astype("boolean").fillna(False).astype(bool)
    out["source"] = both["_merge"].map({"both": "both", "left_only": "unvotes", "right_only": "wide"}).astype(str)
    return out.sort_values("rcid").reset_index(drop=True)


def merge_votes(r_votes: pd.DataFrame, w_votes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (votes: rcid, iso3, vote, code; report: kind, rcid, iso3, unvotes, wide, kept)."""
    r = r_votes.assign(r_code=r_votes["vote"].map(CODE_OF).astype("int8"))[["rcid", "iso3", "r_code"]]
    dup = r.duplicated(["rcid", "iso3"], keep="first")
    dup_rows = r[dup]
    r = r[~dup]
    both = r.merge(w_votes.rename(columns={"code": "w_code"}), on=["rcid", "iso3"], how="outer")
    r_code = both["r_code"].fillna(0).astype("int8").to_numpy()
    w_code = both["w_code"].fillna(0).astype("int8").to_numpy()
    w_vote = np.isin(w_code, (1, 2, 3))
    r_vote = r_code > 0
    code = np.where(w_vote, w_code, np.where(r_vote, r_code, w_code)).astype("int8")
    differ = w_vote & r_vote & (w_code != r_code)
    recorded_over_absent = r_vote & np.isin(w_code, (8, 9))
    report = pd.concat(
        [
            _report(both[differ], "votes differ: wide file's code kept", code[differ]),
            _report(
                both[recorded_over_absent],
                "wide file absent/non-member, unvotes has a vote: vote kept",
                code[recorded_over_absent],
            ),
            _report(
                dup_rows.rename(columns={"r_code": "r_code"}).assign(w_code=0),
                "duplicate state-roll call in unvotes: first kept",
                dup_rows["r_code"].to_numpy(),
            ),
        ],
        ignore_index=True,
    )
    votes = pd.DataFrame({"rcid": both["rcid"].astype("int64"), "iso3": both["iso3"].astype(str), "code": code})
    votes["vote"] = votes["code"].map(LABEL_OF).astype(str)
    votes = votes.sort_values(["rcid", "iso3"]).reset_index(drop=True)
    return votes[["rcid", "iso3", "vote", "code"]], report


def _report(rows: pd.DataFrame, kind: str, kept: np.ndarray) -> pd.DataFrame:
    """Return build-report rows: kind, rcid, iso3, the two files' labels and the label kept."""

    def label(values: pd.Series) -> list[str | None]:
        return [LABEL_OF.get(int(v)) if pd.notna(v) and int(v) else None for v in values]

    return pd.DataFrame(
        {
            "kind": kind,
            "rcid": rows["rcid"].astype("int64").to_numpy(),
            "iso3": rows["iso3"].astype(str).to_numpy(),
            "unvotes": label(rows["r_code"]),
            "wide": label(rows["w_code"]),
            "kept": [LABEL_OF[int(k)] for k in kept],
        }
    )


def merged(found: Found) -> UngaData:
    """Return the merged UNGA tables from the installed ``unvotes`` and ``unga_wide`` sources.

    ``unvotes`` is read from its three .rda files (mirror form) or from inside the CRAN source package
    (upstream form); ``unga_wide`` from the gzipped CSV, the CSV or Dataverse's tab-separated form.
    """
    with tempfile.TemporaryDirectory(prefix="valuesgap-unvotes-") as tmp:
        if found.form("unvotes") == UPSTREAM:
            rda = unvotes.extract(found.path("unvotes", "package"), Path(tmp))
        else:
            rda = {key: found.path("unvotes", key) for key in unvotes.DATA_FILES}
        meta = unvotes.read_rollcalls(rda["roll_calls"], rda["issues"])
        r_votes = unvotes.read_votes(rda["votes"], meta)
    n_issues = int(meta[list(ISSUE_CODES)].to_numpy().sum())
    wide_calls, w_votes = unga_wide.read(found.path("unga_wide", "wide"))
    rollcalls, repairs = issue_repair.repair(merge_rollcalls(meta, wide_calls))
    votes, report = merge_votes(r_votes, w_votes)
    if found.form("unvotes") == UPSTREAM:
        counts = {("unvotes", "package"): len(r_votes)}
    else:
        counts = {
            ("unvotes", "votes"): len(r_votes),
            ("unvotes", "roll_calls"): len(meta),
            ("unvotes", "issues"): n_issues,
        }
    counts[("unga_wide", "wide")] = len(wide_calls)
    return UngaData(rollcalls=rollcalls, votes=votes, report=report, read_counts=counts, repairs=repairs)


def load(found: Found) -> Loaded:
    """Return the store tables rollcalls, votes and build_report (the reader contract); with the UN
    Digital Library's official file installed (``undl_ga``), merged with it (rules in
    :mod:`valuesgap.sources.undl_merge`) plus official_report, official_matches, issue_mapping_quality."""
    data = merged(found)
    tables = {
        "rollcalls": data.rollcalls.assign(special_session=None),
        "votes": data.votes,
        "build_report": data.report,
        "issue_repairs": data.repairs,
    }
    counts = dict(data.read_counts)
    if found.has("undl_ga"):
        official = undl_ga.read(found.path("undl_ga", "votes"))
        tables.update(undl_merge.store_tables(undl_merge.merge(data.rollcalls, data.votes, official)))
        counts[("undl_ga", "votes")] = len(official.votes)
    return Loaded(tables, counts)
