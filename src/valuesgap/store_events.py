"""Load GDELT dyad-month aggregates into the store, next to ICEWS, without rebuilding it.

The aggregates (:mod:`valuesgap.analysis.event_aggregate`) are kept in two places:
``$VALUESGAP_HOME/gdelt/<source>_dyad_month.parquet`` (so a later ``data build`` adds them again) and the
store: the four quad counts as rows of ``event_dyads`` with ``source`` 'gdelt1' or 'gdelt2', and every
aggregate column in ``gdelt_dyad_months``. The store is copied, changed and renamed into place, so readers
never see a half-loaded store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from valuesgap import store
from valuesgap.errors import DataMissing

SOURCES = ("gdelt1", "gdelt2")
QUADS = ["verb_coop", "matl_coop", "verb_conf", "matl_conf"]
UPSTREAM = {
    "gdelt1": "http://data.gdeltproject.org/events/",
    "gdelt2": "http://data.gdeltproject.org/gdeltv2/",
}
CITATION = (
    "Leetaru, K. and Schrodt, P. A. (2013), GDELT: Global Data on Events, Location and Tone, 1979–2012, "
    "ISA Annual Convention; The GDELT Project, https://www.gdeltproject.org/"
)


#: Columns of ``gdelt_loads``: one row per GDELT source, what the last ``events fetch gdelt`` loaded.
LOAD_COLUMNS = ["source", "first_month", "last_month", "files", "events", "dyad_months", "engine", "fetched_at"]


def load_record(frame: pd.DataFrame, source: str, *, files: int, engine: str) -> dict:
    """Return the ``gdelt_loads`` row for aggregates ``frame`` made by ``engine`` from ``files`` converted files."""
    keys = sorted({(int(y), int(m)) for y, m in zip(frame["year"], frame["month"])})
    events = frame["n_events"] if "n_events" in frame else frame[QUADS].sum(axis=1)
    return {
        "source": source,
        "first_month": f"{keys[0][0]:04d}-{keys[0][1]:02d}" if keys else None,
        "last_month": f"{keys[-1][0]:04d}-{keys[-1][1]:02d}" if keys else None,
        "files": int(files),
        "events": int(events.sum()),
        "dyad_months": len(frame),
        "engine": engine,
        "fetched_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }


def record_path(source: str) -> Path:
    """Return where the load record of ``source`` is kept between store builds (JSON beside the aggregates)."""
    return store.home() / "gdelt" / f"{source}_load.json"


def saved_path(source: str) -> Path:
    """Return where the aggregates of ``source`` are kept between store builds."""
    return store.home() / "gdelt" / f"{source}_dyad_month.parquet"


def save(frame: pd.DataFrame, source: str) -> Path:
    """Keep ``frame`` (the aggregation's output) as the aggregates of ``source``; return the file."""
    path = saved_path(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)
    return path


def write_tables(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, source: str, note: str = "", record: dict | None = None
) -> None:
    """Replace the rows of ``source`` in ``event_dyads``, ``gdelt_dyad_months``, ``gdelt_loads`` (with ``record``)
    and its provenance on ``con``."""
    if source not in SOURCES:
        raise ValueError(f"unknown GDELT source {source!r}")
    rows = frame.assign(source=source)
    con.register("_gdelt", rows)
    try:
        if not _has_table(con, "event_dyads"):
            _run(
                con,
                "CREATE TABLE event_dyads (source VARCHAR, sender VARCHAR, target VARCHAR, year INTEGER, "
                "month INTEGER, verb_coop BIGINT, matl_coop BIGINT, verb_conf BIGINT, matl_conf BIGINT)",
            )
        _run(con, "DELETE FROM event_dyads WHERE source = ?", [source])
        _run(
            con,
            "INSERT INTO event_dyads (source, sender, target, year, month, verb_coop, matl_coop, verb_conf, matl_conf) "
            "SELECT source, sender, target, year, month, verb_coop, matl_coop, verb_conf, matl_conf FROM _gdelt",
        )
        if _has_table(con, "gdelt_dyad_months"):
            _run(con, "DELETE FROM gdelt_dyad_months WHERE source = ?", [source])
            _run(con, "INSERT INTO gdelt_dyad_months BY NAME SELECT * FROM _gdelt")
        else:
            _run(con, "CREATE TABLE gdelt_dyad_months AS SELECT * FROM _gdelt")
        if record is not None:
            if not _has_table(con, "gdelt_loads"):
                _run(
                    con,
                    "CREATE TABLE gdelt_loads (source VARCHAR, first_month VARCHAR, last_month VARCHAR, files BIGINT, "
                    "events BIGINT, dyad_months BIGINT, engine VARCHAR, fetched_at VARCHAR)",
                )
            _run(con, "DELETE FROM gdelt_loads WHERE source = ?", [source])
            _run(con, "INSERT INTO gdelt_loads VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [record[c] for c in LOAD_COLUMNS])
        if _has_table(con, "provenance"):
            sha = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()
            months = f"{frame['year'].min()}-{frame['month'].min():02d}" if len(frame) else ""
            _run(con, "DELETE FROM provenance WHERE source = ?", [source])
            _run(
                con,
                "INSERT INTO provenance BY NAME SELECT ? AS source, ? AS file, ? AS sha256, ? AS upstream, "
                "? AS citation, ? AS version, ? AS rows, ? AS built_at",
                [
                    source,
                    f"gdelt/{source}_dyad_month.parquet",
                    sha,
                    UPSTREAM[source],
                    CITATION,
                    note or months,
                    len(frame),
                    dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                ],
            )
    finally:
        con.unregister("_gdelt")


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()[0][0]
    )


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> None:
    """Execute a statement and consume its result (DuckDB wants it finished before the next one)."""
    con.execute(sql, params or []).fetchall()


def load(frame: pd.DataFrame, source: str, note: str = "", record: dict | None = None) -> Path:
    """Put ``frame`` into the store as ``source`` (copy, change, rename) and keep it for later builds; return the store.

    ``record`` (:func:`load_record`) says what was loaded, for ``data status``; it is kept beside the aggregates.
    """
    target = store.store_path()
    if not target.exists():
        raise DataMissing(f"no data store at {target}: {store.BUILD_HINT}")
    save(frame, source)
    if record is not None:
        path = record_path(source)
        tmp_record = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp_record.write_text(json.dumps(record, indent=1), encoding="utf-8")
        os.replace(tmp_record, path)
    tmp = target.with_name(f"{store.STORE_NAME}.building-{os.getpid()}")
    try:
        shutil.copyfile(target, tmp)
        con = duckdb.connect(str(tmp))
        try:
            write_tables(con, frame, source, note, record)
            _run(con, "CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
        store._reset_connections()
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return target


def reload_saved(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Add the kept GDELT aggregates to a store being built on ``con``; return the sources added."""
    added = []
    for source in SOURCES:
        path = saved_path(source)
        if path.exists():
            kept = record_path(source)
            record = json.loads(kept.read_text(encoding="utf-8")) if kept.exists() else None
            write_tables(con, pd.read_parquet(path), source, record=record)
            added.append(source)
    return added
