"""Coverage of the ideal-point intervals on panels simulated from the model itself.

    .venv/bin/python benchmarks/bench_idealpoints_coverage.py                 # small panels, 20 seeds
    .venv/bin/python benchmarks/bench_idealpoints_coverage.py --size 150,30,80 --seeds 21,22 --boot 20

For each seed: simulate ``states × periods × roll calls per period`` votes
(``simulate_dynamic_votes`` in ``tests/measures/simulate.py``: abstentions, 15 % absences,
late joiners), fit :class:`~valuesgap.measures.idealpoints.DynamicIdealPoints` with ``--boot``
replicates, put the true positions on the reported scale (standardised over the reported cells,
oriented like the estimate) and print the share of 95 % intervals holding the truth, the share
holding the point estimate, the median width and the seconds per replicate; then the mean, minimum
and maximum over seeds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from valuesgap.measures.idealpoints import DynamicIdealPoints

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "measures"))
from simulate import simulate_dynamic_votes  # the tests' simulator


def one_panel(seed: int, size: tuple[int, int, int], boot: int) -> tuple[float, float, float, float]:
    """Return (truth coverage, estimate inside, median width, seconds per replicate) for one panel."""
    n_states, n_periods, per_period = size
    votes, truth = simulate_dynamic_votes(
        n_states=n_states, n_periods=n_periods, rollcalls_per_period=per_period, random_state=seed
    )
    t0 = time.perf_counter()
    plain = DynamicIdealPoints(positive_state="S000", random_state=seed).fit(votes)
    t_fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    ip = DynamicIdealPoints(n_boot=boot, positive_state="S000", random_state=seed).fit(votes).ideal_points_
    per_rep = (time.perf_counter() - t0 - t_fit) / boot
    assert np.allclose(plain.ideal_points_["ideal_point"], ip["ideal_point"])
    both = truth.merge(ip, on=["state", "session"], suffixes=("_true", ""))
    z = (both["ideal_point_true"] - both["ideal_point_true"].mean()) / both["ideal_point_true"].std(ddof=0)
    z *= np.sign(np.corrcoef(z, both["ideal_point"])[0, 1])
    covered = float(((both["lo"] <= z) & (z <= both["hi"])).mean())
    inside = float(((ip["lo"] <= ip["ideal_point"]) & (ip["ideal_point"] <= ip["hi"])).mean())
    return covered, inside, float((ip["hi"] - ip["lo"]).median()), per_rep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="40,6,30", help="states,periods,roll calls per period")
    parser.add_argument("--seeds", default=",".join(str(s) for s in range(1, 21)))
    parser.add_argument("--boot", type=int, default=20)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split(","))
    rows = []
    for seed in (int(s) for s in args.seeds.split(",")):
        row = one_panel(seed, size, args.boot)
        rows.append(row)
        print(
            f"seed {seed:3d}  truth covered {row[0]:.3f}  estimate inside {row[1]:.3f}  "
            f"median width {row[2]:.3f}  {row[3]:.2f} s/replicate",
            flush=True,
        )
    arr = np.array(rows)
    for name, fn in (("mean", np.mean), ("min", np.min), ("max", np.max)):
        v = fn(arr, axis=0)
        print(
            f"{name:4s}      truth covered {v[0]:.3f}  estimate inside {v[1]:.3f}  median width {v[2]:.3f}  {v[3]:.2f} s/replicate"
        )


if __name__ == "__main__":
    main()
