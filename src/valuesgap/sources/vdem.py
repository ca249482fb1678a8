"""V-Dem country-year data: v14 (a 297-variable subset, 1970–2023) and v15 (seven indices, 1789–2024).

Upstream: V-Dem Institute, https://v-dem.net/data/the-v-dem-dataset/ (CC BY-SA 4.0), as CSV inside a zip
(Country-Year Full+Others v14, Country-Year Core v15); the mirror keeps parquet subsets of them. Indices
run 0–1; ``v2…`` indicators without ``x`` are on the latent scale. v15 gives ``_codelow``/``_codehigh``
(68% highest posterior density interval), stored as lower/upper.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.sources.indicators import melt, numeric_columns, read_parquet
from valuesgap.sources.spec import UPSTREAM, Found, Loaded
from valuesgap.sources.tables import read_csv
from valuesgap.sources.vdem_columns import V14_COLUMNS

STEP = "V-Dem"
ID_COLUMNS = (
    "country_name",
    "vdem_country_name",
    "country_text_id",
    "country_id",
    "year",
    "historical_date",
    "project",
    "historical",
    "histname",
    "vdem_cowcode",
    "extended_country_name",
    "GWn",
    "cown",
)
SUFFIXES = ("_codelow", "_codehigh", "_sd", "_osp", "_ord", "_nr", "_mean")
V15_INDICES = ("v2x_polyarchy", "v2x_libdem", "v2x_partipdem", "v2x_delibdem", "v2x_egaldem", "v2x_api", "v2x_mpi")
# What the store takes from the published CSVs: the mirror's columns, and (v14) its years.
UPSTREAM_COLUMNS = {
    "vdem14": frozenset(V14_COLUMNS),
    "vdem15": frozenset(
        ["country_text_id", "year", *[f"{v}{s}" for v in V15_INDICES for s in ("", "_codelow", "_codehigh", "_sd")]]
    ),
}
UPSTREAM_YEARS = {"vdem14": (1970, 2023)}


def _bounds(frame: pd.DataFrame, var: str) -> tuple[pd.Series, pd.Series] | None:
    """Return V-Dem's code-low/code-high columns of ``var`` when the file has them."""
    lo, hi = f"{var}_codelow", f"{var}_codehigh"
    if lo in frame.columns and hi in frame.columns:
        return frame[lo], frame[hi]
    return None


def read(path: Path, source: str, form: str = "mirror") -> pd.DataFrame:
    """Return the long indicators rows of a V-Dem file (variables with their upstream names).

    ``form`` "upstream" reads the published CSV zip, taking only the columns (and years) the store keeps.
    """
    if form == UPSTREAM:
        frame = read_csv(path, ["country_text_id", "year"], usecols=UPSTREAM_COLUMNS[source])
        lo, hi = UPSTREAM_YEARS.get(source, (None, None))
        if lo is not None:
            frame = frame[frame["year"].between(lo, hi)].reset_index(drop=True)
    else:
        frame = read_parquet(path, ["country_text_id", "year"])
    variables = [c for c in numeric_columns(frame, ID_COLUMNS) if not c.endswith(SUFFIXES)]
    return melt(frame, source, frame["country_text_id"], frame["year"], variables, _bounds)


def load(found: Found) -> Loaded:
    """Return the indicators rows of the installed V-Dem releases (the reader contract)."""
    parts = [read(found.path(source, "data"), source, found.form(source)) for source in found.sources]
    return Loaded({"indicators": pd.concat(parts, ignore_index=True)})
