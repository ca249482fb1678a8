"""The embedded DuckDB store: an atomic build from the source files, provenance, read-only queries.

A build writes ``valuesgap.duckdb.building-<pid>`` next to the store and renames it over the store
only when complete, so an interrupted build (Ctrl-C, kill -9) leaves the previous store working.
Queries open the store read-only.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import duckdb
import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.paths import STORE_NAME, home, remove_stale_builds, store_path
from valuesgap.sources import registry, releases
from valuesgap.sources.spec import Loaded, Source, SourceFile, sha256_of

BUILD_HINT = "run 'valuesgap data build --from DIR' (DIR: a local mirror such as ../shared/data)"


def default_mirror() -> Path | None:
    """Return ``$VALUESGAP_MIRROR``, else ``<home>/mirror`` (where ``fetch`` installs), if it exists."""
    env = os.environ.get("VALUESGAP_MIRROR")
    if env and not Path(env).is_dir():
        what = "is not a folder" if Path(env).exists() else "does not exist"
        raise DataMissing(
            f"VALUESGAP_MIRROR={env} {what}: point it at the folder holding the source files "
            "(e.g. ../shared/data) or unset it"
        )
    for candidate in ([Path(env)] if env else []) + [home() / "mirror"]:
        if candidate.exists():
            return candidate
    return None


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class BuildStep:
    """One step of a build: a label for the progress bar, the reader module and the sources it reads."""

    label: str
    reader: str
    sources: tuple[str, ...]


def _reader(name: str) -> ModuleType:
    """Return the reader module ``valuesgap.sources.<name>``."""
    return importlib.import_module(f"valuesgap.sources.{name}")


def steps() -> tuple[BuildStep, ...]:
    """Return the build steps: one per reader module of the registry, in registry order."""
    return tuple(
        BuildStep(_reader(reader).STEP, reader, tuple(s.id for s in sources)) for reader, sources in registry.steps()
    )


def check_mirror(mirror: Path) -> None:
    """Raise DataMissing naming the first file of a required source missing from ``mirror``."""
    mirror = Path(mirror)
    if mirror.exists() and not mirror.is_dir():
        raise DataMissing(f"{mirror} is a file, not a folder: pass --from DIR, the folder holding the source files")
    if not mirror.is_dir():
        raise DataMissing(f"data folder {mirror} does not exist: pass --from DIR with the source files")
    for source, file in registry.missing(mirror):
        raise DataMissing(
            f"missing source file {mirror / file.path}: run 'valuesgap data fetch' or place it there "
            f"(published at {source.landing})"
        )


def _load_step(step: BuildStep, mirror: Path) -> Loaded | None:
    """Return what one build step's reader loads from the installed sources; with none installed, the
    reader's empty tables (``empty()``, if it has one) or None."""
    found = registry.found(mirror, step.reader)
    reader = _reader(step.reader)
    if not found.sources:
        empty = getattr(reader, "empty", None)
        return Loaded(empty()) if empty else None
    return reader.load(found)


def _rows_of(source: Source, file: SourceFile, loaded: Loaded) -> int:
    """Return the rows read from one file: as the reader counted them, else its source's stored rows."""
    if (source.id, file.key) in loaded.rows:
        return int(loaded.rows[(source.id, file.key)])
    return sum(
        int((frame["source"] == source.id).sum()) for frame in loaded.tables.values() if "source" in frame.columns
    )


def build(mirror: Path, progress: Callable[[str, int, int], None] | None = None) -> Path:
    """Build the store from the source files in ``mirror``; return the store path.

    Writes a new file and renames it into place; the previous store keeps working until then and
    is left untouched if anything fails. ``progress(label, done, total)`` is called per step.
    """
    mirror = Path(mirror).resolve()
    check_mirror(mirror)
    target = store_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(target)
    tmp = target.with_name(f"{STORE_NAME}.building-{os.getpid()}")
    plan = steps()
    total = len(plan) + 2
    try:
        con = duckdb.connect(str(tmp))
        try:
            collected: dict[str, list[pd.DataFrame]] = {}
            rows: dict[str, int] = {}
            for i, step in enumerate(plan):
                if progress:
                    progress(step.label, i, total)
                loaded = _load_step(step, mirror)
                if loaded is None:
                    continue
                for name, frame in loaded.tables.items():
                    collected.setdefault(name, []).append(frame)
                found = registry.found(mirror, step.reader)
                for source in found.sources.values():
                    files = source.forms()[found.form(source.id)]
                    rows.update({f.path: _rows_of(source, f, loaded) for f in files})
            tables = {name: pd.concat(parts, ignore_index=True) for name, parts in collected.items()}
            if progress:
                progress("Writing tables", len(plan), total)
            for name, frame in tables.items():
                _write_table(con, name, frame)
            _write_table(con, "states", _states_table(tables))
            _write_table(con, "provenance", _provenance(mirror, rows))
            from valuesgap import store_events  # GDELT aggregates kept from 'events fetch gdelt'

            store_events.reload_saved(con)
            _create_indexes(con)
            con.execute(QUALITY_SQL)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if progress:
            progress("Swapping in the new store", len(plan) + 1, total)
        os.replace(tmp, target)
        _reset_connections()
        if progress:
            progress("Done", total, total)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return target


def _remove_stale_builds(target: Path) -> None:
    """Delete build files left by builds whose process is gone (e.g. killed with -9)."""
    remove_stale_builds(target.parent, keep_own=False)


def _write_table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Create table ``name`` from ``frame``."""
    con.register("_frame", frame)
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame")
    con.unregister("_frame")


# Sessions where a state that voted as a member through the previous session is suddenly coded
# "non-member": sometimes history (Taiwan 1971, Yugoslavia 1992), sometimes a source error
# (Türkiye in session 78, after its renaming, is coded absent/non-member on 85 of 88 roll calls).
QUALITY_SQL = """
CREATE TABLE quality_report AS
WITH per_session AS (
    SELECT v.iso3, r.session,
           avg(CASE WHEN v.code IN (1, 2, 3) THEN 1 ELSE 0 END) AS share_cast,
           sum(CASE WHEN v.code = 9 THEN 1 ELSE 0 END) AS n_non_member, count(*) AS n_rollcalls
    FROM votes v JOIN rollcalls r USING (rcid) GROUP BY ALL),
lagged AS (
    SELECT *, lag(share_cast) OVER w AS prev_share_cast, lag(n_non_member) OVER w AS prev_non_member
    FROM per_session WINDOW w AS (PARTITION BY iso3 ORDER BY session))
SELECT 'coded non-member after a session as a member' AS kind, iso3, session,
       CAST(n_non_member AS INTEGER) AS n_non_member, CAST(n_rollcalls AS INTEGER) AS n_rollcalls,
       round(share_cast, 3) AS share_cast, round(prev_share_cast, 3) AS prev_share_cast
FROM lagged
WHERE n_non_member > 0 AND prev_non_member = 0 AND prev_share_cast > 0.5
ORDER BY session, iso3
"""


def report() -> pd.DataFrame:
    """Return the build's data-quality findings: vote conflicts between the two UNGA files (counted
    by kind and state), sessions where a member state is suddenly coded non-member, and the Security
    Council file's repairs and omissions (counted by kind and action; ``detail`` lists the years)."""
    conflicts = query(
        "SELECT kind, iso3, NULL::INTEGER AS session, count(*) AS n FROM build_report GROUP BY kind, iso3"
    )
    membership = query("SELECT kind, iso3, session, n_non_member AS n FROM quality_report")
    frames = [conflicts, membership]
    if _has_table("issue_repairs"):
        frames.append(
            query(
                "SELECT 'issue code ' || code || ' copies di in the Voeten data: cleared' AS kind, NULL AS iso3, "
                "NULL::INTEGER AS session, sum(n_cleared)::BIGINT AS n, "
                "string_agg(CAST(year AS VARCHAR), ', ' ORDER BY year) AS detail FROM issue_repairs GROUP BY code"
            )
        )
    if _has_table("council_report"):
        frames.append(
            query(
                "SELECT 'Security Council: ' || kind || ' (' || action || ')' AS kind, NULL AS iso3, "
                "NULL::INTEGER AS session, count(*) AS n, "
                "string_agg(DISTINCT CAST(year AS VARCHAR), ', ' ORDER BY CAST(year AS VARCHAR)) AS detail "
                "FROM council_report GROUP BY kind, action"
            )
        )
    return pd.concat(frames, ignore_index=True).sort_values(["kind", "iso3", "session"], ignore_index=True)


def council_report() -> pd.DataFrame:
    """Return every repair and omission of the Security Council files: kind, draft_id, symbol, year, iso3,
    detail, action (DataMissing if the store predates the Council arena)."""
    if not _has_table("council_report"):
        raise DataMissing(f"the store has no Security Council data: {BUILD_HINT}")
    return query("SELECT * FROM council_report ORDER BY year, draft_id, kind")


def has_table(name: str) -> bool:
    """Return True when the store has a table called ``name``."""
    return _has_table(name)


def _has_table(name: str) -> bool:
    found = query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?", [name])
    return int(found["n"].iloc[0]) > 0


def _create_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Sort-friendly views and a vote-label view; DuckDB's zone maps serve the filters."""
    con.execute("CREATE INDEX votes_iso3 ON votes (iso3)")
    con.execute("CREATE INDEX indicators_iso3 ON indicators (iso3)")


def _states_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return every entity with votes, indicators or treaty actions: iso3, iso2, cow, name, note."""
    from valuesgap import countries

    codes = set(tables["votes"]["iso3"]) | set(tables["indicators"]["iso3"]) | set(tables["treaty_actions"]["iso3"])
    rows = []
    for iso3 in sorted(codes):
        try:
            c = countries.resolve(iso3)
            rows.append({"iso3": iso3, "iso2": c.iso2, "cow": c.cow, "name": c.name, "note": countries.note_of(iso3)})
        except Exception:
            rows.append({"iso3": iso3, "iso2": None, "cow": None, "name": iso3, "note": "not a UN member state"})
    frame = pd.DataFrame(rows)
    frame["cow"] = frame["cow"].astype("Int64")
    return frame


def _provenance(mirror: Path, rows: dict[str, int]) -> pd.DataFrame:
    """Return one row per installed source file: source, file, sha256, upstream, citation, version, rows,
    built_at, form (mirror or upstream)."""
    built = datetime.now(UTC).replace(microsecond=0).isoformat()
    fetched = releases.recorded(mirror)
    out = []
    for source in registry.SOURCES:
        form = source.form_in(mirror)
        for file in source.forms().get(form, ()) if form else ():
            if file.path not in rows:
                continue
            address = fetched.get(file.path, {}).get("address") if source.release_in_address else None
            out.append(
                {
                    "source": source.id,
                    "file": file.path,
                    "sha256": sha256_of(mirror / file.path),
                    "upstream": address or _address(source, file),
                    "citation": source.citation,
                    "version": _version(source, address),
                    "rows": rows[file.path],
                    "built_at": built,
                    "form": form,
                }
            )
    return pd.DataFrame(out)


def _version(source: Source, fetched_from: str | None) -> str:
    """Return a source's version: for a publisher that dates each release in the file's address, the
    release date of the address the file was fetched from (the registry's default when not fetched)."""
    if source.release_in_address:
        return releases.release_date(fetched_from) or source.version
    return source.version


def _address(source: Source, file: SourceFile) -> str:
    """Return where a file is published: its address, else the upstream file's, else the landing page."""
    if file.address():
        return str(file.address())
    if source.upstream and source.upstream[0].address():
        return str(source.upstream[0].address())
    return source.landing


# --------------------------------------------------------------------------- read

_local = threading.local()
_version_cache: dict[tuple[int, int], str] = {}


def _file_key(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns)


def connect() -> duckdb.DuckDBPyConnection:
    """Return a read-only connection to the store (one per thread, reopened after a rebuild)."""
    path = store_path()
    if not path.exists():
        raise DataMissing(f"no data store at {path}: {BUILD_HINT}")
    key = _file_key(path)
    cached = getattr(_local, "con", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        con = duckdb.connect(str(path), read_only=True)
        con.execute("SELECT count(*) FROM provenance").fetchone()
    except duckdb.Error as exc:
        raise DataMissing(f"the data store at {path} is unreadable ({exc.__class__.__name__}): {BUILD_HINT}") from exc
    if cached is not None:
        cached[1].close()
    _local.con = (key, con)
    return con


def _reset_connections() -> None:
    cached = getattr(_local, "con", None)
    if cached is not None:
        cached[1].close()
        _local.con = None


def query(sql: str, params: Iterable | None = None) -> pd.DataFrame:
    """Return the result of a read-only SQL query as a DataFrame."""
    cur = connect().cursor()
    try:
        return cur.execute(sql, list(params) if params is not None else []).df()
    finally:
        cur.close()


def data_version() -> str:
    """Return a 12-hex-digit id of the built data (hash of the source files' sha256 values)."""
    path = store_path()
    key = _file_key(path) if path.exists() else (0, 0)
    if key not in _version_cache:
        shas = query("SELECT file, sha256 FROM provenance ORDER BY file")
        joined = "|".join(f"{r.file}:{r.sha256}" for r in shas.itertuples())
        _version_cache[key] = hashlib.sha256(joined.encode()).hexdigest()[:12]
    return _version_cache[key]


def status() -> pd.DataFrame:
    """Return one row per source file: source, file, rows, sha256, version, upstream, citation, built_at,
    installed (yes / "not installed" / "not installed (optional)") and check (how its bytes are known).

    Installed sources list the files they were built from, with the values recorded at the build; the
    others the files a fetch would download (the published ones, else the mirror's).
    """
    built = query("SELECT * FROM provenance").set_index("file")
    out = []
    for source in registry.SOURCES:
        mine = [f for form in source.forms().values() for f in form if f.path in built.index]
        if mine:
            for file in mine:
                row = {"file": file.path, **built.loc[file.path].to_dict(), "installed": "yes"}
                row["check"] = _check_of(source, file, row["sha256"])
                out.append(row)
            continue
        absent = "not installed (optional)" if source.optional else "not installed"
        for file in source.upstream or source.files:
            out.append(
                {
                    "source": source.id,
                    "file": file.path,
                    "rows": 0,
                    "sha256": file.sha256 or "",
                    "version": source.version,
                    "upstream": _address(source, file),
                    "citation": source.citation,
                    "built_at": None,
                    "installed": absent,
                    "check": _check_of(source, file, None),
                }
            )
    columns = ["source", "file", "rows", "sha256", "version", "upstream", "citation", "built_at", "installed", "check"]
    frame = pd.DataFrame(out, columns=columns)
    frame["rows"] = frame["rows"].astype("int64")
    return frame.sort_values(["source", "file"], ignore_index=True)


def _check_of(source: Source, file: SourceFile, built_sha: str | None) -> str:
    """Return how a file's bytes are checked: against the published sha256 or one recorded on first
    download; for a source with no file address, why."""
    if built_sha is None and source.no_address and not source.upstream:
        return f"no file address: {source.no_address}; place it by hand from {source.landing}"
    if file.sha256 is None and source.release_in_address:
        return "no published sha256 (the publisher gives none): recorded at the first download of each release"
    if file.sha256 is None:
        return "no published sha256: recorded on first download"
    if built_sha is not None and built_sha != file.sha256:
        return "differs from the published sha256"
    return "published sha256"


def is_current(mirror: Path) -> bool:
    """Return True when the store exists and was built from exactly the source files now in ``mirror``."""
    if not store_path().exists():
        return False
    try:
        built = dict(zip(*query("SELECT file, sha256 FROM provenance").to_dict("list").values()))
    except DataMissing:
        return False
    installed = {f.path: Path(mirror) / f.path for _, f in registry.installed_files(mirror)}
    if set(installed) != set(built):
        return False
    return all(built[name] == sha256_of(path) for name, path in installed.items())


def build_store(mirror: str | Path) -> Path:
    """Public alias of :func:`build` (``vg.build_store``)."""
    return build(Path(mirror))
