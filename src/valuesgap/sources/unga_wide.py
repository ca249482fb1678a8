"""Voeten's UNGA vote codes as a wide matrix (1946 – June 2024), one column per state (ISO3): a CSV
(gzipped in the mirror) or Dataverse's tab-separated archival form of it.

Codes: 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member. The file has no session: it is derived
from the date (a regular session opens in September).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.issues import ISSUE_CODES
from valuesgap.sources.tables import unreadable

VOTE_LABEL = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "non-member"}
YUGOSLAVIA_END = pd.Timestamp("1992-12-31")  # the SRB column holds Yugoslavia's votes before this


def session_of(date: pd.Series) -> pd.Series:
    """Return the UNGA session number of each date: year − 1945 from September, else year − 1946.

    The first session ran through 1946 and to September 1947, so dates before 1947-09 give 1.
    """
    date = pd.to_datetime(date)
    session = date.dt.year - 1946 + (date.dt.month >= 9).astype(int)
    return session.clip(lower=1).astype("int64")


RENUMBER_OFFSET = 1_000_000


def renumber_reused(rollcalls: pd.DataFrame) -> pd.Series:
    """Return rcids with later re-uses of an id made unique: rcid + 1,000,000 on the later date.

    The June 2024 file gives four roll calls of 2023 the ids of roll calls of 1954–57 (411, 427,
    449, 495); the earlier ones are those of the unvotes data.
    """
    order = rollcalls.sort_values("date", kind="stable")
    later = order["rcid"].duplicated(keep="first")
    rcid = rollcalls["rcid"].copy()
    rcid.loc[later[later].index] += RENUMBER_OFFSET
    if rcid.duplicated().any():
        raise DataMissing("the wide vote file repeats a roll-call id more than twice: the file is corrupt")
    return rcid


def read(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (rollcalls: rcid, date, session, me…ec; votes: rcid, iso3, code) from the wide file.

    Yugoslavia's votes (under SRB up to 1992) are given the historical code YUG.
    """
    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        wide = pd.read_csv(path, sep="\t" if path.suffix == ".tab" else ",", low_memory=False)
    except Exception as exc:
        raise unreadable(path, exc) from exc
    expected = {"rcid", "date", *ISSUE_CODES}
    if not expected <= set(wide.columns):
        raise DataMissing(f"{path} lacks columns {sorted(expected - set(wide.columns))}: not the Voeten wide file")
    rollcalls = pd.DataFrame({"rcid": wide["rcid"].astype("int64"), "date": pd.to_datetime(wide["date"])})
    rollcalls["rcid"] = renumber_reused(rollcalls)
    rollcalls["session"] = session_of(rollcalls["date"])
    for code in ISSUE_CODES:
        rollcalls[code] = wide[code].astype(str).str.upper().eq("TRUE")
    states = [c for c in wide.columns if c not in expected]
    codes = wide[states].to_numpy(dtype="float64")
    rcid = np.repeat(rollcalls["rcid"].to_numpy(), len(states))
    iso3 = np.tile(np.array(states, dtype=object), len(wide))
    flat = codes.reshape(-1)
    keep = ~np.isnan(flat)
    votes = pd.DataFrame({"rcid": rcid[keep], "iso3": iso3[keep], "code": flat[keep].astype("int8")})
    bad = ~votes["code"].isin(list(VOTE_LABEL))
    if bad.any():
        raise DataMissing(f"{path} has {int(bad.sum())} vote codes outside 1/2/3/8/9: the file is corrupt")
    dates = votes["rcid"].map(rollcalls.set_index("rcid")["date"])
    votes.loc[votes["iso3"].eq("SRB") & (dates <= YUGOSLAVIA_END), "iso3"] = "YUG"
    return rollcalls, votes
