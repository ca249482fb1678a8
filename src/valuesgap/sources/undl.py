"""Shared reading of the UN Digital Library's voting files (General Assembly and Security Council).

Both files have one row per member state and adopted resolution, read by column name. A header this
module does not know is refused with one line listing the header; unknown extra columns are refused
too, since a changed layout means the meaning of the columns may have changed.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from valuesgap.errors import DataMissing

# ms_vote: Y yes, N no, A abstention, X non-voting (absent, not participating, or no vote taken).
VOTE_CODE = {"Y": 1, "A": 2, "N": 3, "X": 8}
VOTE_LABEL = {1: "yes", 2: "abstain", 3: "no", 8: "non-voting"}

# Member-state codes of the files that are not current ISO3 codes, and what the store files them under
# (the same entities as the Voeten data: the Soviet Union's votes are Russia's, West Germany is Germany).
HISTORICAL_CODES = {
    "SUN": "RUS",  # Union of Soviet Socialist Republics, as the files code it (ms_name USSR)
    "USSR": "RUS",  # the same, as the files' documentation also spells it
    "GER": "DEU",  # "GERMANY, FEDERAL REPUBLIC OF" in the Council file before 1990
}
YUGOSLAVIA_END = pd.Timestamp("1992-12-31")  # YUG after this is the FR Yugoslavia / Serbia (SRB)


def open_text(path: Path) -> str:
    """Return the file's text (plain or gzip CSV); DataMissing naming the file if it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or place the file there")
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise DataMissing(
            f"cannot read {path} ({type(exc).__name__}): the file is corrupt or not a CSV; fetch it again"
        ) from exc


def read_rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...], what: str) -> pd.DataFrame:
    """Return the file's rows as strings, checking the header against the layout by column name.

    Raises DataMissing with one line listing the header when a required column is missing or a
    column is not part of the layout (``what`` names the file kind in the message).
    """
    text = open_text(path)
    first = text.split("\n", 1)[0].strip("\r")
    header = next(csv.reader([first])) if first else []
    known = set(required) | set(optional)
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in known]
    if missing or unknown or not header:
        shown = ",".join(header)[:300] or "(empty file)"
        problem = []
        if missing:
            problem.append(f"missing {', '.join(missing)}")
        if unknown:
            problem.append(f"unknown {', '.join(unknown)}")
        raise DataMissing(
            f"{path} is not the {what} layout ({'; '.join(problem)}); its header is: {shown} "
            "— fetch the file again or check --url"
        )
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[])
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataMissing(f"cannot parse {path} ({exc.__class__.__name__}): the file is truncated or corrupt") from exc
    if frame.empty:
        raise DataMissing(f"{path} has a header but no rows: the download is truncated; fetch it again")
    if not text.endswith(("\n", "\r")):
        last = next(csv.reader([text.rsplit("\n", 1)[-1]]), [])
        if len(last) < len(header):
            raise DataMissing(
                f"{path} ends inside a row (its last line has {len(last)} of {len(header)} fields): "
                "the download is truncated; fetch it again"
            )
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    return frame


def vote_codes(values: pd.Series, path: Path) -> pd.Series:
    """Return ms_vote as codes 1 yes, 2 abstain, 3 no, 8 non-voting; DataMissing on any other value."""
    codes = values.str.strip().str.upper().map(VOTE_CODE)
    bad = codes.isna()
    if bad.any():
        sample = sorted(set(values[bad]))[:5]
        raise DataMissing(
            f"{path} has {int(bad.sum())} ms_vote values outside Y/N/A/X (e.g. {sample}): the file is corrupt"
        )
    return codes.astype("int8")


def entity_codes(ms_code: pd.Series, date: pd.Series) -> pd.Series:
    """Return the store's entity code for each row: historical codes mapped, Yugoslavia split at 1993."""
    code = ms_code.str.strip().str.upper()
    mapped = code.map(HISTORICAL_CODES).fillna(code)
    late_yug = mapped.eq("YUG") & (date > YUGOSLAVIA_END)
    return mapped.mask(late_yug, "SRB")


def parse_dates(values: pd.Series, path: Path) -> pd.Series:
    """Return the date column as datetimes; DataMissing naming the file when a date does not parse."""
    dates = pd.to_datetime(values.str.strip(), errors="coerce", format="mixed")
    bad = dates.isna()
    if bad.any():
        raise DataMissing(
            f"{path} has {int(bad.sum())} rows without a valid date (e.g. {values[bad].iloc[0]!r}): the file is corrupt"
        )
    return dates


def integers(values: pd.Series, path: Path, column: str) -> pd.Series:
    """Return a count column (written as 120 or 120.0) as integers; DataMissing if not a number."""
    numbers = pd.to_numeric(values.str.strip().replace("", "0"), errors="coerce")
    if numbers.isna().any():
        raise DataMissing(f"{path} has non-numeric values in {column}: the file is corrupt")
    return numbers.round().astype("int64")


TOTALS = ("total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms")


def with_totals(table: pd.DataFrame, first: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Return ``table`` with the vote totals of ``first`` (one row per record, aligned) as integers."""
    return table.assign(**{column: integers(first[column], path, column) for column in TOTALS})


def read_vote_rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...], what: str) -> pd.DataFrame:
    """Return the rows of an official voting file with ``undl_id`` as int64 and ``date`` parsed.

    Raises DataMissing when a row has no numeric ``undl_id`` (a corrupt file).
    """
    rows = read_rows(path, required, optional, what)
    ids = pd.to_numeric(rows["undl_id"].str.strip(), errors="coerce")
    if ids.isna().any():
        raise DataMissing(f"{path} has rows without a numeric undl_id: the file is corrupt")
    rows["undl_id"] = ids.astype("int64")
    rows["date"] = parse_dates(rows["date"], path)
    return rows


def validate_with(read: Callable[[Path], Any], path: Path, name: str) -> None:
    """Read ``path`` with ``read`` (a whole-file reader) and return None; DataMissing naming the file as
    ``name`` (not the download's temporary path) when the content is refused."""
    try:
        read(Path(path))
    except DataMissing as exc:
        raise DataMissing(str(exc).replace(str(path), name)) from None
