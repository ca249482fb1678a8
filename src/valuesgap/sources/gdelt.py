"""GDELT event files: their layouts, the official file lists, and conversion to monthly Parquet.

Upstream (the GDELT Project, https://www.gdeltproject.org/data.html#rawdatafiles):
- **GDELT 2.0** event exports, one zipped tab-separated file every 15 minutes from 2015-02-18,
  ``http://data.gdeltproject.org/gdeltv2/YYYYMMDDHHMMSS.export.CSV.zip``, listed in
  ``masterfilelist.txt`` as ``SIZE MD5 URL`` lines (with the mentions and GKG files). 61 columns
  (GDELT Event Codebook V2.0, 2015): the 1.0 columns plus an ADM2 code in each of the three geo blocks,
  ``DATEADDED`` as YYYYMMDDHHMMSS.
- **GDELT 1.0** daily event files from 2013-04-01, ``http://data.gdeltproject.org/events/YYYYMMDD.export.CSV.zip``,
  listed in ``index.html`` as ``<A HREF="NAME">NAME</A> (6.2MB) (MD5: …)`` (the size only rounded). 58 columns
  (GDELT Data Format Codebook V1.03, 2013): 57 historical columns plus ``SOURCEURL``. Before that, the
  historical backfile in the same folder and list: monthly files ``YYYYMM.zip`` 2006-01…2013-03 and yearly
  files ``YYYY.zip`` 1979…2005, filed by the date of the event, in the 57-column layout (no ``SOURCEURL``;
  ``DATEADDED`` is the day of the backfile's processing). The reader tells the two 1.0 layouts apart by the
  column count of the first row.

Both have no header, no quoting, tabs between fields. Conversion keeps the columns the event measures
need (:data:`PARQUET_COLUMNS`), maps CAMEO actor country codes to ISO3 with ``facts/cameo_countries.csv``
and writes one Parquet file per source file under ``<root>/gdelt<version>/file_month=YYYY-MM/``, through
a temporary name and a rename, so the partition set never holds a half-written file.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from valuesgap.errors import DataMissing, InputError

BASE_URLS = {1: "http://data.gdeltproject.org/events", 2: "http://data.gdeltproject.org/gdeltv2"}
LIST_NAMES = {1: "index.html", 2: "masterfilelist.txt"}
FIRST_MONTH = {1: "1979-01", 2: "2015-02"}
#: GDELT 1.0's historical backfile: yearly files to 2005, monthly files 2006-01…2013-03, then daily files.
V1_LAST_YEARLY, V1_FIRST_MONTHLY, V1_LAST_MONTHLY = 2005, "2006-01", "2013-03"

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"]
_ACTOR += ["Type1Code", "Type2Code", "Type3Code"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"]
_EVENT += ["NumMentions", "NumSources", "NumArticles", "AvgTone"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long"]
    return [f"{prefix}Geo_{n}" for n in [*names, "FeatureID"]]


def _layout(version: int) -> list[str]:
    adm2 = version == 2
    return [
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        *[f"Actor1{n}" for n in _ACTOR],
        *[f"Actor2{n}" for n in _ACTOR],
        *_EVENT,
        *_geo("Actor1", adm2),
        *_geo("Actor2", adm2),
        *_geo("Action", adm2),
        "DATEADDED",
        "SOURCEURL",
    ]


#: Column names of each layout, in file order (58 for 1.0 daily files, 61 for 2.0 exports).
COLUMNS: dict[int, list[str]] = {1: _layout(1), 2: _layout(2)}
#: The 1.0 historical backfile's 57 columns (the daily layout without ``SOURCEURL``).
HISTORICAL_COLUMNS: list[str] = COLUMNS[1][:-1]

#: The upstream columns conversion reads.
NEEDED = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1CountryCode",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
]

#: Columns of the converted Parquet files (name → type).
PARQUET_COLUMNS = {
    "event_id": "BIGINT",
    "date": "DATE",
    "sender": "VARCHAR",  # ISO3 of Actor1's country, NULL when none or not a state
    "target": "VARCHAR",
    "sender_cameo": "VARCHAR",  # the CAMEO country code as published
    "target_cameo": "VARCHAR",
    "event_code": "VARCHAR",
    "root_code": "VARCHAR",
    "quad_class": "TINYINT",  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    "goldstein": "DOUBLE",
    "mentions": "INTEGER",
    "sources": "INTEGER",
    "articles": "INTEGER",
    "tone": "DOUBLE",
    "is_root": "BOOLEAN",
}


@dataclass(frozen=True)
class RemoteFile:
    """One upstream event file: its name, address, month (YYYY-MM) and published size/MD5 (None if not published)."""

    name: str
    url: str
    month: str
    size: int | None
    md5: str | None
    last_month: str | None = None  # a yearly 1.0 file covers month (January) … last_month (December)

    @property
    def end_month(self) -> str:
        """Return the last month the file covers (its month, or December of a yearly file)."""
        return self.last_month or self.month

    @property
    def stem(self) -> str:
        """Return the name without ``.export.CSV.zip`` (a timestamp or a day)."""
        return self.name.split(".", 1)[0]


_V2_NAME = re.compile(r"^(\d{4})(\d{2})\d{8}\.export\.CSV\.zip$", re.I)
_V1_NAME = re.compile(r"^(\d{4})(\d{2})\d{2}\.export\.CSV\.zip$", re.I)
_V1_HISTORICAL = re.compile(r"^(\d{4})(\d{2})?\.zip$", re.I)
_V1_ROW = re.compile(
    r'HREF="(?P<name>[^"]+\.zip)"[^>]*>[^<]*</A>\s*(?:\((?P<size>[^)]*)\))?\s*(?:\(MD5:\s*(?P<md5>[0-9a-fA-F]{32})\))?',
    re.I,
)


def check_month(text: str, what: str) -> str:
    """Return ``text`` if it is a month YYYY-MM, else raise InputError naming ``what``."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text or ""):
        raise InputError(f"{what} must be a month as YYYY-MM, got '{text}'")
    return text


def months_between(start: str, end: str) -> list[str]:
    """Return the months start..end inclusive, as YYYY-MM strings."""
    y, m = int(start[:4]), int(start[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def parse_masterfilelist(text: str) -> list[RemoteFile]:
    """Return the 2.0 event exports listed in a ``masterfilelist.txt`` (``SIZE MD5 URL`` per line).

    Mentions and GKG files, blank and malformed lines are skipped.
    """
    files = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        size, md5, url = parts
        name = url.rsplit("/", 1)[-1]
        match = _V2_NAME.match(name)
        if not match or not size.isdigit() or not re.fullmatch(r"[0-9a-fA-F]{32}", md5):
            continue
        files.append(RemoteFile(name, url, f"{match[1]}-{match[2]}", int(size), md5.lower()))
    return files


def parse_v1_index(text: str, base_url: str) -> list[RemoteFile]:
    """Return the 1.0 event files listed in ``events/index.html``: daily files, and the historical monthly
    (2006-01…2013-03) and yearly (1979…2005) files; MD5 published, size only rounded.

    Other zips on the page (GKG, names outside those ranges) are skipped.
    """
    files = []
    seen: set[str] = set()
    for match in _V1_ROW.finditer(text):
        name = match["name"].rsplit("/", 1)[-1]
        if name in seen:
            continue
        span = _v1_months(name)
        if span is None:
            continue
        seen.add(name)
        md5 = match["md5"].lower() if match["md5"] else None
        first, last = span
        url = f"{base_url.rstrip('/')}/{name}"
        files.append(RemoteFile(name, url, first, None, md5, last if last != first else None))
    return files


def _v1_months(name: str) -> tuple[str, str] | None:
    """Return the first and last month a 1.0 file name covers, or None if it is no 1.0 event file."""
    day = _V1_NAME.match(name)
    if day:
        return f"{day[1]}-{day[2]}", f"{day[1]}-{day[2]}"
    hist = _V1_HISTORICAL.match(name)
    if not hist:
        return None
    year = int(hist[1])
    if hist[2] is None:
        return (f"{year}-01", f"{year}-12") if 1979 <= year <= V1_LAST_YEARLY else None
    month = f"{year}-{hist[2]}"
    return (month, month) if V1_FIRST_MONTHLY <= month <= V1_LAST_MONTHLY else None


def select_files(files: Iterable[RemoteFile], start: str, end: str, base_url: str | None = None) -> list[RemoteFile]:
    """Return the files covering any month of start..end, sorted by name; with ``base_url``, addressed under it."""
    chosen = sorted((f for f in files if f.month <= end and f.end_month >= start), key=lambda f: f.name)
    if base_url is None:
        return chosen
    base = base_url.rstrip("/")
    return [RemoteFile(f.name, f"{base}/{f.name}", f.month, f.size, f.md5, f.last_month) for f in chosen]


# --------------------------------------------------------------------------- CAMEO → ISO3


@lru_cache(maxsize=1)
def cameo_table() -> pd.DataFrame:
    """Return the curated CAMEO country code table: ``cameo``, ``iso3`` (empty: not a state), ``kind``, ``note``."""
    path = resources.files("valuesgap") / "facts" / "cameo_countries.csv"
    text = path.read_text(encoding="utf-8")
    frame = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    return frame


def cameo_to_iso3() -> dict[str, str | None]:
    """Return CAMEO country code → ISO3 (None for regions and other non-states)."""
    table = cameo_table()
    return {c: (i or None) for c, i in zip(table["cameo"], table["iso3"])}


# --------------------------------------------------------------------------- conversion


@dataclass
class Conversion:
    """What converting one file gave: rows written, rows skipped as malformed, and actor codes without a state."""

    rows: int
    bad_rows: int
    no_state: dict[str, int]


def layout_of(data: bytes, version: int) -> list[str]:
    """Return the column names of an event file's text: for 1.0, the daily (58) or historical (57) layout,
    told apart by the first row's column count."""
    if version == 1:
        first = data[: data.find(b"\n")] if b"\n" in data[: 1 << 20] else data[: 1 << 20]
        if first.count(b"\t") + 1 == len(HISTORICAL_COLUMNS):
            return HISTORICAL_COLUMNS
    return COLUMNS[version]


def read_export(data: bytes, version: int) -> tuple[pa.Table, int]:
    """Parse the tab-separated text of one event file; return the needed columns and the count of malformed rows.

    Raises DataMissing when the text is not in the layout of ``version`` (no row has its column count).
    """
    names = layout_of(data, version)
    bad = 0

    def skip(row: pacsv.InvalidRow) -> str:
        nonlocal bad
        bad += 1
        return "skip"

    types = {n: pa.string() for n in NEEDED}
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False, invalid_row_handler=skip),
            convert_options=pacsv.ConvertOptions(include_columns=NEEDED, column_types=types, strings_can_be_null=True),
        )
    except pa.ArrowInvalid as exc:
        raise DataMissing(f"not a GDELT {version}.0 event file ({exc})") from exc
    if table.num_rows == 0 and bad:
        raise DataMissing(f"not a GDELT {version}.0 event file: no row has its {len(names)} columns")
    return table, bad


_CONVERT_SQL = """
SELECT
    TRY_CAST(e.GLOBALEVENTID AS BIGINT) AS event_id,
    TRY_STRPTIME(e.SQLDATE, '%Y%m%d')::DATE AS date,
    s.iso3 AS sender,
    t.iso3 AS target,
    e.Actor1CountryCode AS sender_cameo,
    e.Actor2CountryCode AS target_cameo,
    e.EventCode AS event_code,
    e.EventRootCode AS root_code,
    TRY_CAST(e.QuadClass AS TINYINT) AS quad_class,
    TRY_CAST(e.GoldsteinScale AS DOUBLE) AS goldstein,
    TRY_CAST(e.NumMentions AS INTEGER) AS mentions,
    TRY_CAST(e.NumSources AS INTEGER) AS sources,
    TRY_CAST(e.NumArticles AS INTEGER) AS articles,
    TRY_CAST(e.AvgTone AS DOUBLE) AS tone,
    TRY_CAST(e.IsRootEvent AS INTEGER) = 1 AS is_root
FROM raw AS e
LEFT JOIN codes AS s ON s.cameo = e.Actor1CountryCode
LEFT JOIN codes AS t ON t.cameo = e.Actor2CountryCode
WHERE TRY_STRPTIME(e.SQLDATE, '%Y%m%d') IS NOT NULL AND TRY_CAST(e.QuadClass AS TINYINT) BETWEEN 1 AND 4
"""


def convert_table(raw: pa.Table) -> tuple[pa.Table, dict[str, int]]:
    """Return the Parquet columns for parsed rows, and per CAMEO code without a state the number of actor slots.

    Rows without a valid date or quad class are dropped (counted by the caller as rows in − rows out).
    """
    codes = cameo_table()[["cameo", "iso3"]].replace({"iso3": {"": None}})
    con = duckdb.connect()
    try:
        con.register("raw", raw)
        con.register("codes", codes)
        out = con.sql(_CONVERT_SQL).to_arrow_table()
        counts = con.execute(
            """SELECT code, count(*) FROM (
                   SELECT Actor1CountryCode AS code FROM raw UNION ALL SELECT Actor2CountryCode FROM raw)
               LEFT JOIN codes ON codes.cameo = code
               WHERE code IS NOT NULL AND code <> '' AND codes.iso3 IS NULL GROUP BY code"""
        ).fetchall()
    finally:
        con.close()
    return out, {str(code): int(n) for code, n in counts}


def unzip_export(path: Path) -> bytes:
    """Return the CSV inside a downloaded zip; raise DataMissing if the zip is corrupt or truncated."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise DataMissing(f"{path.name}: expected one file in the zip, found {len(members)}")
            return archive.read(members[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise DataMissing(f"{path.name}: corrupt or truncated zip ({exc})") from exc


def partition_dir(root: Path, version: int, month: str) -> Path:
    """Return the folder of one month's Parquet files."""
    return Path(root) / f"gdelt{version}" / f"file_month={month}"


def parquet_path(root: Path, version: int, file: RemoteFile) -> Path:
    """Return where the Parquet conversion of ``file`` lives."""
    return partition_dir(root, version, file.month) / f"{file.stem}.parquet"


def convert_zip(zip_path: Path, version: int, dest: Path) -> Conversion:
    """Convert one downloaded zip to Parquet at ``dest`` (temp file + rename); return what it held."""
    raw, bad = read_export(unzip_export(zip_path), version)
    table, no_state = convert_table(raw)
    dropped = raw.num_rows - table.num_rows
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return Conversion(rows=table.num_rows, bad_rows=bad + dropped, no_state=no_state)


def converted_files(root: Path, version: int) -> dict[str, int]:
    """Return month (YYYY-MM) → number of converted Parquet files in the partition set under ``root``."""
    out = {}
    for folder in sorted((Path(root) / f"gdelt{version}").glob("file_month=*")):
        n = sum(1 for _ in folder.glob("*.parquet"))
        if n:
            out[folder.name.split("=", 1)[1]] = n
    return out


def converted_span(root: Path, version: int) -> tuple[str, str] | None:
    """Return the first and last month the converted files under ``root`` cover (a yearly 1.0 file, filed
    under its January, covers to December), or None when there are none."""
    months = []
    for path in (Path(root) / f"gdelt{version}").glob("file_month=*/*.parquet"):
        month = path.parent.name.split("=", 1)[1]
        months += [month, f"{month[:4]}-12" if re.fullmatch(r"\d{4}", path.stem) else month]
    return (min(months), max(months)) if months else None


def remove_partial(root: Path) -> int:
    """Delete temporary files a killed conversion left in the partition set; return how many."""
    n = 0
    for path in Path(root).glob("gdelt*/file_month=*/.*.tmp"):
        path.unlink(missing_ok=True)
        n += 1
    return n
