"""How GDELT and ICEWS agree where both cover a dyad (2013–2014, GDELT 1.0 against ICEWS).

ICEWS counts are yearly, so GDELT months are summed to years first. Per directed dyad, the two sources'
counts over the cells quad class (4) × year give one Pearson correlation (do they see the same mix of
cooperation and conflict, and the same change between years?), with the cooperation share of each source
per year beside it. Over all dyads, per year, the correlation of the cooperation shares says how far the
sources rank dyads alike. Counts follow news volume, so levels differ; correlations and shares are what
compare.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuesgap import store
from valuesgap.errors import NoData

QUADS = ["verb_coop", "matl_coop", "verb_conf", "matl_conf"]


def _yearly(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.groupby(["sender", "target", "year"], as_index=False)[QUADS].sum()
    total = out[QUADS].sum(axis=1)
    out["coop_share"] = (out["verb_coop"] + out["matl_coop"]) / total.where(total > 0)
    out["n"] = total
    return out


def compare(icews: pd.DataFrame, gdelt: pd.DataFrame, *, min_events: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (per dyad, per year) comparisons of two event tables (sender, target, year, [month], four quads).

    Per dyad (both sources with ≥ ``min_events`` events in every common year): ``sender``, ``target``,
    ``years``, ``n_icews``, ``n_gdelt``, ``r_counts`` (Pearson over quad × year cells; NaN if a side is
    constant), ``coop_icews``, ``coop_gdelt`` (cooperation shares over the years). Per year: ``year``,
    ``dyads``, ``r_coop_share`` (Pearson over dyads), ``rho_coop_share`` (Spearman).
    """
    a, b = _yearly(icews), _yearly(gdelt)
    both = a.merge(b, on=["sender", "target", "year"], suffixes=("_icews", "_gdelt"))
    both = both[(both["n_icews"] >= min_events) & (both["n_gdelt"] >= min_events)]
    if both.empty:
        raise NoData("no dyad-year has events in both ICEWS and GDELT: fetch GDELT 1.0 for 2013–2014 first")
    rows = []
    for (sender, target), part in both.groupby(["sender", "target"], sort=True):
        x = part[[f"{q}_icews" for q in QUADS]].to_numpy(float).ravel()
        y = part[[f"{q}_gdelt" for q in QUADS]].to_numpy(float).ravel()
        r = float(np.corrcoef(x, y)[0, 1]) if x.std() > 0 and y.std() > 0 else float("nan")
        coop = lambda suffix: float(  # noqa: E731
            (part[f"verb_coop_{suffix}"].sum() + part[f"matl_coop_{suffix}"].sum()) / part[f"n_{suffix}"].sum()
        )
        rows.append(
            {
                "sender": sender,
                "target": target,
                "years": len(part),
                "n_icews": int(part["n_icews"].sum()),
                "n_gdelt": int(part["n_gdelt"].sum()),
                "r_counts": r,
                "coop_icews": coop("icews"),
                "coop_gdelt": coop("gdelt"),
            }
        )
    per_year = []
    for year, part in both.groupby("year", sort=True):
        ok = part["coop_share_icews"].std() > 0 and part["coop_share_gdelt"].std() > 0 and len(part) > 2
        per_year.append(
            {
                "year": int(year),
                "dyads": len(part),
                "r_coop_share": float(part["coop_share_icews"].corr(part["coop_share_gdelt"])) if ok else np.nan,
                "rho_coop_share": float(part["coop_share_icews"].corr(part["coop_share_gdelt"], method="spearman"))
                if ok
                else np.nan,
            }
        )
    return pd.DataFrame(rows), pd.DataFrame(per_year)


def from_store(source: str = "gdelt1", *, start: int = 2013, end: int = 2014, min_events: int = 10):
    """Compare ICEWS with the store's GDELT ``source`` over the years start..end; see :func:`compare`."""
    sql = (
        "SELECT source, sender, target, year, verb_coop, matl_coop, verb_conf, matl_conf FROM event_dyads "
        "WHERE source IN ('icews', ?) AND year BETWEEN ? AND ?"
    )
    frame = store.query(sql, [source, start, end])
    return compare(frame[frame["source"] == "icews"], frame[frame["source"] == source], min_events=min_events)
