"""Fariss latent human-rights protection scores v4.02 (1946–2021): theta_mean with theta_sd.

Upstream: Harvard Dataverse doi:10.7910/DVN/TADPGE (a CSV, or Dataverse's tab-separated archival form;
the mirror keeps a parquet form with ISO3 codes added). ``theta_mean`` is stored with the 95% interval
the file gives (theta_q025, theta_q975) as lower/upper; ``theta_sd`` is stored as its own variable.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.sources.indicators import fill_iso3, iso3_from_names, melt, read_parquet
from valuesgap.sources.spec import UPSTREAM, Found, Loaded
from valuesgap.sources.tables import read_csv

STEP = "Fariss human-rights scores"
COLUMNS = ("country_name", "COW", "YEAR", "theta_mean", "theta_sd", "theta_q025", "theta_q975")


def _bounds(frame: pd.DataFrame, var: str) -> tuple[pd.Series, pd.Series] | None:
    return (frame["theta_q025"], frame["theta_q975"]) if var == "theta_mean" else None


def read(path: Path, form: str = "mirror") -> pd.DataFrame:
    """Return long rows: theta_mean (with its 95% interval) and theta_sd."""
    if form == UPSTREAM:
        frame = read_csv(path, COLUMNS, usecols=COLUMNS)
        iso3 = iso3_from_names(frame["country_name"], frame["YEAR"], codes=frame["COW"])
    else:
        frame = read_parquet(path, ["country_name", "YEAR", "iso3_via_vdem", "theta_mean", "theta_sd"])
        iso3 = fill_iso3(frame, "iso3_via_vdem", "country_name", "YEAR")
    return melt(frame, "fariss", iso3, frame["YEAR"], ["theta_mean", "theta_sd"], _bounds)


def load(found: Found) -> Loaded:
    """Return the indicators rows of Fariss scores (the reader contract)."""
    return Loaded({"indicators": read(found.path("fariss", "data"), found.form("fariss"))})
