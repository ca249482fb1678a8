"""Reading tables in the containers publishers ship them in: CSV (plain, gzip, or inside a zip),
Dataverse's tab-separated archival form, Excel workbooks (xlsx, xls) and parquet.

Each reader raises DataMissing naming the file when it is missing, damaged or lacks a column, and
reads only the columns asked for (``usecols``: names, or a predicate on a name).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing

Columns = Iterable[str] | Callable[[str], bool] | None


def _exists(path: Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    return path


def unreadable(path: Path, exc: BaseException) -> DataMissing:
    """Return the one-line error for a source file a reader failed on: a Python package missing from the
    install (the file is fine), or a damaged file to fetch again."""
    if isinstance(exc, ImportError):
        package = exc.name or str(exc)
        return DataMissing(
            f"cannot read {path}: the Python package {package!r} it needs is not installed; "
            "run 'bash scripts/install.sh' (installs from the lock)"
        )
    return DataMissing(f"cannot read {path} ({type(exc).__name__}): the file is corrupt; fetch it again")


def _require(frame: pd.DataFrame, required: Iterable[str], path: Path) -> pd.DataFrame:
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataMissing(f"{path} lacks columns {missing}: not the expected release")
    return frame


def _usecols(columns: Columns) -> Callable[[str], bool] | list[str] | None:
    if columns is None or callable(columns):
        return columns
    wanted = set(columns)
    return lambda name: name in wanted


def read_csv(path: Path, required: Iterable[str] = (), usecols: Columns = None, **kwargs) -> pd.DataFrame:
    """Return a CSV (``.csv``, ``.csv.gz``), a Dataverse ``.tab`` file, or the CSV inside a ``.zip``."""
    path = _exists(path)
    sep = "\t" if path.suffix == ".tab" else ","
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv") and "/__MACOSX" not in m]
                if not members:
                    raise DataMissing(f"{path} holds no CSV file: not the expected release")
                member = max(members, key=lambda m: archive.getinfo(m).file_size)
                with archive.open(member) as handle:
                    frame = pd.read_csv(handle, usecols=_usecols(usecols), low_memory=False, **kwargs)
        else:
            frame = pd.read_csv(path, sep=sep, usecols=_usecols(usecols), low_memory=False, **kwargs)
    except DataMissing:
        raise
    except Exception as exc:
        raise unreadable(path, exc) from exc
    return _require(frame, required, path)


def read_excel(
    path: Path, sheet: str | int | Callable[[list[str]], str] = 0, header: int | None = 0, **kwargs
) -> pd.DataFrame:
    """Return one sheet of an xlsx/xls workbook (``sheet``: a name, an index, or a chooser of names)."""
    path = _exists(path)
    try:
        book = pd.ExcelFile(path)
        name = sheet(book.sheet_names) if callable(sheet) else sheet
        return book.parse(name, header=header, **kwargs)
    except DataMissing:
        raise
    except Exception as exc:
        raise unreadable(path, exc) from exc


def sheets_of(path: Path) -> list[str]:
    """Return the sheet names of a workbook."""
    path = _exists(path)
    try:
        return list(pd.ExcelFile(path).sheet_names)
    except Exception as exc:
        raise unreadable(path, exc) from exc
