"""The embedded DuckDB store: an atomic build from the source files, provenance, read-only queries.

A build writes ``valuesgap.duckdb.building-<pid>`` next to the store and renames it over the store
only when complete, so an interrupted build (Ctrl-C, kill -9) leaves the previous store working.
Queries open the store read-only.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import platformdirs

from valuesgap.errors import DataMissing
from valuesgap.sources import cirights, fariss, freedomhouse, polity, treaties, unga, vdem, wgi
from valuesgap.sources.registry import FILES, SourceFile, files_of, sha256_of

STORE_NAME = "valuesgap.duckdb"
BUILD_HINT = "run 'valuesgap data build --from DIR' (DIR: a local mirror such as ../shared/data)"


def home() -> Path:
    """Return the data folder: ``$VALUESGAP_HOME`` if set, else the per-user data dir."""
    env = os.environ.get("VALUESGAP_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("valuesgap", appauthor=False))


def store_path() -> Path:
    """Return the path of the store file (it may not exist yet)."""
    return home() / STORE_NAME


def default_mirror() -> Path | None:
    """Return ``$VALUESGAP_MIRROR``, else ``<home>/mirror`` (where ``fetch`` installs), if it exists."""
    env = os.environ.get("VALUESGAP_MIRROR")
    for candidate in ([Path(env)] if env else []) + [home() / "mirror"]:
        if candidate.exists():
            return candidate
    return None


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class BuildStep:
    """One step of a build: a label for the progress bar and the source ids it reads."""

    label: str
    sources: tuple[str, ...]


STEPS = (
    BuildStep("UNGA roll calls and votes", ("unvotes", "unga_wide")),
    BuildStep("V-Dem", ("vdem14", "vdem15")),
    BuildStep("Freedom House", ("fh_ratings", "fh_scores")),
    BuildStep("Polity5", ("polity5",)),
    BuildStep("Fariss human-rights scores", ("fariss",)),
    BuildStep("CIRIGHTS", ("cirights",)),
    BuildStep("World Bank WGI", ("wgi",)),
    BuildStep("Treaty participation", ("untc", "un_hr_status")),
)


def check_mirror(mirror: Path) -> None:
    """Raise DataMissing naming the first source file missing from ``mirror``."""
    mirror = Path(mirror)
    if not mirror.is_dir():
        raise DataMissing(f"data folder {mirror} does not exist: pass --from DIR with the source files")
    for file in FILES:
        if not (mirror / file.path).exists():
            raise DataMissing(
                f"missing source file {mirror / file.path}: run 'valuesgap data fetch' or place it there "
                f"(published at {file.landing})"
            )


def _load_step(step: BuildStep, mirror: Path) -> dict[str, pd.DataFrame]:
    """Return the tables one build step produces (table name → frame to append)."""
    d = mirror / "democracy"
    if step.sources == ("unvotes", "unga_wide"):
        data = unga.load(mirror)
        return {
            "rollcalls": data.rollcalls,
            "votes": data.votes,
            "build_report": data.report,
            "_read_counts": pd.DataFrame(list(data.read_counts.items()), columns=["file", "rows"]),
        }
    if step.sources == ("vdem14", "vdem15"):
        return {
            "indicators": pd.concat(
                [
                    vdem.read(d / "vdem_v14_vdemlite_1970_2023.parquet", "vdem14"),
                    vdem.read(d / "vdem_v15_democracyData_simple_1789_2024.parquet", "vdem15"),
                ],
                ignore_index=True,
            )
        }
    if step.sources == ("fh_ratings", "fh_scores"):
        return {
            "indicators": pd.concat(
                [
                    freedomhouse.read_ratings(d / "freedomhouse_fiw_ratings_1972_2024.parquet"),
                    freedomhouse.read_scores(d / "freedomhouse_fiw_scores_2012_2024.parquet"),
                ],
                ignore_index=True,
            )
        }
    if step.sources == ("polity5",):
        return {"indicators": polity.read(d / "polity5_1776_2020.parquet")}
    if step.sources == ("fariss",):
        return {"indicators": fariss.read(d / "fariss_lhrs_v4.02_1946_2021.parquet")}
    if step.sources == ("cirights",):
        return {"indicators": cirights.read(d / "cirights_v1.22.11.25.parquet")}
    if step.sources == ("wgi",):
        return {"indicators": wgi.read(d / "wgi_2024release_1996_2023.parquet")}
    t = mirror / "treaties"
    return {
        "treaty_actions": pd.concat(
            [
                treaties.read_untc(t / "untc_treaty_participation_2015.csv.gz"),
                treaties.read_ohchr(t / "un_hr_treaty_status_2022.csv.gz"),
            ],
            ignore_index=True,
        )
    }


def _rows_of(file: SourceFile, tables: dict[str, pd.DataFrame], read_counts: dict[str, int]) -> int:
    """Return the rows read from one source file (UNGA files) or stored from its source id."""
    if file.path in read_counts:
        return read_counts[file.path]
    for name in ("indicators", "treaty_actions"):
        frame = tables.get(name)
        if frame is not None:
            n = int((frame["source"] == file.source).sum())
            if n:
                return n
    return 0


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
    total = len(STEPS) + 2
    try:
        con = duckdb.connect(str(tmp))
        try:
            collected: dict[str, list[pd.DataFrame]] = {}
            for i, step in enumerate(STEPS):
                if progress:
                    progress(step.label, i, total)
                for name, frame in _load_step(step, mirror).items():
                    collected.setdefault(name, []).append(frame)
            tables = {name: pd.concat(parts, ignore_index=True) for name, parts in collected.items()}
            counts = tables.pop("_read_counts")
            read_counts = dict(zip(counts["file"], counts["rows"].astype(int)))
            if progress:
                progress("Writing tables", len(STEPS), total)
            for name, frame in tables.items():
                _write_table(con, name, frame)
            _write_table(con, "states", _states_table(tables))
            _write_table(con, "provenance", _provenance(mirror, tables, read_counts))
            _create_indexes(con)
            con.execute(QUALITY_SQL)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if progress:
            progress("Swapping in the new store", len(STEPS) + 1, total)
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
    for path in target.parent.glob(f"{STORE_NAME}.building-*"):
        pid_text = path.name.rsplit("-", 1)[-1].removesuffix(".wal")
        alive = pid_text.isdigit() and _pid_alive(int(pid_text)) and int(pid_text) != os.getpid()
        if not alive:
            path.unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


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
    by kind and state) and sessions where a member state is suddenly coded non-member."""
    conflicts = query(
        "SELECT kind, iso3, NULL::INTEGER AS session, count(*) AS n FROM build_report GROUP BY kind, iso3"
    )
    membership = query("SELECT kind, iso3, session, n_non_member AS n FROM quality_report")
    return pd.concat([conflicts, membership], ignore_index=True).sort_values(
        ["kind", "iso3", "session"], ignore_index=True
    )


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


def _provenance(mirror: Path, tables: dict[str, pd.DataFrame], read_counts: dict[str, int]) -> pd.DataFrame:
    """Return one row per source file: source, file, sha256, upstream, citation, version, rows, built_at."""
    built = datetime.now(UTC).replace(microsecond=0).isoformat()
    rows = []
    for file in FILES:
        rows.append(
            {
                "source": file.source,
                "file": file.path,
                "sha256": sha256_of(mirror / file.path),
                "upstream": file.url or file.landing,
                "citation": file.citation,
                "version": file.version,
                "rows": _rows_of(file, tables, read_counts),
                "built_at": built,
            }
        )
    return pd.DataFrame(rows)


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
    """Return the provenance table: source, file, rows, sha256, version, upstream, citation, built_at."""
    return query(
        "SELECT source, file, rows, sha256, version, upstream, citation, built_at FROM provenance ORDER BY source, file"
    )


def is_current(mirror: Path) -> bool:
    """Return True when the store exists and was built from exactly the files now in ``mirror``."""
    if not store_path().exists():
        return False
    try:
        built = dict(zip(*query("SELECT file, sha256 FROM provenance").to_dict("list").values()))
    except DataMissing:
        return False
    for file in FILES:
        path = Path(mirror) / file.path
        if not path.exists() or built.get(file.path) != sha256_of(path):
            return False
    return True


def build_store(mirror: str | Path) -> Path:
    """Public alias of :func:`build` (``vg.build_store``)."""
    return build(Path(mirror))


def files_for(source: str) -> list[SourceFile]:
    """Return the registry's files of one source id."""
    return files_of(source)
