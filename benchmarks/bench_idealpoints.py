"""Fit time, peak memory and EM steps of the dynamic ideal-point model on all UNGA votes 1946–2024,
plus the recovery correlation on votes simulated from the model.

    .venv/bin/python benchmarks/bench_idealpoints.py            # store from $VALUESGAP_HOME
    .venv/bin/python benchmarks/bench_idealpoints.py --repeat 3 --boot 5

Prints one block: data size, time to build the vote frame, fit time (best and median of --repeat),
EM steps, convergence, peak Python memory (tracemalloc) during one fit, and on a simulated
150 states × 30 sessions × 80 roll calls panel (abstentions, 15 % absences, late joiners) the
pooled and median within-session correlation with the true positions next to the share-of-yes baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from valuesgap.analysis import idealpoints as ip
from valuesgap.measures.idealpoints import DynamicIdealPoints

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "measures"))
from simulate import simulate_dynamic_votes  # the tests' simulator


def real_data(repeat: int, boot: int) -> None:
    t0 = time.perf_counter()
    votes = ip.votes_frame(("all",), "session", bridge=True)
    t_frame = time.perf_counter() - t0
    times = []
    model = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        model = DynamicIdealPoints(positive_state="USA").fit(votes)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    DynamicIdealPoints(positive_state="USA").fit(votes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    est = model.ideal_points_
    print(
        f"votes: {len(votes):,} yes/abstain/no over {votes['rollcall'].nunique():,} roll calls, "
        f"{votes['state'].nunique()} states, {votes['session'].nunique()} sessions "
        f"({model.n_dropped_unanimous_} unanimous roll calls dropped)"
    )
    print(f"vote frame: {t_frame:.2f} s")
    print(
        f"fit: best {min(times):.2f} s, median {statistics.median(times):.2f} s over {repeat} run(s); "
        f"{model.n_iter_} EM steps, converged={model.converged_}"
    )
    print(f"peak traced memory during a fit: {peak / 2**20:.0f} MiB")
    print(f"state-sessions: {len(est):,}; log-likelihood {model.log_likelihood_:,.1f}, ELBO {model.elbo_:,.1f}")
    if boot:
        t0 = time.perf_counter()
        DynamicIdealPoints(positive_state="USA", n_boot=boot).fit(votes)
        print(f"fit + {boot} bootstrap replicates: {time.perf_counter() - t0:.1f} s")


def recovery() -> None:
    votes, truth = simulate_dynamic_votes(
        n_states=150, n_periods=30, rollcalls_per_period=80, missing=0.15, random_state=11
    )
    t0 = time.perf_counter()
    model = DynamicIdealPoints(positive_state="S000").fit(votes)
    elapsed = time.perf_counter() - t0
    both = truth.merge(model.ideal_points_, on=["state", "session"], suffixes=("_true", ""))
    pooled = abs(np.corrcoef(both["ideal_point_true"], both["ideal_point"])[0, 1])
    within = both.groupby("session").apply(
        lambda g: abs(np.corrcoef(g["ideal_point_true"], g["ideal_point"])[0, 1]), include_groups=False
    )
    cast = votes[votes["vote"].isin([1, 2, 3])]
    share = cast.assign(yes=cast["vote"].eq(1)).groupby(["state", "session"])["yes"].mean().rename("share")
    both = both.join(share, on=["state", "session"])
    naive = abs(np.corrcoef(both["ideal_point_true"], both["share"])[0, 1])
    print(
        f"simulation (150 x 30 x 80): fit {elapsed:.2f} s, {model.n_iter_} EM steps; "
        f"correlation with truth pooled {pooled:.4f}, median within-session {within.median():.4f}; "
        f"share-of-yes baseline {naive:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fits to time (default 3)")
    parser.add_argument("--boot", type=int, default=0, help="also time a fit with this many bootstrap replicates")
    args = parser.parse_args()
    real_data(args.repeat, args.boot)
    recovery()


if __name__ == "__main__":
    main()
