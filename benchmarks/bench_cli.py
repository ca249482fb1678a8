"""Benchmark the command line's first answer and the whole-cube command against naive pandas, same run.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--repeat 3] [--pair USA RUS]`` (the store must be
built; ``VALUESGAP_HOME`` picks it).

Times, in one run (each a fresh process unless said otherwise; best of ``--repeat``), as wall time and as
CPU time (user + system): on a shared machine the wall time mostly measures the queue for the CPU, the
CPU time what the code costs; the ratios are given for both.
  (h) ``valuesgap --help``: wall time and peak RSS — target under 0.5 s;
  (c) ``valuesgap similarity --all --out cube.parquet``: the whole process (start-up, store, vote
      matrix, every dyad × session × 7 issue slices × 5 measures, Parquet written);
  (p) the naive pandas merge-and-groupby of ``bench_similarity.py`` for ONE dyad (all sessions, 7
      slices) as a whole process too (start-up, reading the votes from the store, compute): like with
      like, the target is (c) ≤ 3 × (p);
  (n) the same naive code's compute alone, in this process with its frames already loaded, for reference.
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


def run_process(argv: list[str]) -> tuple[float, float, float]:
    """Run ``argv`` to completion; return (wall s, CPU s, peak RSS MiB). Raise if it fails.

    Run these before this process grows: a child's peak RSS starts from its parent's size at fork.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def best(repeat: int, fn) -> tuple[float, float, float]:
    """Return (best wall, best CPU, peak RSS) over ``repeat`` calls of ``fn() -> (wall, cpu, rss)``."""
    runs = [fn() for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pair", nargs=2, default=["USA", "RUS"])
    args = parser.parse_args()

    a, b = args.pair
    help_ = best(args.repeat, lambda: run_process([str(BIN), "--help"]))
    script = NAIVE_PROCESS.format(here=str(HERE), a=a, b=b)
    naive_proc = best(args.repeat, lambda: run_process([sys.executable, "-c", script]))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cube.parquet"
        run_process([str(BIN), "similarity", "--all", "--out", str(out)])  # warm the OS file cache
        cube = best(args.repeat, lambda: run_process([str(BIN), "similarity", "--all", "--out", str(out)]))
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(out).metadata.num_rows

    sys.path.insert(0, str(HERE))
    from bench_similarity import naive_one_dyad

    from valuesgap import store

    votes = store.query("SELECT rcid, iso3, vote FROM votes")
    rollcalls = store.query("SELECT rcid, session, me, nu, di, hr, co, ec FROM rollcalls")

    def naive_in_process() -> tuple[float, float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        naive_one_dyad(votes, rollcalls, a, b)
        return time.perf_counter() - t0, time.process_time() - c0, 0.0

    naive = best(args.repeat, naive_in_process)
    print(
        f"store {store.store_path()} · data version {store.data_version()} · {os.cpu_count()} CPUs · load {os.getloadavg()[0]:.1f}"
    )
    print(f"(h) valuesgap --help: wall {help_[0]:.3f} s, CPU {help_[1]:.3f} s, peak RSS {help_[2]:.0f} MiB")
    print(
        f"(c) valuesgap similarity --all --out cube.parquet ({rows:,} rows), whole process: wall {cube[0]:.2f} s, "
        f"CPU {cube[1]:.2f} s, peak RSS {cube[2]:.0f} MiB"
    )
    print(
        f"(n) naive pandas, ONE dyad {a}–{b}, all sessions × 7 slices, compute in process: wall {naive[0]:.3f} s, CPU {naive[1]:.3f} s"
    )
    print(
        f"(p) naive pandas, ONE dyad, whole process (start-up, store read, compute): wall {naive_proc[0]:.2f} s, "
        f"CPU {naive_proc[1]:.2f} s"
    )
    print(f"best of {args.repeat}; ratios in this run (wall / CPU):")
    print(f"    (c) / (p) = {cube[0] / naive_proc[0]:.2f} / {cube[1] / naive_proc[1]:.2f}  (target ≤ 3)")
    print(f"    (c) / (n) = {cube[0] / naive[0]:.2f} / {cube[1] / naive[1]:.2f}")
    print(
        f"targets: --help < 0.5 s: wall {'met' if help_[0] < 0.5 else 'MISSED'}, CPU {'met' if help_[1] < 0.5 else 'MISSED'}; "
        f"(c) ≤ 3 × (p): wall {'met' if cube[0] <= 3 * naive_proc[0] else 'MISSED'}, "
        f"CPU {'met' if cube[1] <= 3 * naive_proc[1] else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
