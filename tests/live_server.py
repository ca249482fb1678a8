"""Start ``valuesgap serve`` on a free loopback port in a subprocess, for browser and HTTP tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    timeout: float = 60.0, outcome: dict | None = None, args: tuple[str, ...] = (), ctrl_c_group: bool = False
) -> Iterator[str]:
    """Yield the base URL of a ``valuesgap serve`` process (store: the current ``VALUESGAP_HOME``).

    Fails with the server's output if it does not answer ``/api/version`` within ``timeout`` seconds;
    stops it with SIGINT (as Ctrl-C). ``outcome``, if given, receives ``returncode`` and ``output``; ``args``
    are more ``serve`` options (e.g. ``("--workers", "2")``). ``ctrl_c_group``: start it in a session of its
    own and stop it as a terminal's Ctrl-C does, SIGINT to every process of the group (its children too).
    """
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "valuesgap", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ),
        start_new_session=ctrl_c_group,
    )
    base = f"http://127.0.0.1:{port}"
    if outcome is not None:
        outcome["pid"] = proc.pid
    deadline = time.monotonic() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"valuesgap serve exited with {proc.returncode}: {proc.stdout.read()}")
            try:
                if httpx.get(f"{base}/api/version", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"valuesgap serve did not answer within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        if proc.poll() is None:
            if ctrl_c_group:
                os.killpg(proc.pid, signal.SIGINT)
            else:
                proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if outcome is not None:
            outcome["returncode"] = proc.returncode
            outcome["output"] = proc.stdout.read()


def wait_ready(base: str, workers: int, timeout: float = 180.0) -> float:
    """Wait until ``/api/ready`` answers 200 from ``workers`` distinct server processes; return the seconds.

    Like a load balancer's readiness check: the load starts once each process has warmed its per-state caches.
    """
    began = time.perf_counter()
    ready: set[int] = set()
    with httpx.Client(base_url=base, timeout=10) as client:
        while len(ready) < workers:
            if time.perf_counter() - began > timeout:
                raise SystemExit(f"error: the server was not ready within {timeout:.0f} s")
            got = client.get("/api/ready", headers={"Connection": "close"})
            if got.status_code == 200:
                ready.add(got.json()["pid"])
            else:
                time.sleep(0.5)
    return time.perf_counter() - began
