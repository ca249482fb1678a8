"""Benchmark the command line's first answer and the whole-cube command against naive pandas, same run.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--repeat 3] [--pair USA RUS]`` (the store must be
built; ``VALUESGAP_HOME`` picks it).

Times, in one run (each a fresh process unless said otherwise; best of ``--repeat``):
  (h) ``valuesgap --help``: wall time and peak RSS — target under 0.5 s;
  (c) ``valuesgap similarity --all --out cube.parquet``: the whole process (start-up, store, vote
      matrix, every dyad × session × 7 issue slices × 5 measures, Parquet written) — target at most 3×
      (n);
  (n) the naive pandas merge-and-groupby of ``bench_similarity.py`` for ONE dyad (all sessions, 7
      slices), in this process, its vote frames already loaded (the compute only: the strict baseline);
  (p) the same naive code as a whole process (start-up, reading the votes from the store, compute),
      for reference.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent / "valuesgap"

NAIVE_PROCESS = """
import sys
sys.path.insert(0, {here!r})
from bench_similarity import naive_one_dyad
from valuesgap import store
votes = store.query("SELECT rcid, iso3, vote FROM votes")
rollcalls = store.query("SELECT rcid, session, me, nu, di, hr, co, ec FROM rollcalls")
naive_one_dyad(votes, rollcalls, {a!r}, {b!r})
"""


def run_process(argv: list[str]) -> tuple[float, float]:
    """Run ``argv`` to completion; return (wall seconds, peak RSS in MiB). Raise if it fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return wall, usage.ru_maxrss / 1024


def best(repeat: int, fn) -> tuple[float, float]:
    """Return (best wall time, peak RSS of that call) over ``repeat`` calls of ``fn() -> (wall, rss)``."""
    return min((fn() for _ in range(repeat)), key=lambda x: x[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pair", nargs=2, default=["USA", "RUS"])
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from bench_similarity import naive_one_dyad

    from valuesgap import store

    a, b = args.pair
    votes = store.query("SELECT rcid, iso3, vote FROM votes")
    rollcalls = store.query("SELECT rcid, session, me, nu, di, hr, co, ec FROM rollcalls")
    print(f"store {store.store_path()} · data version {store.data_version()} · {os.cpu_count()} CPUs")

    t_help, rss_help = best(args.repeat, lambda: run_process([str(BIN), "--help"]))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cube.parquet"
        run_process([str(BIN), "similarity", "--all", "--out", str(out)])  # warm the OS file cache
        t_cube, rss_cube = best(args.repeat, lambda: run_process([str(BIN), "similarity", "--all", "--out", str(out)]))
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(out).metadata.num_rows

    def naive_in_process() -> tuple[float, float]:
        t0 = time.perf_counter()
        naive_one_dyad(votes, rollcalls, a, b)
        return time.perf_counter() - t0, 0.0

    t_naive, _ = best(args.repeat, naive_in_process)
    script = NAIVE_PROCESS.format(here=str(HERE), a=a, b=b)
    t_naive_proc, rss_naive_proc = best(args.repeat, lambda: run_process([sys.executable, "-c", script]))

    print(f"(h) valuesgap --help: {t_help:.3f} s, peak RSS {rss_help:.0f} MiB")
    print(
        f"(c) valuesgap similarity --all --out cube.parquet ({rows:,} rows), whole process: {t_cube:.2f} s, "
        f"peak RSS {rss_cube:.0f} MiB"
    )
    print(f"(n) naive pandas, ONE dyad {a}–{b}, all sessions × 7 slices, compute in process: {t_naive:.3f} s")
    print(f"(p) naive pandas, ONE dyad, whole process (start-up, store read, compute): {t_naive_proc:.2f} s")
    print(f"times are the best of {args.repeat}; ratios in this run:")
    print(f"    cube process / naive one-dyad compute (n) = {t_cube / t_naive:.2f}  (target ≤ 3)")
    print(f"    cube process / naive one-dyad process (p) = {t_cube / t_naive_proc:.2f}")
    print(
        f"targets: --help < 0.5 s: {'met' if t_help < 0.5 else 'MISSED'}; "
        f"cube process ≤ 3 × naive one dyad: {'met' if t_cube <= 3 * t_naive else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
