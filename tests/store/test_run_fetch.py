"""The README's main command (scripts/run.sh) on a machine with only the internet: no mirror folder
next to the repository, VALUESGAP_MIRROR unset, every publisher impersonated on 127.0.0.1.

The script runs from a copy of scripts/ whose install step is a no-op (the test's .venv is linked in),
so what is tested is run.sh's own data step: fetch, build, brief, serve.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from live_server import free_port
from upstream_server import Upstream, build

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_sh_fetches_builds_and_serves_without_a_mirror(mirror, tmp_path, store):
    server = Upstream(build(mirror))
    repo = tmp_path / "clone" / "repo"  # no ../shared/data next to it
    (repo / "scripts").mkdir(parents=True)
    (repo / "scripts" / "run.sh").write_text((REPO / "scripts" / "run.sh").read_text())
    (repo / "scripts" / "install.sh").write_text("#!/usr/bin/env bash\n# stub: the test's .venv is linked in\n")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "valuesgap").symlink_to(Path(sys.executable).parent / "valuesgap")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "VALUESGAP_MIRROR"}
    env.update(
        VALUESGAP_HOME=str(tmp_path / "home"), VALUESGAP_UPSTREAM_BASE=server.base, PORT=str(port), PATH="/usr/bin:/bin"
    )
    proc = subprocess.Popen(
        ["bash", str(repo / "scripts" / "run.sh")],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 600
        answer = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                answer = httpx.get(
                    f"http://127.0.0.1:{port}/api/similarity",
                    params={"a": "USA", "b": "RUS", "issue": "nu"},
                    timeout=10,
                )
                break
            except httpx.HTTPError:
                time.sleep(1)
        assert answer is not None and answer.status_code == 200, (
            proc.stdout.read() if proc.poll() is not None else "no answer"
        )
    finally:
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=60)[0]
        server.close()
    assert "fetching the sources from their publishers" in output
    assert (repo / "out" / "brief-USA-RUS.html").exists()
    assert (tmp_path / "home" / "mirror" / "upstream" / "unvotes" / "unvotes_0.3.0.tar.gz").exists()
    from valuesgap.analysis.similarity import similarity

    rows = answer.json()
    rows = rows["rows"] if isinstance(rows, dict) and "rows" in rows else rows
    ours = similarity("USA", "RUS", issue="nu")
    assert len(rows) == len(ours)
    first = rows[0]
    assert first["agreement"] == pytest.approx(float(ours["agreement"].iloc[0]), abs=1e-12)
