"""Shared reshaping of country-year indicator files into the store's long ``indicators`` table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap.errors import DataMissing

COLUMNS = ["iso3", "year", "source", "variable", "value", "lower", "upper"]


def read_parquet(path: Path, required: Iterable[str]) -> pd.DataFrame:
    """Return a parquet file as a frame; DataMissing if it is missing, corrupt or lacks a column."""
    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:
        raise DataMissing(f"cannot read {path} ({type(exc).__name__}): the file is corrupt; fetch it again") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataMissing(f"{path} lacks columns {missing}: not the expected release")
    return frame


def fill_iso3(frame: pd.DataFrame, iso3_col: str, name_col: str, year_col: str) -> pd.Series:
    """Return ISO3 codes: the file's own where present, else the resolver's match of the name.

    A name match is dropped (None) where the file already has a row of its own for that state and
    year: such names are territories (e.g. "Indian Kashmir") that a loose match would file under the
    state.
    """
    from valuesgap.countries import resolve_source_name
    from valuesgap.errors import UnknownCountry

    iso3 = frame[iso3_col].astype("object").where(frame[iso3_col].notna(), None)
    missing_names = frame.loc[iso3.isna(), name_col].dropna().unique()
    found: dict[str, str | None] = {}
    for name in missing_names:
        try:
            found[name] = resolve_source_name(str(name)).iso3
        except UnknownCountry:
            found[name] = None
    filled = frame[name_col].map(found).where(iso3.isna())
    native = set(zip(iso3.dropna(), frame.loc[iso3.notna(), year_col]))
    clash = [(code, year) in native for code, year in zip(filled, frame[year_col])]
    filled = filled.mask(pd.Series(clash, index=frame.index))
    return iso3.fillna(filled)


def melt(
    frame: pd.DataFrame,
    source: str,
    iso3: pd.Series,
    year: pd.Series,
    variables: Iterable[str],
    bounds: Callable[[pd.DataFrame, str], tuple[pd.Series, pd.Series] | None] | None = None,
) -> pd.DataFrame:
    """Return long rows (iso3, year, source, variable, value, lower, upper) for ``variables``.

    ``bounds(frame, variable)`` gives the source's own interval for a variable, or None.
    Rows with no ISO3 or a missing value are dropped.
    """
    parts = []
    for var in variables:
        if var not in frame.columns:
            continue
        value = pd.to_numeric(frame[var], errors="coerce")
        lo_hi = bounds(frame, var) if bounds else None
        lower = lo_hi[0] if lo_hi else pd.Series(np.nan, index=frame.index)
        upper = lo_hi[1] if lo_hi else pd.Series(np.nan, index=frame.index)
        part = pd.DataFrame(
            {
                "iso3": iso3,
                "year": year,
                "source": source,
                "variable": var,
                "value": value,
                "lower": lower,
                "upper": upper,
            }
        )
        parts.append(part[part["value"].notna() & part["iso3"].notna()])
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    # A state-year twice in one file (e.g. Polity's West Germany and Germany in 1990): keep the later row.
    out = out.drop_duplicates(["iso3", "year", "variable"], keep="last")
    return out[COLUMNS].reset_index(drop=True)


def numeric_columns(frame: pd.DataFrame, exclude: Iterable[str]) -> list[str]:
    """Return the numeric columns of ``frame`` not in ``exclude``."""
    skip = set(exclude)
    return [
        c
        for c in frame.columns
        if c not in skip and pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]


def iso3_from_names(names: pd.Series, years: pd.Series, codes: pd.Series | None = None) -> pd.Series:
    """Return ISO3 per row of a file that names states and, optionally, gives their COW codes.

    A COW code decides where the resolver knows it; else the name does. A name match is dropped where
    a coded row already has that state and year, and where two names of one year land on one state
    (a territory matched loosely, e.g. "Indian Kashmir" → India) only the name closest to the state's
    own name keeps it.
    """
    import difflib

    from valuesgap.countries import name_of, resolve
    from valuesgap.errors import UnknownCountry

    def lookup(value: str | int) -> str | None:
        try:
            return resolve(value).iso3
        except UnknownCountry:
            return None

    coded = pd.Series(None, index=names.index, dtype="object")
    if codes is not None:
        numeric = pd.to_numeric(codes, errors="coerce")
        by_code = {c: lookup(int(c)) for c in numeric.dropna().unique()}
        coded = numeric.map(by_code).astype("object")
    by_name = {n: lookup(str(n)) for n in names[coded.isna()].dropna().unique()}
    named = names.map(by_name).where(coded.isna())
    native = set(zip(coded.dropna(), years[coded.notna()]))
    frame = pd.DataFrame({"iso3": named, "year": years, "name": names.astype(str)}).dropna(subset=["iso3"])
    drop = pd.Series([(c, y) in native for c, y in zip(frame["iso3"], frame["year"])], index=frame.index, dtype=bool)
    named.loc[frame.index[drop]] = None
    frame = frame.loc[~drop]
    clash = frame[frame.duplicated(["iso3", "year"], keep=False)]
    for (code, _year), group in clash.groupby(["iso3", "year"]):
        own = name_of(str(code)).lower()
        best = max(group["name"].unique(), key=lambda n: difflib.SequenceMatcher(None, n.lower(), own).ratio())
        named.loc[group.index[group["name"] != best]] = None
    out = coded.where(coded.notna(), named)
    return out.astype("object").where(out.notna(), None)
