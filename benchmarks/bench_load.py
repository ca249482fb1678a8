"""The team workload of issue 14 against ``valuesgap serve``: does the API hold 100 requests/s?

Mixed dyad queries — 60 % /api/similarity (random issue slice), 15 % /api/similarity/issues, 15 %
/api/values-gap, 10 % /api/commitments/dyad — over varied dyads of a pool of states (``--states``,
seeded; the USA always in), open loop (each request is sent at its scheduled time whether or not earlier
ones have returned) at RATE requests/s for DURATION s, on loopback. For each server set-up (the default,
and ``--workers 2``) it prints: latency p50/p95/p99/max of the answers, errors (anything but 200, or a
transport error / 10 s timeout), the server's RSS growth over the run (all its processes), and how long a
probe (a dyad never asked before) took when sent the moment the load ended.

Then a second, hostile run: the same load with ideal-point requests that need fits (1/s, issues and
bootstrap counts that are not cached: the server queues a fit in its fit process and answers 503 +
Retry-After) and 20,000-character country names (2/s, in a path and in a query: 422) mixed in, and with
``--heavy R`` also R slow pages per second (briefs, tracks charts, maps, partners, each new); it prints
the dyad queries' latencies (target p95 < 200 ms) and the statuses of the hostile requests.

Each server is started with ``valuesgap serve`` as a user would, and the load starts once ``/api/ready``
answers 200 from every worker process (each has warmed its per-state caches in the background, a
load balancer's readiness check); the seconds that took are printed.

Targets (issue 14): 0 errors, p95 < 50 ms, RSS growth < 50 MB, probe < 1 s; hostile run dyad p95 < 200 ms.
Bounded: at most RATE × DURATION requests per run (plus the hostile ones), 10 s client timeout, at most
300 connections; it stops by itself. Each run starts a fresh server on a free loopback port over the store
``VALUESGAP_HOME`` points to; ideal-point fits it triggers are written to that store's cache folder.

    .venv/bin/python benchmarks/bench_load.py                      # default and --workers 2, 100/s for 60 s
    .venv/bin/python benchmarks/bench_load.py --duration 20 --setups 1
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from live_server import running_server, wait_ready

ISSUES = ["all", "me", "nu", "di", "hr", "co", "ec"]
MIX = [("similarity", 0.60), ("similarity_issues", 0.15), ("values_gap", 0.15), ("commitments", 0.10)]
LONG_NAME = "Republic of " + "x" * (20_000 - 12)
FIT_ISSUES = ["me", "nu", "di", "co", "ec"]


def pool_of_states(base: str, n: int, seed: int) -> list[str]:
    """Return ``n`` states with UNGA votes in 2020 (the USA and ``n - 1`` drawn with ``seed``)."""
    rows = httpx.get(f"{base}/api/partners?focal=USA&year=2020", timeout=60).json()["rows"]
    others = sorted(r["iso3"] for r in rows if r["n"] >= 40)
    return ["USA", *random.Random(seed).sample(others, n - 1)]


def workload(states: list[str], n: int, seed: int) -> list[tuple[str, str]]:
    """Return ``n`` (kind, path) requests of the mixed dyad workload (seeded)."""
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    out = []
    for _ in range(n):
        a, b = rng.sample(states, 2)
        kind = rng.choices(kinds, weights)[0]
        if kind == "similarity":
            path = f"/api/similarity?a={a}&b={b}&issue={rng.choice(ISSUES)}"
        elif kind == "similarity_issues":
            path = f"/api/similarity/issues?a={a}&b={b}"
        elif kind == "values_gap":
            path = f"/api/values-gap?a={a}&b={b}"
        else:
            path = f"/api/commitments/dyad?a={a}&b={b}"
        out.append((kind, path))
    return out


def hostile(n_seconds: int, seed: int) -> list[tuple[float, str, str]]:
    """Return (time offset s, kind, path): 1 ideal-point request/s needing a fit, 2 long names/s."""
    rng = random.Random(seed + 1)
    out = []
    for s in range(n_seconds):
        issue = rng.choice(FIT_ISSUES)
        boot = rng.choice([0, 1, 2, 3])
        out.append((s + 0.5, "fit", f"/api/ideal-points?states=USA,RUS&issue={issue}&n_boot={boot}&format=csv"))
        out.append((s + 0.25, "long", f"/api/countries/{LONG_NAME}"))
        out.append((s + 0.75, "long", f"/api/similarity?a={LONG_NAME}&b=USA"))
    return out


def heavy(states: list[str], n_seconds: int, rate: float, seed: int) -> list[tuple[float, str, str]]:
    """Return (time offset s, "heavy", path): ``rate``/s of the slow pages a team also opens, each new (a
    brief, a tracks chart, a two-track map, "who votes with" with intervals), for the pool's states."""
    rng = random.Random(seed + 2)
    out = []
    for i in range(int(n_seconds * rate)):
        a, b = rng.sample(states, 2)
        y = rng.randint(1992, 2015)
        path = rng.choice(
            [
                f"/api/brief?a={a}&b={b}&start={y}",
                f"/api/charts/tracks?a={a}&b={b}&start={y}&ideal=false",
                f"/api/track-map?state={a}&start={y}&end={y + 3}",
                f"/api/partners?focal={a}&year={y}",
            ]
        )
        out.append(((i + 0.1) / rate, "heavy", path))
    return out


def rss_mb(pid: int) -> float:
    """Return the resident memory (MB) of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


async def run(base: str, schedule: list[tuple[float, str, str]], probe: str, duration: float) -> dict:
    """Send every (offset, kind, path) at its time; send ``probe`` at ``duration``; return what came back."""
    results: list[tuple[str, int, float, float]] = []  # kind, status (0: transport error), seconds, offset
    limits = httpx.Limits(max_connections=300, max_keepalive_connections=300)
    async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as client:
        start = time.perf_counter()

        async def one(offset: float, kind: str, path: str) -> None:
            delay = start + offset - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent = time.perf_counter()
            try:
                status = (await client.get(path)).status_code
            except httpx.HTTPError:
                status = 0
            results.append((kind, status, time.perf_counter() - sent, offset))

        await asyncio.gather(*(one(*item) for item in schedule), one(duration, "probe", probe))
        elapsed = time.perf_counter() - start
    return {"results": results, "elapsed": elapsed}


def quantiles(seconds: list[float]) -> str:
    ms = sorted(x * 1000 for x in seconds)
    if len(ms) < 2:
        return "too few answers"
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return f"p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, max {ms[-1]:.1f} ms"


def by_window(timed: list[tuple[str, int, float, float]], width: float = 10.0) -> str:
    """Return e.g. ``0-10 s 48 ms/3, 10-20 s 9 ms/0``: each window's dyad-answer p95 and error count."""
    dyad = [(s, t, o) for k, s, t, o in timed if k in dict(MIX)]
    parts = []
    for w in range(int(max((o for _, _, o in dyad), default=0) // width) + 1):
        mine = [(s, t) for s, t, o in dyad if w * width <= o < (w + 1) * width]
        ok = [t for s, t in mine if s == 200]
        errors = sum(1 for s, _ in mine if s != 200)
        parts.append(f"{w * width:.0f}-{(w + 1) * width:.0f} s {p95(ok):.0f} ms/{errors}")
    return ", ".join(parts)


def p95(seconds: list[float]) -> float:
    return (
        statistics.quantiles(sorted(seconds), n=100, method="inclusive")[94] * 1000
        if len(seconds) > 1
        else float("inf")
    )


def bench(setup: tuple[str, ...], args: argparse.Namespace, with_hostile: bool) -> bool:
    """Run one load against a fresh server started with ``setup``; print the figures; return targets met."""
    outcome: dict = {}
    label = " ".join(setup) or "default (1 process)"
    with running_server(outcome=outcome, args=setup) as base:
        workers = int(setup[setup.index("--workers") + 1]) if "--workers" in setup else 1
        warmed = wait_ready(base, workers)
        states = pool_of_states(base, args.states, args.seed)
        n = int(args.rate * args.duration)
        work = workload(states, n, args.seed)
        schedule = [(i / args.rate, kind, path) for i, (kind, path) in enumerate(work)]
        if with_hostile:
            schedule += hostile(int(args.duration), args.seed)
            schedule += heavy(states, int(args.duration), args.heavy, args.seed)
        httpx.get(f"{base}/api/similarity?a=USA&b=RUS", timeout=60)  # the vote matrix in memory before timing
        before = rss_mb(outcome["pid"])
        got = asyncio.run(run(base, schedule, "/api/similarity?a=NOR&b=CHL&issue=ec", args.duration))
        after = rss_mb(outcome["pid"])
    timed = got["results"]
    results = [(k, s, t) for k, s, t, _ in timed]
    dyad = [(k, s, t) for k, s, t in results if k in dict(MIX)]
    ok = [t for _, s, t in dyad if s == 200]
    errors = sum(1 for _, s, _ in dyad if s != 200)
    statuses = sorted({s for _, s, _ in dyad})
    (probe,) = [(s, t) for k, s, t in results if k == "probe"]
    distinct = len({p for _, p in work})
    print(
        f"\n== {label}{' + hostile requests' if with_hostile else ''}: {len(states)} states, {distinct} distinct "
        f"of {n} dyad requests, {args.rate:.0f}/s for {args.duration:.0f} s (sent in {got['elapsed']:.1f} s)"
    )
    print(f"   ready (per-state caches warmed, /api/ready 200 from {workers} process(es)) after {warmed:.1f} s")
    print(f"   dyad answers: ok {len(ok)}, errors {errors} (statuses {statuses}); latency {quantiles(ok)}")
    for kind, _ in MIX:
        times = [t for k, s, t in dyad if k == kind and s == 200]
        print(f"     {kind:<18} n {len(times):>5}: {quantiles(times)}")
    print("   by 10 s of the run (p95 of the answers, errors):", by_window(timed))
    where = "all server processes" + (", the fit process included" if with_hostile else "")
    print(f"   RSS {before:.0f} MB -> {after:.0f} MB (growth {after - before:+.0f} MB, {where})")
    print(f"   probe at the end of the load: status {probe[0]}, {probe[1] * 1000:.0f} ms")
    if with_hostile:
        for kind in ("fit", "long", "heavy")[: 3 if args.heavy else 2]:
            mine = [(s, t) for k, s, t in results if k == kind]
            counts = {s: sum(1 for x, _ in mine if x == s) for s in sorted({x for x, _ in mine})}
            print(f"   {kind} requests: {len(mine)}, statuses {counts}, latency {quantiles([t for _, t in mine])}")
        met = p95(ok) < 200 and errors == 0
        print(f"   target dyad p95 < 200 ms and 0 errors: {'met' if met else 'NOT met'}")
        return met
    met = errors == 0 and p95(ok) < 50 and after - before < 50 and probe[0] == 200 and probe[1] < 1
    print(f"   targets (0 errors, p95 < 50 ms, RSS growth < 50 MB, probe < 1 s): {'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0, help="dyad requests per second (default 100)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per run (default 60, at most 120)")
    parser.add_argument("--states", type=int, default=12, help="pool of states the dyads are drawn from (12)")
    parser.add_argument("--setups", type=int, default=2, choices=(1, 2), help="1: default only; 2: and --workers 2")
    parser.add_argument("--no-hostile", action="store_true", help="skip the run with fits and long names")
    parser.add_argument(
        "--heavy",
        type=float,
        default=0.0,
        help="in the hostile run, also this many slow pages per second (briefs, tracks charts, maps, partners)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not 0 < args.rate <= 300 or not 0 < args.duration <= 120 or not 2 <= args.states <= 200:
        sys.exit("error: --rate must be in (0, 300], --duration in (0, 120], --states in [2, 200]")
    if not 0 <= args.heavy <= 20:
        sys.exit("error: --heavy must be in [0, 20] requests per second")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    setups: list[tuple[str, ...]] = [(), ("--workers", "2")][: args.setups]
    met = [bench(setup, args, with_hostile=False) for setup in setups]
    if not args.no_hostile:
        met.append(bench((), args, with_hostile=True))
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    sys.exit(0 if all(met) else 1)


if __name__ == "__main__":
    main()
