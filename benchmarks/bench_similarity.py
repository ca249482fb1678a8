"""Benchmark the vote-similarity engine against plain pandas, on the real store.

Run: ``.venv/bin/python benchmarks/bench_similarity.py [--focal USA] [--pair USA RUS] [--repeat 3]``
(the store must be built: ``valuesgap data build --from ../shared/data``; ``VALUESGAP_HOME`` picks it).

Times, in one run:
  (a) the full cube — every dyad × every session × 7 issue slices × 5 measures (``similarity_cube``);
  (b) all partners of one state across all sessions and slices (``partner_history`` per slice);
  (n) a plain pandas merge-and-groupby computing the same numbers for ONE dyad (all sessions, 7 slices),
and prints the ratios, the peak traced memory of (a) (tracemalloc) and the process's peak RSS.
The vectorised numbers are checked against the naive ones for that dyad before any time is printed.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from valuesgap import rollcall, store
from valuesgap.analysis import similarity as sim
from valuesgap.countries import resolve

ISSUES = list(sim.ISSUES)
MEASURES = list(sim.MEASURES)
VALUE = {"yes": 1.0, "abstain": 0.5, "no": 0.0}


def naive_one_dyad(votes: pd.DataFrame, rollcalls: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Plain pandas: merge the two states' votes, then group by slice and session and apply the formulas.

    Columns: issue, session, n and the five measures (only sessions where the two share a position).
    """
    mine = votes[votes["iso3"].isin([a, b]) & votes["vote"].isin(VALUE)]
    mine = mine.assign(x=mine["vote"].map(VALUE))
    pair = mine[mine["iso3"] == a].merge(mine[mine["iso3"] == b], on="rcid", suffixes=("_a", "_b"))
    pair = pair.merge(rollcalls, on="rcid")
    pair["d"] = (pair["x_a"] - pair["x_b"]).abs()
    pair["yes_no"] = (pair["x_a"] != 0.5) & (pair["x_b"] != 0.5)
    pair["same"] = pair["yes_no"] & (pair["x_a"] == pair["x_b"])
    for who in ("a", "b"):
        for name, v in (("y", 1.0), ("ab", 0.5), ("no", 0.0)):
            pair[f"{name}_{who}"] = (pair[f"x_{who}"] == v).astype(float)
    frames = []
    for issue in ISSUES:
        part = pair if issue == "all" else pair[pair[issue]]
        g = part.groupby("session").agg(
            n=("d", "size"),
            d_o=("d", "mean"),
            yes_no=("yes_no", "sum"),
            same=("same", "sum"),
            y_a=("y_a", "mean"),
            ab_a=("ab_a", "mean"),
            no_a=("no_a", "mean"),
            y_b=("y_b", "mean"),
            ab_b=("ab_b", "mean"),
            no_b=("no_b", "mean"),
        )

        def expected(pa, pb):
            return 0.5 * (pa[0] * pb[1] + pa[1] * pb[0] + pa[1] * pb[2] + pa[2] * pb[1]) + pa[0] * pb[2] + pa[2] * pb[0]

        pa = (g["y_a"], g["ab_a"], g["no_a"])
        pb = (g["y_b"], g["ab_b"], g["no_b"])
        pooled = tuple((x + y) / 2 for x, y in zip(pa, pb))
        d_e_k = expected(pa, pb)
        d_e_p = expected(pooled, pooled)
        frames.append(
            pd.DataFrame(
                {
                    "issue": issue,
                    "session": g.index,
                    "n": g["n"].to_numpy(),
                    "agreement": 1 - g["d_o"].to_numpy(),
                    "coincidence": (g["same"] / g["yes_no"].where(g["yes_no"] > 0)).to_numpy(),
                    "s_score": 1 - 2 * g["d_o"].to_numpy(),
                    "cohen_kappa": (1 - g["d_o"] / d_e_k.where(d_e_k > 0)).to_numpy(),
                    "scott_pi": (1 - g["d_o"] / d_e_p.where(d_e_p > 0)).to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def all_partners(focal: str) -> pd.DataFrame:
    """All partners of ``focal`` in every session and every slice (one ``partner_history`` per slice)."""
    parts = [sim.partner_history(focal, issue=issue).assign(issue=issue) for issue in ISSUES]
    return pd.concat(parts, ignore_index=True)


def best_of(repeat: int, fn):
    """Return (best wall time in seconds, first call's time, last result) over ``repeat`` calls."""
    times, result = [], None
    for _ in range(repeat):
        result = None  # let the previous result go before timing the next call
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), times[0], result


def check_same(vectorised: pd.DataFrame, naive: pd.DataFrame, label: str, rtol: float) -> None:
    """Raise AssertionError unless the two frames give the same n and measures per (issue, session)."""
    merged = naive.merge(vectorised, on=["issue", "session"], suffixes=("", "_v"), how="left")
    assert len(merged) == len(naive) and merged["n_v"].notna().all(), f"{label}: missing rows"
    assert (merged["n"] == merged["n_v"]).all(), f"{label}: n differs"
    for m in MEASURES:
        np.testing.assert_allclose(
            merged[f"{m}_v"].astype(float), merged[m], rtol=rtol, atol=1e-6, equal_nan=True, err_msg=f"{label}: {m}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--focal", default="USA")
    parser.add_argument("--pair", nargs=2, default=["USA", "RUS"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    a, b = (resolve(x).iso3 for x in args.pair)
    focal = resolve(args.focal).iso3

    t0 = time.perf_counter()
    matrix = rollcall.vote_matrix()
    load_matrix = time.perf_counter() - t0
    t0 = time.perf_counter()
    votes = store.query("SELECT rcid, iso3, vote FROM votes")
    rollcalls = store.query("SELECT rcid, session, me, nu, di, hr, co, ec FROM rollcalls")
    load_frames = time.perf_counter() - t0
    print(f"store {store.store_path()} · data version {store.data_version()}")
    print(
        f"vote matrix {matrix.codes.shape[0]} states × {matrix.codes.shape[1]} roll calls: loaded in "
        f"{load_matrix:.2f} s; votes/rollcalls frames for the naive code ({len(votes):,} rows) in {load_frames:.2f} s "
        "(loading is not timed below)"
    )

    t_naive, first_naive, naive = best_of(args.repeat, lambda: naive_one_dyad(votes, rollcalls, a, b))
    t_cube, first_cube, cube = best_of(args.repeat, sim.similarity_cube)
    t_partners, first_partners, history = best_of(args.repeat, lambda: all_partners(focal))

    # Same numbers: the cube (float32) and the partner tables (float64) against the naive dyad.
    lo, hi = sorted((a, b))
    cube_pair = cube[(cube["a"] == lo) & (cube["b"] == hi)].assign(issue=lambda f: f["issue"].astype(str))
    check_same(cube_pair, naive, "cube", rtol=1e-5)
    naive_focal = naive_one_dyad(votes, rollcalls, focal, b if focal != b else a)
    partner_rows = history[history["iso3"] == (b if focal != b else a)]
    check_same(partner_rows, naive_focal, "partners", rtol=1e-12)

    tracemalloc.start()
    sim.similarity_cube()
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux → MiB

    n_groups = cube.groupby(["issue", "session"], observed=True).ngroups
    print(
        f"(a) full cube: {len(cube):,} dyad × session × issue rows ({n_groups} session × slice groups, "
        f"5 measures): {t_cube:.3f} s (first call {first_cube:.3f} s), peak traced memory {peak_traced / 2**20:.0f} MiB, "
        f"frame {cube.memory_usage(deep=True).sum() / 2**20:.0f} MiB"
    )
    print(
        f"(b) all partners of {focal}, every session × 7 slices: {len(history):,} rows in {t_partners:.3f} s "
        f"(first call {first_partners:.3f} s)"
    )
    print(
        f"(n) naive pandas merge-and-groupby, ONE dyad {a}–{b}, every session × 7 slices: "
        f"{len(naive)} rows in {t_naive:.3f} s (first call {first_naive:.3f} s)"
    )
    dyads = cube.groupby("issue", observed=True).size().sum()
    print(f"times are the best of {args.repeat} calls; BLAS threads: 1 inside the cube loop")
    print(
        f"ratios: cube / naive-one-dyad = {t_cube / t_naive:.1f} "
        f"(naive for every cube dyad would take ≈ {t_naive * dyads / len(naive):,.0f} s); "
        f"partners / naive-one-dyad = {t_partners / t_naive:.3f} "
        f"({t_naive / t_partners:.0f}× faster for all partners than the naive code for one)"
    )
    print(f"peak RSS of this process (store frames, matrix, cube and copies): {peak_rss:.0f} MiB")
    print(
        f"targets: cube < 2 s: {'met' if t_cube < 2 else 'MISSED'}; cube < 1 GiB: "
        f"{'met' if peak_traced < 2**30 else 'MISSED'}; partners faster than one naive dyad: "
        f"{'met' if t_partners < t_naive else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
