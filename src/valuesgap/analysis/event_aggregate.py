"""One aggregation of GDELT events per directed dyad and month, run on DuckDB or on Apache Spark.

The aggregation is written once, as the SQL text :data:`AGGREGATE_SQL`, over a table ``events`` with the
columns of the converted Parquet files (:data:`valuesgap.sources.gdelt.PARQUET_COLUMNS`). DuckDB runs it on
the Parquet partitions on one machine (the default); Spark runs the same text (``engine="spark"``) on a
local ``local[N]`` master or a cluster (``master="spark://host:7077"``, ``"yarn"``, …). Every output column is
an integer count or an integer sum, so both engines give identical numbers; the mean Goldstein score is
the integer sum of tenths divided by n in Python afterwards. Shares and intervals are computed
downstream from these counts (the event measures), not here.

Output (one row per sender, target, year, month; sender ≠ target, both states):
``sender``, ``target``, ``year``, ``month``, ``n_events``, ``verb_coop``, ``matl_coop``, ``verb_conf``,
``matl_conf`` (events by CAMEO quad class 1–4), ``verb_coop_m``, ``matl_coop_m``, ``verb_conf_m``,
``matl_conf_m`` (the same weighted by the number of mentions), ``n_mentions``, ``goldstein_sum10``
(sum of Goldstein scores in tenths), ``goldstein_mean``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.analysis import selection
from valuesgap.errors import DataMissing, InputError

ENGINES = ("duckdb", "spark")

#: The aggregation both engines run. ``{start}`` and ``{end}`` are ISO dates (end exclusive).
AGGREGATE_SQL = """
SELECT
    sender,
    target,
    CAST(YEAR(date) AS INT) AS year,
    CAST(MONTH(date) AS INT) AS month,
    CAST(COUNT(*) AS BIGINT) AS n_events,
    CAST(SUM(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END) AS BIGINT) AS verb_coop,
    CAST(SUM(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END) AS BIGINT) AS matl_coop,
    CAST(SUM(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END) AS BIGINT) AS verb_conf,
    CAST(SUM(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) AS BIGINT) AS matl_conf,
    CAST(SUM(CASE WHEN quad_class = 1 THEN COALESCE(mentions, 0) ELSE 0 END) AS BIGINT) AS verb_coop_m,
    CAST(SUM(CASE WHEN quad_class = 2 THEN COALESCE(mentions, 0) ELSE 0 END) AS BIGINT) AS matl_coop_m,
    CAST(SUM(CASE WHEN quad_class = 3 THEN COALESCE(mentions, 0) ELSE 0 END) AS BIGINT) AS verb_conf_m,
    CAST(SUM(CASE WHEN quad_class = 4 THEN COALESCE(mentions, 0) ELSE 0 END) AS BIGINT) AS matl_conf_m,
    CAST(SUM(COALESCE(mentions, 0)) AS BIGINT) AS n_mentions,
    CAST(SUM(CAST(ROUND(goldstein * 10) AS BIGINT)) AS BIGINT) AS goldstein_sum10
FROM events
WHERE sender IS NOT NULL
  AND target IS NOT NULL
  AND sender <> target
  AND quad_class BETWEEN 1 AND 4
  AND date >= DATE '{start}'
  AND date < DATE '{end}'
  {root_filter}
GROUP BY sender, target, CAST(YEAR(date) AS INT), CAST(MONTH(date) AS INT)
ORDER BY sender, target, year, month
"""

COUNT_COLUMNS = [
    "n_events",
    "verb_coop",
    "matl_coop",
    "verb_conf",
    "matl_conf",
    "verb_coop_m",
    "matl_coop_m",
    "verb_conf_m",
    "matl_conf_m",
    "n_mentions",
    "goldstein_sum10",
]


def _month_bounds(start: str, end: str) -> tuple[str, str]:
    """Return the first day of ``start`` and the first day after ``end`` (months as YYYY-MM)."""
    selection.check_month_period(start, end)
    y, m = int(end[:4]), int(end[5:])
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{start}-01", f"{y:04d}-{m:02d}-01"


def aggregate_sql(start: str, end: str, *, root_only: bool = False) -> str:
    """Return the aggregation SQL for months start..end (YYYY-MM, inclusive)."""
    first, after = _month_bounds(start, end)
    return AGGREGATE_SQL.format(start=first, end=after, root_filter="AND is_root" if root_only else "")


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Give both engines' results the same dtypes and order; add the mean Goldstein score."""
    out = frame.copy()
    out["sender"] = out["sender"].astype(str)
    out["target"] = out["target"].astype(str)
    out["year"] = out["year"].astype("int32")
    out["month"] = out["month"].astype("int32")
    for column in COUNT_COLUMNS:
        out[column] = out[column].astype("int64")
    out["goldstein_mean"] = out["goldstein_sum10"] / 10.0 / out["n_events"]
    return out.sort_values(["sender", "target", "year", "month"], ignore_index=True)


def _parquet_glob(root: Path, version: int) -> str:
    folder = Path(root) / f"gdelt{version}"
    if not any(folder.glob("file_month=*/*.parquet")):
        raise DataMissing(
            f"no converted GDELT {version}.0 files under {folder}: run 'valuesgap events fetch gdelt' first"
        )
    return str(folder / "file_month=*" / "*.parquet")


def run_duckdb(root: Path, version: int, start: str, end: str, *, root_only: bool = False) -> pd.DataFrame:
    """Run the aggregation on DuckDB over the Parquet partitions under ``root``."""
    import duckdb

    sql = aggregate_sql(start, end, root_only=root_only)
    con = duckdb.connect()
    try:
        con.execute(
            f"CREATE VIEW events AS SELECT * FROM read_parquet('{_parquet_glob(root, version)}', hive_partitioning = false)"
        )
        return _finish(con.execute(sql).df())
    finally:
        con.close()


def spark_session(master: str | None = None):
    """Return a SparkSession on ``master`` (default ``local[2]``); raise DataMissing if pyspark or Java is missing."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DataMissing("the Spark engine needs pyspark: pip install 'valuesgap[spark]' (and Java 17)") from exc
    master = master or "local[2]"
    builder = (
        SparkSession.builder.master(master)
        .appName("valuesgap-gdelt")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.ansi.enabled", "false")
    )
    if master.startswith("local"):  # one machine: keep the driver on the loopback interface
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # py4j / Java startup errors have no common base class
        raise DataMissing(f"cannot start Spark on {master} ({exc.__class__.__name__}): is Java 17 installed?") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_spark(
    root: str | Path, version: int, start: str, end: str, *, master: str | None = None, root_only: bool = False
) -> pd.DataFrame:
    """Run the same aggregation on Spark; ``root`` may be a local folder or a URI every worker can read."""
    sql = aggregate_sql(start, end, root_only=root_only)
    text = str(root)
    path = f"{text.rstrip('/')}/gdelt{version}"
    if "://" not in text:
        _parquet_glob(Path(root), version)
    spark = spark_session(master)
    frame = spark.read.option("recursiveFileLookup", "true").option("pathGlobFilter", "*.parquet").parquet(path)
    frame.createOrReplaceTempView("events")
    return _finish(spark.sql(sql).toPandas())


def aggregate(
    root: str | Path,
    start: str,
    end: str,
    *,
    version: int = 2,
    engine: str = "duckdb",
    master: str | None = None,
    root_only: bool = False,
) -> pd.DataFrame:
    """Aggregate converted GDELT events per directed dyad and month on ``engine`` (duckdb or spark).

    Returns the columns listed in the module docstring, sorted by sender, target, year, month.
    """
    if engine not in ENGINES:
        raise InputError(f"--engine must be one of {', '.join(ENGINES)}, got '{engine}'")
    if master and engine != "spark":
        raise InputError("--master needs --engine spark")
    if engine == "spark":
        return run_spark(root, version, start, end, master=master, root_only=root_only)
    return run_duckdb(Path(root), version, start, end, root_only=root_only)


def actor_codes(root: Path, version: int = 2) -> pd.DataFrame:
    """Return CAMEO actor country codes that map to no state, with how many actor slots carry each (``code``, ``n``)."""
    import duckdb

    con = duckdb.connect()
    try:
        return con.execute(
            f"""SELECT code, count(*) AS n FROM (
                    SELECT sender_cameo AS code, sender AS iso3 FROM read_parquet('{_parquet_glob(root, version)}')
                    UNION ALL
                    SELECT target_cameo, target FROM read_parquet('{_parquet_glob(root, version)}'))
                WHERE code IS NOT NULL AND code <> '' AND iso3 IS NULL
                GROUP BY code ORDER BY n DESC, code"""
        ).df()
    finally:
        con.close()
