"""Timings of the values track and a validity check of the value dimensions, on the real store.

Run: ``.venv/bin/python benchmarks/bench_values.py [--pair USA RUS]`` (the store must be built:
``valuesgap data build --from ../shared/data``; ``VALUESGAP_HOME`` picks it).

Prints:
  - cold and warm times of ``values_gap`` for the pair and ``commitments`` for B;
  - the time to scale and combine every country-year of all five dimensions;
  - convergent validity: the correlation (Pearson, Spearman) of each dimension with a Freedom House
    sub-score that is NOT among its components (FIW 2013–2025 editions): media ~ D1 (free and independent
    media), rule_of_law ~ F (rule of law), capture ~ C2 (safeguards against corruption), repression ~ E
    (associational and organisational rights), democracy ~ total (partly circular: FH pr/cl are
    components of democracy);
  - the correlations between the five dimensions.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from valuesgap import store
from valuesgap.analysis import commitments as cm
from valuesgap.analysis import values as vals
from valuesgap.measures.indicators import combine_components, scale_components

EXTERNAL = [("media", "D1"), ("rule_of_law", "F"), ("capture", "C2"), ("repression", "E"), ("democracy", "total")]


def _timed(label: str, fn, *args) -> None:
    t0 = time.perf_counter()
    fn(*args)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    fn(*args)
    print(f"{label:<40} cold {cold:6.3f} s   warm {time.perf_counter() - t0:6.3f} s")


def all_dimensions() -> pd.DataFrame:
    """Return every country-year's dimension values (iso3, year, dimension, value, …)."""
    dims = list(vals.load_dimensions().values())
    keys = sorted({c.key for d in dims for c in d.components})
    raw = store.query(
        "SELECT iso3, year, source, variable, avg(value) AS value, avg(lower) AS lower, avg(upper) AS upper "
        f"FROM indicators WHERE source || ':' || variable IN ({', '.join('?' * len(keys))}) GROUP BY ALL",
        keys,
    )
    return combine_components(pd.concat([scale_components(raw, d) for d in dims], ignore_index=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", nargs=2, default=["USA", "RUS"])
    args = parser.parse_args()
    a, b = args.pair
    _timed(f"values_gap({a}, {b})", vals.values_gap, a, b)
    _timed(f"commitments({b})", cm.commitments, b)
    t0 = time.perf_counter()
    combined = all_dimensions()
    print(f"{'all country-years, 5 dimensions':<40} {time.perf_counter() - t0:6.3f} s ({len(combined):,} values)")

    wide = combined.pivot_table(index=["iso3", "year"], columns="dimension", values="value").reset_index()
    fh = (
        store.query(
            "SELECT iso3, year, variable, avg(value) AS v FROM indicators WHERE source = 'fh_scores' "
            "AND variable IN ('D1', 'F', 'C2', 'E', 'total') GROUP BY ALL"
        )
        .pivot_table(index=["iso3", "year"], columns="variable", values="v")
        .reset_index()
    )
    both = wide.merge(fh, on=["iso3", "year"])
    print("\nconvergent validity against Freedom House sub-scores (country-years 2012–2024):")
    for dim, ext in EXTERNAL:
        pair = both[[dim, ext]].dropna()
        print(
            f"  {dim:<12} ~ FH {ext:<6} n={len(pair):5d}  pearson {pair.corr().iloc[0, 1]:.3f}  "
            f"spearman {pair.corr('spearman').iloc[0, 1]:.3f}"
        )
    print("\ncorrelations between the dimensions (all country-years):")
    print(wide[[d for d, _ in EXTERNAL if d in wide]].corr().round(2).to_string())


if __name__ == "__main__":
    main()
