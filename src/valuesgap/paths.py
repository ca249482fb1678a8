"""Where the store lives, and clean-up of build files that killed builds left behind.

Light on purpose (no pandas, no DuckDB): every CLI command calls :func:`remove_stale_builds` at start-up,
and the ``--out`` writer asks :func:`home` so that it never writes over the store.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

STORE_NAME = "valuesgap.duckdb"


def home() -> Path:
    """Return the data folder: ``$VALUESGAP_HOME`` if set, else the per-user data dir."""
    env = os.environ.get("VALUESGAP_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("valuesgap", appauthor=False))


def store_path() -> Path:
    """Return the path of the store file (it may not exist yet)."""
    return home() / STORE_NAME


def pid_alive(pid: int) -> bool:
    """Return True when a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def remove_stale_builds(folder: Path | None = None, *, keep_own: bool = True) -> list[Path]:
    """Delete ``valuesgap.duckdb.building-<pid>`` files whose builder is gone; return what was removed.

    A build in progress (its process alive) is left alone; so is this process's own file unless
    ``keep_own`` is False (a build starting afresh clears what an earlier attempt of its own left).
    """
    folder = home() if folder is None else Path(folder)
    removed: list[Path] = []
    try:
        leftovers = list(folder.glob(f"{STORE_NAME}.building-*"))
    except OSError:
        return removed
    for path in leftovers:
        pid_text = path.name.rsplit("-", 1)[-1].removesuffix(".wal")
        own = pid_text.isdigit() and int(pid_text) == os.getpid()
        alive = keep_own if own else (pid_text.isdigit() and pid_alive(int(pid_text)))
        if not alive:
            try:
                path.unlink(missing_ok=True)
                removed.append(path)
            except OSError:
                pass
    return removed
