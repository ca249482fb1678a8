"""A fast first answer: registering the commands imports none of the heavy stack (the time itself is
measured by benchmarks/bench_cli.py)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "duckdb", "altair", "fastapi", "pyarrow", "scipy", "valuesgap.store")


def test_registering_the_commands_imports_no_heavy_module():
    code = (
        "import sys\n"
        "from valuesgap.cli import COMMAND_MODULES, _load_commands\n"
        "_load_commands()\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "print(len(COMMAND_MODULES))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]", f"imported at registration: {out[0]}"
    assert int(out[1]) >= 9


def test_help_lists_every_command():
    result = subprocess.run(
        [sys.executable, "-m", "valuesgap", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    for command in ("countries", "votes", "summary", "similarity", "partners", "values", "commitments", "tracks"):
        assert command in result.stdout
    for command in ("brief", "ideal-points", "serve", "data"):
        assert command in result.stdout
