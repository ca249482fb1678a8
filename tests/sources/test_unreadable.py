"""A source file that cannot be read: a missing package is said as such, a damaged file as corrupt."""

from __future__ import annotations

import pandas as pd
import pytest

from valuesgap.errors import DataMissing
from valuesgap.sources import tables


def test_missing_package_is_not_called_a_corrupt_file(tmp_path, monkeypatch):
    book = tmp_path / "votes.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")

    def no_openpyxl(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'openpyxl'", name="openpyxl")

    monkeypatch.setattr(pd, "ExcelFile", no_openpyxl)
    with pytest.raises(DataMissing) as caught:
        tables.read_excel(book)
    message = str(caught.value)
    assert "'openpyxl'" in message and "scripts/install.sh" in message and "corrupt" not in message


def test_damaged_file_is_corrupt(tmp_path):
    broken = tmp_path / "votes.csv.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 cut short")
    with pytest.raises(DataMissing, match=r"votes\.csv\.gz .* the file is corrupt; fetch it again"):
        tables.read_csv(broken)
