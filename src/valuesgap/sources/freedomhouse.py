"""Freedom House, Freedom in the World: ratings 1972–2024 (pr, cl 1 best … 7 worst) and the 0–100
scores with sub-scores A1…G4 (editions 2013–2025; ``year`` is the year covered).

Upstream: https://freedomhouse.org/report/freedom-world (Excel workbooks).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.sources.indicators import fill_iso3, melt, numeric_columns, read_parquet
from valuesgap.sources.spec import Found, Loaded

STEP = "Freedom House"

RATING_VARIABLES = ("pr", "cl", "fh_total", "fh_total_reversed")
STATUS_CODE = {"F": 1.0, "PF": 2.0, "NF": 3.0}  # stored as `status_code`: 1 free, 2 partly free, 3 not free


def read_ratings(path: Path) -> pd.DataFrame:
    """Return long rows of the ratings file: pr, cl, fh_total, fh_total_reversed, status_code."""
    frame = read_parquet(path, ["fh_country", "year", "iso3_via_vdem", "pr", "cl", "status"])
    frame["status_code"] = frame["status"].astype(str).map(STATUS_CODE)
    iso3 = fill_iso3(frame, "iso3_via_vdem", "fh_country", "year")
    return melt(frame, "fh_ratings", iso3, frame["year"], [*RATING_VARIABLES, "status_code"])


def read_scores(path: Path) -> pd.DataFrame:
    """Return long rows of the scores file: total, pr/cl points, categories A…G and sub-scores."""
    frame = read_parquet(path, ["iso3_via_vdem", "year", "edition", "total"])
    frame = frame[frame["iso3_via_vdem"].notna() | frame["fh_full_country"].notna()]
    iso3 = fill_iso3(frame, "iso3_via_vdem", "fh_full_country", "year")
    variables = numeric_columns(frame, ("year", "edition"))
    return melt(frame, "fh_scores", iso3, frame["year"], variables)


READERS = {"fh_ratings": read_ratings, "fh_scores": read_scores}


def load(found: Found) -> Loaded:
    """Return the indicators rows of the installed Freedom House files (the reader contract)."""
    parts = [READERS[source](found.path(source, "data")) for source in found.sources]
    return Loaded({"indicators": pd.concat(parts, ignore_index=True)})
