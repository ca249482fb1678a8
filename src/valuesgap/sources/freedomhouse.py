"""Freedom House, Freedom in the World: ratings 1972–2024 (pr, cl 1 best … 7 worst) and the 0–100
scores with sub-scores A1…G4 (editions 2013–2025; ``year`` is the year covered).

Upstream: https://freedomhouse.org/report/freedom-world (Excel workbooks, read here as published);
the mirror keeps parquet forms of them with ISO3 codes added.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.sources.indicators import fill_iso3, iso3_from_names, melt, numeric_columns, read_parquet
from valuesgap.sources.spec import UPSTREAM, Found, Loaded
from valuesgap.sources.tables import read_excel, sheets_of

STEP = "Freedom House"
RATING_VARIABLES = ("pr", "cl", "fh_total", "fh_total_reversed")
STATUS_CODE = {"F": 1.0, "PF": 2.0, "NF": 3.0}  # stored as `status_code`: 1 free, 2 partly free, 3 not free
# The all-data workbook's headers → the names the store uses (those of the mirror's form).
SCORE_NAMES = {
    "Country/Territory": "fh_full_country",
    "Region": "region",
    "C/T": "country_or_territory",
    "Edition": "edition",
    "Status": "status",
    "PR rating": "pr",
    "CL rating": "cl",
    "Add Q": "AddQ",
    "Add A": "AddA",
    "PR": "pr_full",
    "CL": "cl_full",
    "Total": "total",
}


def read_ratings(path: Path, form: str = "mirror") -> pd.DataFrame:
    """Return long rows of the ratings file: pr, cl, fh_total, fh_total_reversed, status_code."""
    if form == UPSTREAM:
        frame = ratings_workbook(path)
        iso3 = iso3_from_names(frame["fh_country"], frame["year"])
    else:
        frame = read_parquet(path, ["fh_country", "year", "iso3_via_vdem", "pr", "cl", "status"])
        iso3 = fill_iso3(frame, "iso3_via_vdem", "fh_country", "year")
    frame["status_code"] = frame["status"].astype(str).map(STATUS_CODE)
    return melt(frame, "fh_ratings", iso3, frame["year"], [*RATING_VARIABLES, "status_code"])


def ratings_workbook(path: Path) -> pd.DataFrame:
    """Return fh_country, year, pr, cl, status, fh_total (pr + cl), fh_total_reversed (14 − total) from
    the ratings workbook: per sheet of countries or territories, a row of years under review (the
    1980s surveys name months of two years; the later year is taken), a row of PR / CL / Status, then
    one row per country with "-" where not rated."""
    parts = []
    for name in sheets_of(path):
        if "ratings" not in name.lower():
            continue
        raw = read_excel(path, name, header=None)
        header = _row_with(raw, "PR")
        if header is None or header == 0:
            raise DataMissing(f"{path}, sheet {name!r}: no row of PR / CL / Status headers: not the expected layout")
        years, current = {}, None
        for j, cell in enumerate(raw.iloc[header - 1]):
            found = re.findall(r"(?:18|19|20)\d\d", str(cell)) if pd.notna(cell) else []
            if found:
                current = int(found[-1])
            if current is not None:
                years[j] = current
        heads = raw.iloc[header]
        rows = raw.iloc[header + 1 :]
        for j, head in heads.items():
            if str(head).strip() != "PR" or j not in years:
                continue
            block = pd.DataFrame(
                {
                    "fh_country": rows[0].astype(str).str.strip(),
                    "year": years[j],
                    "pr": pd.to_numeric(rows[j], errors="coerce"),
                    "cl": pd.to_numeric(rows[j + 1], errors="coerce"),
                    "status": rows[j + 2].where(rows[j + 2].isin(list(STATUS_CODE))),
                }
            )
            parts.append(block[rows[0].notna().to_numpy()])
    if not parts:
        raise DataMissing(f"{path} has no ratings sheet: not the Freedom House ratings workbook")
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["pr"].notna() | frame["cl"].notna()].reset_index(drop=True)
    frame["fh_total"] = frame["pr"] + frame["cl"]
    frame["fh_total_reversed"] = 14 - frame["fh_total"]
    return frame


def _row_with(raw: pd.DataFrame, text: str) -> int | None:
    """Return the index of the first row of a sheet with a cell equal to ``text``."""
    for i in range(min(len(raw), 12)):
        if (raw.iloc[i].astype(str).str.strip() == text).any():
            return i
    return None


def read_scores(path: Path, form: str = "mirror") -> pd.DataFrame:
    """Return long rows of the scores file: total, pr/cl points, categories A…G and sub-scores."""
    if form == UPSTREAM:
        frame = scores_workbook(path)
    else:
        frame = read_parquet(path, ["iso3_via_vdem", "year", "edition", "total"])
        frame = frame[frame["iso3_via_vdem"].notna() | frame["fh_full_country"].notna()]
    if form == UPSTREAM:
        iso3 = iso3_from_names(frame["fh_full_country"], frame["year"])
    else:
        iso3 = fill_iso3(frame, "iso3_via_vdem", "fh_full_country", "year")
    variables = numeric_columns(frame, ("year", "edition"))
    return melt(frame, "fh_scores", iso3, frame["year"], variables)


def scores_workbook(path: Path) -> pd.DataFrame:
    """Return the all-data workbook's sheet (named FIW…) with the store's column names; ``year`` is the
    edition − 1 (the year covered)."""
    sheet = next((s for s in sheets_of(path) if s.upper().startswith("FIW")), None)
    if sheet is None:
        raise DataMissing(f"{path} has no FIW… sheet: not the Freedom House all-data workbook")
    raw = read_excel(path, sheet, header=None)
    header = _row_with(raw, "Country/Territory")
    if header is None:
        raise DataMissing(f"{path}: no Country/Territory header row: not the expected layout")
    frame = raw.iloc[header + 1 :].copy()
    frame.columns = [SCORE_NAMES.get(str(c).strip(), str(c).strip()) for c in raw.iloc[header]]
    frame = frame[frame["fh_full_country"].notna()].reset_index(drop=True)
    text = {"fh_full_country", "region", "country_or_territory", "status"}
    for col in frame.columns:
        if col not in text:
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame["year"] = (frame["edition"] - 1).astype("int64")
    return frame


READERS = {"fh_ratings": read_ratings, "fh_scores": read_scores}


def load(found: Found) -> Loaded:
    """Return the indicators rows of the installed Freedom House files (the reader contract)."""
    parts = [READERS[source](found.path(source, "data"), found.form(source)) for source in found.sources]
    return Loaded({"indicators": pd.concat(parts, ignore_index=True)})
