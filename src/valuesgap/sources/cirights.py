"""CIRIGHTS v1.22.11.25 (1981–2020), successor of CIRI: physical integrity and other rights.

Upstream: https://cirights.com/. ``human_rights_score`` is filled only for 2019; use ``physint_sum``
(0–8) and the components (``polpris``, ``disap``, ``tort``, ``kill`` 0–2; ``speech`` …).
"""

from __future__ import annotations

from pathlib import Path

from valuesgap.sources.indicators import fill_iso3, melt, numeric_columns, read_parquet
from valuesgap.sources.spec import Found, Loaded

STEP = "CIRIGHTS"

ID_COLUMNS = ("year", "ciri", "cow", "polity", "unctry", "unreg", "unsubreg")


def read(path: Path):
    """Return long rows of every numeric CIRIGHTS variable."""
    frame = read_parquet(path, ["country", "iso_a3", "year", "physint_sum"])
    iso3 = fill_iso3(frame, "iso_a3", "country", "year")
    return melt(frame, "cirights", iso3, frame["year"], numeric_columns(frame, ID_COLUMNS))


def load(found: Found) -> Loaded:
    """Return the indicators rows of CIRIGHTS (the reader contract)."""
    return Loaded({"indicators": read(found.path("cirights", "data"))})
