"""World Bank Worldwide Governance Indicators, 2024 release (1996–2023).

Upstream: https://www.worldbank.org/en/publication/worldwide-governance-indicators. Each of va, pv,
ge, rq, rl, cc has ``_estimate`` (≈ N(0,1)), ``_stddev``, ``_pctrank`` with its 90% bounds. The
estimate is stored with ±1.645 stddev (the 90% interval the World Bank reports) as lower/upper.
Country codes are the World Bank's; the few that differ from ISO3 are mapped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.sources.indicators import melt, read_parquet
from valuesgap.sources.spec import Found, Loaded

STEP = "World Bank WGI"

WB_TO_ISO3 = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "ADO": "AND", "KSV": "XKX", "WBG": "PSE"}
DIMENSIONS = ("va", "pv", "ge", "rq", "rl", "cc")
Z90 = 1.6448536269514722


def _bounds(frame: pd.DataFrame, var: str) -> tuple[pd.Series, pd.Series] | None:
    if var.endswith("_estimate"):
        sd = frame[var.replace("_estimate", "_stddev")]
        return frame[var] - Z90 * sd, frame[var] + Z90 * sd
    if var.endswith("_pctrank"):
        return frame[f"{var}lower"], frame[f"{var}upper"]
    return None


def read(path: Path) -> pd.DataFrame:
    """Return long rows: each dimension's estimate (with 90% interval), stddev and percentile rank."""
    frame = read_parquet(path, ["countryname", "code", "year", "rl_estimate"])
    iso3 = frame["code"].replace(WB_TO_ISO3)
    variables = [f"{d}_{kind}" for d in DIMENSIONS for kind in ("estimate", "stddev", "pctrank")]
    return melt(frame, "wgi", iso3, frame["year"], variables, _bounds)


def load(found: Found) -> Loaded:
    """Return the indicators rows of WGI (the reader contract)."""
    return Loaded({"indicators": read(found.path("wgi", "data"))})
