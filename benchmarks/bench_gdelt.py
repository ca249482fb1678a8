"""GDELT aggregation at scale: DuckDB against Spark local mode on 10M and 50M generated events.

Run: ``.venv/bin/python benchmarks/bench_gdelt.py [--sizes 10,50] [--engines duckdb,spark] [--master local[2]]
[--convert 500000]``. First times the conversion of generated 2.0 export zips to Parquet (events/s).
Generates the events once (converted-Parquet layout, 24 months, fixed seed) into a temporary folder, then
runs the one aggregation (``valuesgap.analysis.event_aggregate``) per size and engine, each in its own
process so peak memory is that run's alone: wall time, events/s, peak RSS of the process tree (the Spark
JVM included), and the ratio to DuckDB (the baseline) in the same run. Spark's time is split into session
start-up and the query. Needs pyspark and Java 17 (the test install has both).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

MONTHS = [f"{y}-{m:02d}" for y in (2021, 2022) for m in range(1, 13)]
CHUNK = 2_000_000


def worker(engine: str, root: str, master: str) -> None:
    """Child process: run the aggregation once on ``engine``; print timings as JSON."""
    from valuesgap.analysis import event_aggregate as ea

    t0 = time.perf_counter()
    startup = 0.0
    if engine == "spark":
        ea.spark_session(master)
        startup = time.perf_counter() - t0
    t1 = time.perf_counter()
    out = ea.aggregate(root, MONTHS[0], MONTHS[-1], engine=engine, master=master if engine == "spark" else None)
    query = time.perf_counter() - t1
    print(json.dumps({"startup": startup, "query": query, "rows": len(out), "events": int(out["n_events"].sum())}))


def run(engine: str, root: Path, master: str) -> dict:
    """Run one worker process; sample the RSS of its process tree every 0.1 s; return timings and peak MB."""
    cmd = [sys.executable, __file__, "--worker", engine, str(root), "--master", master]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, _ = proc.communicate()
    done.set()
    thread.join()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} worker failed (exit {proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t0
    result["peak_mb"] = peak / 2**20
    return result


def generate(folder: Path, sizes: list[int]) -> dict[int, Path]:
    """Write the largest size once; smaller sizes link its first chunks; return size → root."""
    from valuesgap.sources import gdelt
    from valuesgap.sources.gdelt_generate import parquet_set

    biggest = max(sizes)
    root = folder / f"{biggest}M"
    t0 = time.perf_counter()
    parquet_set(root, biggest * 1_000_000, MONTHS, chunk=CHUNK)
    print(f"generated {biggest}M events in {time.perf_counter() - t0:.0f} s ({_size_mb(root):.0f} MB Parquet)")
    roots = {biggest: root}
    for size in sizes:
        if size == biggest:
            continue
        small = folder / f"{size}M"
        chunks = size * 1_000_000 // CHUNK
        for month in MONTHS:
            src, dst = gdelt.partition_dir(root, 2, month), gdelt.partition_dir(small, 2, month)
            dst.mkdir(parents=True, exist_ok=True)
            for part in range(chunks):
                os.link(src / f"gen-{part:05d}.parquet", dst / f"gen-{part:05d}.parquet")
        roots[size] = small
    return roots


def convert_rate(n: int) -> None:
    """Time the conversion of ``n`` generated events in 2.0 export zips (24 files) to Parquet: events/s."""
    from valuesgap.sources import gdelt
    from valuesgap.sources.gdelt_generate import events_frame, export_files

    with tempfile.TemporaryDirectory(prefix="bench-gdelt-convert-") as tmp:
        zips = export_files(Path(tmp) / "zips", events_frame(n, MONTHS))
        zipped = sum(p.stat().st_size for p in zips)
        t0 = time.perf_counter()
        for path in zips:
            stem = path.name.split(".")[0]
            file = gdelt.RemoteFile(path.name, "", f"{stem[:4]}-{stem[4:6]}", None, None)
            gdelt.convert_zip(path, 2, gdelt.parquet_path(Path(tmp) / "pq", 2, file))
        seconds = time.perf_counter() - t0
        parquet = _size_mb(Path(tmp) / "pq")
    print(
        f"conversion (unzip, parse 61 columns, map CAMEO codes, write Parquet), one process: {n:,} events in "
        f"{seconds:.1f} s = {n / seconds / 1e3:.0f}k events/s; {zipped / n:.0f} bytes/event zipped CSV, "
        f"{parquet * 2**20 / n:.0f} bytes/event Parquet"
    )


def _size_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*.parquet")) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,50", help="millions of events, comma-separated")
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--convert", type=int, default=500_000, help="events for the conversion timing (0: skip)")
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "ROOT"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], args.worker[1], args.master)
        return
    if args.convert:
        convert_rate(args.convert)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    engines = args.engines.split(",")
    folder = Path(tempfile.mkdtemp(prefix="bench-gdelt-"))
    try:
        roots = generate(folder, sizes)
        print(f"cores: {os.cpu_count()}, Spark master {args.master}")
        print(
            f"{'events':>7} {'engine':>7} {'wall s':>7} {'start s':>7} {'query s':>7} {'Mev/s':>7} {'peak MB':>8} {'×duckdb':>8}"
        )
        for size in sizes:
            base = None
            for engine in engines:
                r = run(engine, roots[size], args.master)
                assert r["events"] <= size * 1_000_000
                rate = size * 1_000_000 / r["query"] / 1e6
                base = base or r["query"]
                print(
                    f"{size:>6}M {engine:>7} {r['wall']:7.1f} {r['startup']:7.1f} {r['query']:7.1f} {rate:7.2f} "
                    f"{r['peak_mb']:8.0f} {r['query'] / base:8.2f}"
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
