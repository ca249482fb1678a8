"""The UNGA roll-call data as valuesgap stores it: the unvotes R data merged with Voeten's wide file.

The R data brings the metadata (session, important vote, resolution, descriptions, issue codes) and
states the wide file folds or drops (Czechoslovakia, the GDR, South Yemen, Yugoslavia to 1992,
Zanzibar, North Yemen before 1990). The wide file brings absences, non-membership, and the roll
calls of 2020–2024. Where both carry a yes/abstain/no vote and they differ, the wide file's code is
kept; where the wide file says absent or non-member but the R data records a vote, the recorded vote
is kept. Both kinds of case are listed in the build report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap.sources import unga_wide, unvotes

CODE_OF = {"yes": 1, "abstain": 2, "no": 3, "absent": 8, "non-member": 9}
LABEL_OF = {v: k for k, v in CODE_OF.items()}
ISSUE_CODES = unvotes.ISSUE_CODES


@dataclass
class UngaData:
    """The merged UNGA tables: rollcalls, votes (rcid, iso3, vote, code) and the build report."""

    rollcalls: pd.DataFrame
    votes: pd.DataFrame
    report: pd.DataFrame
    read_counts: dict[str, int]


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


def load(mirror: Path) -> UngaData:
    """Return the merged UNGA tables from a mirror folder holding ``unga/…`` as upstream publishes it."""
    r_folder = Path(mirror) / "unga" / "unvotes-0.3.0"
    meta = unvotes.read_rollcalls(r_folder)
    r_votes = unvotes.read_votes(r_folder, meta)
    n_issues = int(meta[list(ISSUE_CODES)].to_numpy().sum())
    wide_calls, w_votes = unga_wide.read(Path(mirror) / "unga" / "voeten-wide-2024-06" / "ungaVoting_003.csv.gz")
    rollcalls = merge_rollcalls(meta, wide_calls)
    votes, report = merge_votes(r_votes, w_votes)
    counts = {
        "unga/unvotes-0.3.0/un_votes.rda": len(r_votes),
        "unga/unvotes-0.3.0/un_roll_calls.rda": len(meta),
        "unga/unvotes-0.3.0/un_roll_call_issues.rda": n_issues,
        "unga/voeten-wide-2024-06/ungaVoting_003.csv.gz": len(wide_calls),
    }
    return UngaData(rollcalls=rollcalls, votes=votes, report=report, read_counts=counts)
