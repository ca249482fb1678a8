"""World Bank Worldwide Governance Indicators, 2024 release (1996–2023).

Upstream: https://www.worldbank.org/en/publication/worldwide-governance-indicators (wgidataset.xlsx:
one row per economy, year and indicator, read here as published; the mirror keeps a parquet form
with one row per economy and year). Each of va, pv, ge, rq, rl, cc has ``_estimate`` (≈ N(0,1)),
``_stddev``, ``_pctrank`` with its 90% bounds. The estimate is stored with ±1.645 stddev (the 90%
interval the World Bank reports) as lower/upper. Country codes are the World Bank's; the few that
differ from ISO3 are mapped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.sources.indicators import melt, read_parquet
from valuesgap.sources.spec import UPSTREAM, Found, Loaded
from valuesgap.sources.tables import read_excel

STEP = "World Bank WGI"
WB_TO_ISO3 = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "ADO": "AND", "KSV": "XKX", "WBG": "PSE"}
DIMENSIONS = ("va", "pv", "ge", "rq", "rl", "cc")
MEASURES = ("estimate", "stddev", "nsource", "pctrank", "pctranklower", "pctrankupper")
Z90 = 1.6448536269514722


def _bounds(frame: pd.DataFrame, var: str) -> tuple[pd.Series, pd.Series] | None:
    if var.endswith("_estimate"):
        sd = frame[var.replace("_estimate", "_stddev")]
        return frame[var] - Z90 * sd, frame[var] + Z90 * sd
    if var.endswith("_pctrank"):
        return frame[f"{var}lower"], frame[f"{var}upper"]
    return None


def read(path: Path, form: str = "mirror") -> pd.DataFrame:
    """Return long rows: each dimension's estimate (with 90% interval), stddev and percentile rank."""
    frame = workbook(path) if form == UPSTREAM else read_parquet(path, ["countryname", "code", "year", "rl_estimate"])
    iso3 = frame["code"].replace(WB_TO_ISO3)
    variables = [f"{d}_{kind}" for d in DIMENSIONS for kind in ("estimate", "stddev", "pctrank")]
    return melt(frame, "wgi", iso3, frame["year"], variables, _bounds)


def workbook(path: Path) -> pd.DataFrame:
    """Return the published long workbook (code, countryname, year, indicator, estimate, …) as one row
    per economy and year with ``<indicator>_<measure>`` columns ("..": no value)."""
    long = read_excel(path, 0)
    need = ["code", "countryname", "year", "indicator", *MEASURES]
    missing = [c for c in need if c not in long.columns]
    if missing:
        raise DataMissing(f"{path} lacks columns {missing}: not the WGI long-format workbook")
    long = long[long["indicator"].isin(DIMENSIONS)]
    for m in MEASURES:
        long[m] = pd.to_numeric(long[m], errors="coerce")
    wide = long.pivot_table(
        index=["code", "countryname", "year"], columns="indicator", values=list(MEASURES), aggfunc="first", dropna=False
    )
    wide.columns = [f"{ind}_{m}" for m, ind in wide.columns]
    wide = wide.reset_index()
    wide["year"] = wide["year"].astype("int64")
    return wide


def load(found: Found) -> Loaded:
    """Return the indicators rows of the WGI (the reader contract)."""
    return Loaded({"indicators": read(found.path("wgi", "data"), found.form("wgi"))})
