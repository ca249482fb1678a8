"""Polity5 (Center for Systemic Peace), 1776–2020: polity2 (−10…10), democ, autoc, xconst, …

Upstream: https://www.systemicpeace.org/inscrdata.html (p5v2018.xls, read here as published; the
mirror keeps a parquet form with ISO3 codes added). Codes −66/−77/−88 (interruption, interregnum,
transition) are not scores and are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.sources.indicators import fill_iso3, iso3_from_names, melt, read_parquet
from valuesgap.sources.spec import UPSTREAM, Found, Loaded
from valuesgap.sources.tables import read_excel

STEP = "Polity5"
VARIABLES = (
    "polity2",
    "polity",
    "democ",
    "autoc",
    "xrreg",
    "xrcomp",
    "xropen",
    "xconst",
    "parreg",
    "parcomp",
    "exrec",
    "exconst",
    "polcomp",
    "durable",
)
SPECIAL_CODES = (-66, -77, -88)


def read(path: Path, form: str = "mirror") -> pd.DataFrame:
    """Return long rows of Polity5 (special codes dropped); ``form`` "upstream" reads p5v2018.xls."""
    if form == UPSTREAM:
        frame = read_excel(path, 0)
        missing = [c for c in ("ccode", "country", "year", "polity2") if c not in frame.columns]
        if missing:
            from valuesgap.errors import DataMissing

            raise DataMissing(f"{path} lacks columns {missing}: not the Polity5 annual file")
        iso3 = iso3_from_names(frame["country"], frame["year"], codes=frame["ccode"])
    else:
        frame = read_parquet(path, ["polity_annual_country", "year", "iso3_via_vdem", "polity2"])
        iso3 = fill_iso3(frame, "iso3_via_vdem", "polity_annual_country", "year")
    for var in VARIABLES:
        if var in frame.columns:
            frame[var] = frame[var].where(~frame[var].isin(SPECIAL_CODES))
    return melt(frame, "polity5", iso3, frame["year"], VARIABLES)


def load(found: Found) -> Loaded:
    """Return the indicators rows of Polity5 (the reader contract)."""
    return Loaded({"indicators": read(found.path("polity5", "data"), found.form("polity5"))})
