"""Generated GDELT event data (random, fixed seed) for the engine tests and the scale benchmark.

:func:`export_files` writes zipped event files in the exact GDELT 2.0 export layout (61 tab-separated
columns, one file per month named like an upstream export) and a ``masterfilelist.txt`` listing them with
size and MD5; :func:`events_frame` returns the same events as the converted columns would hold them, so a
test can count what an aggregation must find without going through the code under test.
:func:`parquet_set` writes converted Parquet partitions directly (the benchmark's 10M/50M events).
The values are random, not GDELT's: dyads, quad classes and scores are drawn from simple distributions.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from valuesgap.sources import gdelt

#: CAMEO actor country codes drawn for the actors: states, CAMEO-only codes (ROM, TMP), regions, and none.
ACTOR_CODES = [
    "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "UKR", "IRN", "PRK", "KOR", "JPN", "IND", "PAK", "ISR", "PSE",
    "TUR", "SYR", "IRQ", "AFG", "SAU", "EGY", "BRA", "MEX", "CAN", "AUS", "ZAF", "NGA", "POL", "ROM", "TMP",
    "EUR", "AFR", "MEA", "WST", "",
]  # fmt: skip
_WEIGHTS = np.array(
    [12, 8, 7, 5, 4, 4, 4, 3, 2, 2, 2, 2, 2, 3, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8]
)
#: (event code, root code, quad class, Goldstein score) drawn for events, a few per CAMEO root code.
EVENT_CODES = [
    ("010", "01", 1, 0.0), ("036", "03", 1, 4.0), ("040", "04", 1, 1.0), ("042", "04", 1, 1.9),
    ("046", "04", 1, 7.0), ("051", "05", 1, 3.4), ("061", "06", 2, 6.4), ("070", "07", 2, 7.0),
    ("084", "08", 2, 7.0), ("112", "11", 3, -2.0), ("130", "13", 3, -4.4), ("1031", "10", 3, -5.0),
    ("161", "16", 4, -4.0), ("173", "17", 4, -5.0), ("190", "19", 4, -10.0), ("195", "19", 4, -10.0),
]  # fmt: skip


def _month_files(months: list[str]) -> list[str]:
    return [f"{m[:4]}{m[5:]}01000000" for m in months]


def events_frame(n: int, months: list[str], seed: int = 20150218) -> pd.DataFrame:
    """Return ``n`` random events over ``months``: upstream fields as text plus ``file`` (the export it goes to).

    About 3 % of the events are dated in the month before their file's (late reports, as upstream).
    """
    rng = np.random.default_rng(seed)
    p = _WEIGHTS / _WEIGHTS.sum()
    codes = np.array(ACTOR_CODES, dtype=object)
    a1 = codes[rng.choice(len(codes), n, p=p)]
    a2 = codes[rng.choice(len(codes), n, p=p)]
    ev = rng.integers(0, len(EVENT_CODES), n)
    table = pd.DataFrame(EVENT_CODES, columns=["code", "root", "quad", "gold"])
    month_idx = rng.integers(0, len(months), n)
    late = rng.random(n) < 0.03
    starts = pd.to_datetime([f"{m}-01" for m in months])
    offset = np.where(late, -rng.integers(1, 20, n), rng.integers(0, 28, n))
    dates = pd.DatetimeIndex(starts[month_idx] + pd.to_timedelta(offset, unit="D"))
    mentions = rng.integers(1, 40, n)
    return pd.DataFrame(
        {
            "GLOBALEVENTID": np.arange(400_000_000, 400_000_000 + n).astype(str),
            "SQLDATE": dates.strftime("%Y%m%d"),
            "Actor1CountryCode": a1,
            "Actor2CountryCode": a2,
            "IsRootEvent": rng.integers(0, 2, n).astype(str),
            "EventCode": table["code"].to_numpy()[ev],
            "EventRootCode": table["root"].to_numpy()[ev],
            "QuadClass": table["quad"].to_numpy()[ev].astype(str),
            "GoldsteinScale": [f"{g:.1f}" for g in table["gold"].to_numpy()[ev]],
            "NumMentions": mentions.astype(str),
            "NumSources": np.maximum(1, mentions // 4).astype(str),
            "NumArticles": mentions.astype(str),
            "AvgTone": np.round(rng.normal(-1.5, 3.0, n), 6).astype(str),
            "file": np.array(_month_files(months))[month_idx],
        }
    )


def _export_text(frame: pd.DataFrame) -> bytes:
    """Return the events as a GDELT 2.0 export: all 61 columns, tab-separated, no header."""
    n = len(frame)
    out = pd.DataFrame(index=range(n))
    blank = np.full(n, "", dtype=object)
    for name in gdelt.COLUMNS[2]:
        out[name] = frame[name].to_numpy() if name in frame.columns else blank
    dates = frame["SQLDATE"].to_numpy().astype(str)
    out["MonthYear"] = [d[:6] for d in dates]
    out["Year"] = [d[:4] for d in dates]
    out["FractionDate"] = [f"{d[:4]}.{int(d[4:6]) * 833 // 10:04d}" for d in dates]
    for k in ("1", "2"):
        code = frame[f"Actor{k}CountryCode"].to_numpy()
        out[f"Actor{k}Code"] = code
        out[f"Actor{k}Name"] = np.where(code == "", "", "GENERATED")
    out["ActionGeo_Type"] = "1"
    out["ActionGeo_FullName"] = "Generated"
    out["DATEADDED"] = frame["file"].to_numpy()
    out["SOURCEURL"] = "https://example.org/generated"
    buffer = io.StringIO()
    out.to_csv(buffer, sep="\t", header=False, index=False, quoting=3, lineterminator="\n")
    return buffer.getvalue().encode()


def zip_bytes(name: str, text: bytes) -> bytes:
    """Return a zip holding ``text`` as ``name`` (as GDELT zips its exports)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def export_files(folder: Path, frame: pd.DataFrame, base_url: str = "http://127.0.0.1") -> list[Path]:
    """Write one zipped 2.0 export per file of ``frame`` and a ``masterfilelist.txt``; return the zips' paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines, paths = [], []
    for stamp, part in frame.groupby("file", sort=True):
        name = f"{stamp}.export.CSV.zip"
        data = zip_bytes(f"{stamp}.export.CSV", _export_text(part))
        (folder / name).write_bytes(data)
        paths.append(folder / name)
        lines.append(f"{len(data)} {hashlib.md5(data, usedforsecurity=False).hexdigest()} {base_url}/{name}")
    (folder / "masterfilelist.txt").write_text("\n".join(lines) + "\n")
    return paths


def parquet_set(root: Path, n: int, months: list[str], *, seed: int = 7, chunk: int = 2_000_000) -> int:
    """Write ``n`` random events as converted Parquet partitions under ``root/gdelt2``; return rows written.

    Written in chunks of ``chunk`` rows (one file per chunk and month), so memory stays bounded.
    """
    rng = np.random.default_rng(seed)
    iso = np.array([c if c not in ("ROM", "TMP") else {"ROM": "ROU", "TMP": "TLS"}[c] for c in ACTOR_CODES])
    state = np.array([c not in ("EUR", "AFR", "MEA", "WST", "") for c in ACTOR_CODES])
    p = _WEIGHTS / _WEIGHTS.sum()
    table = pd.DataFrame(EVENT_CODES, columns=["code", "root", "quad", "gold"])
    written, part = 0, 0
    while written < n:
        size = min(chunk, n - written)
        i1, i2 = rng.choice(len(iso), size, p=p), rng.choice(len(iso), size, p=p)
        ev = rng.integers(0, len(EVENT_CODES), size)
        m = rng.integers(0, len(months), size)
        day = rng.integers(0, 28, size)
        starts = np.array([np.datetime64(f"{mm}-01") for mm in months])
        dates = starts[m] + day.astype("timedelta64[D]")
        mentions = rng.integers(1, 40, size).astype("int32")
        cols = {
            "event_id": np.arange(written, written + size, dtype="int64"),
            "date": dates,
            "sender": np.where(state[i1], iso[i1], None),
            "target": np.where(state[i2], iso[i2], None),
            "sender_cameo": np.array(ACTOR_CODES, dtype=object)[i1],
            "target_cameo": np.array(ACTOR_CODES, dtype=object)[i2],
            "event_code": table["code"].to_numpy()[ev],
            "root_code": table["root"].to_numpy()[ev],
            "quad_class": table["quad"].to_numpy()[ev].astype("int8"),
            "goldstein": table["gold"].to_numpy()[ev].astype("float64"),
            "mentions": mentions,
            "sources": np.maximum(1, mentions // 4).astype("int32"),
            "articles": mentions,
            "tone": rng.normal(-1.5, 3.0, size),
            "is_root": rng.random(size) < 0.5,
        }
        frame = pd.DataFrame(cols)
        for month_i, month in enumerate(months):
            sub = frame[m == month_i]
            folder = gdelt.partition_dir(root, 2, month)
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pandas(sub, preserve_index=False), folder / f"gen-{part:05d}.parquet")
        written += size
        part += 1
    return written
