"""Latency of dyad queries against a running valuesgap server on loopback, at a fixed request rate.

Sends GET /api/similarity?a=A&b=B&issue=I (random dyads of states with votes, random issue slice; mostly
answers the server has not cached) at RATE requests per second for DURATION seconds — open loop: each
request is sent at its scheduled time whether or not earlier ones have returned — then prints p50, p95,
p99 and max latency, the achieved rate and the number of errors (non-200 or transport errors).
Bounded: at most RATE × DURATION requests, each with a 10 s timeout; it stops by itself.

    .venv/bin/python benchmarks/bench_api.py                 # starts its own `valuesgap serve` on 127.0.0.1
    .venv/bin/python benchmarks/bench_api.py --url http://127.0.0.1:8000   # a server already running

The store is the one ``VALUESGAP_HOME`` points to. Only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from live_server import running_server, wait_ready

ISSUES = ["all", "me", "nu", "di", "hr", "co", "ec"]


def check_loopback(url: str) -> None:
    """Exit unless ``url`` points at this machine (a loopback address or localhost)."""
    host = urlparse(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"error: {url} is not a loopback address: the benchmark only targets this machine")


def dyad_urls(base: str, n: int, seed: int) -> list[str]:
    """Return ``n`` similarity URLs for random dyads of current UN members with votes (seeded)."""
    rows = httpx.get(f"{base}/api/partners?focal=USA&year=2020", timeout=30).json()["rows"]
    states = ["USA"] + [r["iso3"] for r in rows if r["n"] >= 40]
    rng = random.Random(seed)
    urls = []
    for _ in range(n):
        a, b = rng.sample(states, 2)
        urls.append(f"{base}/api/similarity?a={a}&b={b}&issue={rng.choice(ISSUES)}")
    return urls


async def run(urls: list[str], rate: float) -> tuple[list[float], int, float]:
    """Send ``urls`` at ``rate`` per second; return (latencies in s of the 200s, errors, elapsed s)."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(timeout=10, limits=limits) as client:
        start = time.perf_counter()

        async def one(i: int, url: str) -> None:
            nonlocal errors
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent = time.perf_counter()
            try:
                response = await client.get(url)
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - sent)
                else:
                    errors += 1
            except httpx.HTTPError:
                errors += 1

        await asyncio.gather(*(one(i, u) for i, u in enumerate(urls)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


def report(latencies: list[float], errors: int, elapsed: float, sent: int) -> str:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [float("nan")] * 99
    return (
        f"{sent} requests in {elapsed:.1f} s ({sent / elapsed:.1f}/s): ok {len(ms)}, errors {errors}; "
        f"latency p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, max {ms[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running server (default: start one on 127.0.0.1)")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second (default 100)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds (default 30, at most 120)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not 0 < args.rate <= 500 or not 0 < args.duration <= 120:
        sys.exit("error: --rate must be in (0, 500] and --duration in (0, 120]")

    def bench(base: str) -> None:
        check_loopback(base)
        wait_ready(base, 1)  # the per-state caches warmed, as a load balancer would wait
        n = int(args.rate * args.duration)
        urls = dyad_urls(base, n, args.seed)
        distinct = len(set(urls))
        httpx.get(urls[0], timeout=30)  # load the vote matrix before timing
        latencies, errors, elapsed = asyncio.run(run(urls, args.rate))
        print(f"dyad queries (/api/similarity, {distinct} distinct of {n}): " + report(latencies, errors, elapsed, n))

    if args.url:
        bench(args.url.rstrip("/"))
    else:
        with running_server() as base:
            bench(base)


if __name__ == "__main__":
    main()
