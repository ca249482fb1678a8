"""Timings of the Security Council and event-data arenas on the real store.

Run: ``.venv/bin/python benchmarks/bench_arenas.py [--pair USA RUS] [--repeat 3]`` (the store must be
built: ``valuesgap data build --from ../shared/data``; ``VALUESGAP_HOME`` picks it).

Prints (best of ``--repeat`` warm runs, after one cold run):
  - ``council_all``: vote agreement of every dyad of Council members × year × topic group, 1994–2025;
  - ``events_all``: shares, Wilson intervals and relative shares of every ICEWS directed dyad-year;
  - for scale, one dyad's ``council`` (all groups, by year) and ``events`` (both directions);
  - a baseline in the same run: the naive pandas loop computing one dyad's yearly Council agreement
    draft by draft (so the ratios compare like with like on this machine).
Target: each of the two "all" jobs under 1 s (the load average is printed: the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import time

import pandas as pd

from valuesgap import store
from valuesgap.analysis import council as council_arena
from valuesgap.analysis import event_arena


def _best(fn, repeat: int) -> tuple[float, float, object]:
    """Return (cold seconds, best warm seconds, last result)."""
    t0 = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - t0
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return cold, best, result


def naive_one_dyad(a: str, b: str) -> pd.DataFrame:
    """Yearly agreement of one dyad over all drafts, the plain pandas way (the baseline)."""
    votes = store.query(
        "SELECT v.draft_id, v.iso3, v.code, d.year FROM council_votes v JOIN council_drafts d USING (draft_id)"
    )
    pos = {1: 1.0, 2: 0.5, 3: 0.0}
    va = votes[votes["iso3"] == a].set_index("draft_id")
    vb = votes[votes["iso3"] == b].set_index("draft_id")
    both = va.join(vb, lsuffix="_a", rsuffix="_b", how="inner")
    both["d"] = (both["code_a"].map(pos) - both["code_b"].map(pos)).abs()
    return both.groupby("year_a").agg(n=("d", "size"), agreement=("d", lambda d: 1 - d.mean()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", nargs=2, default=["USA", "RUS"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    a, b = args.pair
    rows = []
    jobs = [
        ("council_all (all dyads × years × groups)", council_arena.council_all),
        ("events_all (all ICEWS directed dyad-years)", event_arena.events_all),
        (f"council({a}, {b}) by year, all groups", lambda: council_arena.council(a, b)),
        (f"events({a}, {b})", lambda: event_arena.events(a, b)),
        (f"baseline: naive pandas, one dyad ({a}, {b})", lambda: naive_one_dyad(a, b)),
    ]
    for label, fn in jobs:
        cold, warm, result = _best(fn, args.repeat)
        rows.append((label, cold, warm, len(result)))  # type: ignore[arg-type]
    base = rows[-1][2]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load}; {os.cpu_count()} cores")
    print(f"{'job':<48} {'cold s':>8} {'warm s':>8} {'rows':>9} {'× baseline':>11}")
    for label, cold, warm, n in rows:
        print(f"{label:<48} {cold:8.3f} {warm:8.3f} {n:9d} {warm / base:11.1f}")
    for label, _, warm, _ in rows[:2]:
        print(f"{label}: {'under' if warm < 1 else 'OVER'} 1 s")


if __name__ == "__main__":
    main()
