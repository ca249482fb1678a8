"""Polity5 (Center for Systemic Peace), 1776–2020: polity2 (−10…10), democ, autoc, xconst, …

Upstream: https://www.systemicpeace.org/inscrdata.html. Codes −66/−77/−88 (interruption,
interregnum, transition) are not scores and are dropped.
"""

from __future__ import annotations

from pathlib import Path

from valuesgap.sources.indicators import fill_iso3, melt, read_parquet
from valuesgap.sources.spec import Found, Loaded

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


def read(path: Path):
    """Return long rows of Polity5 (special codes dropped)."""
    frame = read_parquet(path, ["polity_annual_country", "year", "iso3_via_vdem", "polity2"])
    for var in VARIABLES:
        if var in frame.columns:
            frame[var] = frame[var].where(~frame[var].isin(SPECIAL_CODES))
    iso3 = fill_iso3(frame, "iso3_via_vdem", "polity_annual_country", "year")
    return melt(frame, "polity5", iso3, frame["year"], VARIABLES)


def load(found: Found) -> Loaded:
    """Return the indicators rows of Polity5 (the reader contract)."""
    return Loaded({"indicators": read(found.path("polity5", "data"))})
