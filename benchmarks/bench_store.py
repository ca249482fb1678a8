"""Store build time and peak memory from the local mirror, against reading the raw files alone.

Run: ``.venv/bin/python benchmarks/bench_store.py [MIRROR]``. Prints the build time, the time to just
read every source file with pandas/pyreadr (the floor any build pays), their ratio, and peak RSS.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyreadr

from valuesgap.sources.registry import FILES


def read_raw(mirror: Path) -> None:
    """Read every source file as plainly as possible (the baseline)."""
    for file in FILES:
        path = mirror / file.path
        if path.suffix == ".rda":
            pyreadr.read_r(str(path))
        elif path.suffix == ".parquet":
            pd.read_parquet(path)
        else:
            pd.read_csv(path, low_memory=False)


def main() -> None:
    mirror = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
    with tempfile.TemporaryDirectory() as home:
        os.environ["VALUESGAP_HOME"] = home
        from valuesgap import store

        t0 = time.perf_counter()
        read_raw(mirror)
        raw = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.build(mirror)
        built = time.perf_counter() - t0
        size = store.store_path().stat().st_size / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"read raw files: {raw:.2f} s")
    print(f"build store:    {built:.2f} s  ({built / raw:.1f}x the raw read; target < 60 s)")
    print(f"store size:     {size:.1f} MiB; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
