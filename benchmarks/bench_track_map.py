"""Timing of the two-track map (every partner of a state at once) on the real store.

Run: ``.venv/bin/python benchmarks/bench_track_map.py [--state RUS] [--from 2009] [--to 2012] [--repeat 3]
[--sample 12]`` (the store must be built: ``valuesgap data build --from ../shared/data``; ``VALUESGAP_HOME``
picks it).

Prints, cold (first call in the process: reads every state's indicators and the vote matrix) and warm
(best of ``--repeat``):
  - ``track_map`` in each arena (assembly, council, events) and with ``compare`` (two periods);
  - a baseline in the same run: the dyad-by-dyad way — ``values_gap`` and the nu+di / hr vote tracks
    per partner — timed on ``--sample`` partners and scaled to all of them, so the ratio compares like
    with like on this machine.
Target: the map for all partners well under 1 s (warm).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import valuesgap as vg
from valuesgap.analysis import tracks


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def _best(fn, repeat: int) -> float:
    return min(_timed(fn)[0] for _ in range(repeat))


def dyad_by_dyad(state: str, partners: list[str], start: int, end: int) -> list[tuple[float, float, float]]:
    """The baseline: per partner, its values gap (mean |gap|), nu+di and hr agreement, one dyad at a time."""
    years = list(range(start, end + 1))
    out = []
    for p in partners:
        gap = vg.values_gap(state, p, start=start, end=end).pivot(index="year", columns="dimension", values="gap")
        shared = tracks.vote_track(state, p, issues=("nu", "di"), years=years, level=None)
        hr = tracks.vote_track(state, p, issues=("hr",), years=years, level=None)
        pooled = [(t["n"] * t["value"].fillna(0)).sum() / max(t["n"].sum(), 1) for t in (shared, hr)]
        out.append((float(gap.abs().mean(axis=1).mean()), *pooled))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", default="RUS")
    parser.add_argument("--from", dest="start", type=int, default=2009)
    parser.add_argument("--to", dest="end", type=int, default=2012)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=12)
    args = parser.parse_args()
    s, e = args.start, args.end
    cold, first = _timed(lambda: vg.track_map(args.state, start=s, end=e))
    placed = first[first["left_out"] == ""]  # type: ignore[index]
    rows = [
        (
            f"track_map({args.state}, {s}–{e}) assembly",
            cold,
            _best(lambda: vg.track_map(args.state, start=s, end=e), args.repeat),
            len(first),
        )
    ]  # type: ignore[arg-type]
    for arena in ("council", "events"):
        c, got = _timed(lambda: vg.track_map(args.state, start=s, end=e, arena=arena))
        rows.append(
            (
                f"  arena={arena}",
                c,
                _best(lambda: vg.track_map(args.state, start=s, end=e, arena=arena), args.repeat),
                len(got),
            )
        )  # type: ignore[arg-type]
    c, got = _timed(lambda: vg.track_map(args.state, start=s, end=e, compare=(s - 3, s - 1)))
    rows.append(
        (
            f"  compare={s - 3}–{s - 1}",
            c,
            _best(lambda: vg.track_map(args.state, start=s, end=e, compare=(s - 3, s - 1)), args.repeat),
            len(got),
        )
    )  # type: ignore[arg-type]
    rng = np.random.default_rng(0)
    sample = list(rng.choice(placed["iso3"].to_numpy(), size=min(args.sample, len(placed)), replace=False))
    dyad_by_dyad(args.state, sample[:1], s, e)  # warm the caches it uses
    t, _ = _timed(lambda: dyad_by_dyad(args.state, sample, s, e))
    per_partner = t / len(sample)
    baseline = per_partner * len(first)
    rows.append((f"baseline: dyad by dyad, {len(sample)} partners → {len(first)}", float("nan"), baseline, len(first)))
    print(f"{'job':<52} {'cold s':>8} {'warm s':>8} {'partners':>9} {'baseline ×':>11}")
    for label, c, w, n in rows:
        print(f"{label:<52} {c:8.3f} {w:8.3f} {n:9d} {baseline / w:11.0f}")
    warm = rows[0][2]
    print(
        f"all {len(first)} partners of {args.state}: {warm * 1000:.0f} ms warm ({'under' if warm < 1 else 'OVER'} 1 s); "
        f"dyad by dyad {per_partner * 1000:.0f} ms per partner"
    )


if __name__ == "__main__":
    main()
