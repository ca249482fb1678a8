"""The server's child processes end with it: they watch their parent, and the server stops and reaps them."""

from __future__ import annotations

import os
import threading
import time
from typing import Protocol


class _Child(Protocol):
    pid: int | None

    def terminate(self) -> None: ...

    def kill(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...

    def is_alive(self) -> bool: ...


def exit_with(parent: int) -> None:
    """In a child: start a thread that ends this process as soon as the server ``parent`` is gone (even killed)."""
    threading.Thread(target=_watch, args=(parent,), name="valuesgap-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def stop(child: _Child, timeout: float = 5.0) -> None:
    """Stop ``child`` (SIGTERM, then SIGKILL after ``timeout`` seconds) and reap it; return once it is gone
    (at once if it was never started)."""
    if child.pid is None:
        return
    if child.is_alive():
        child.terminate()
        child.join(timeout)
    if child.is_alive():
        child.kill()
    child.join(timeout)
