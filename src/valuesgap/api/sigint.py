"""A terminal's Ctrl-C sends SIGINT to every process of the group: the server's children (the slow-page
process, a fit) leave it to the server, which stops them, instead of each printing a KeyboardInterrupt
traceback, even when it comes while they are still starting."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_for_children() -> Iterator[None]:
    """Within: SIGINT is blocked in this thread, so the processes spawned here start with it blocked (the
    mask is inherited across fork and exec) until :func:`left_to_parent`; the server itself still gets
    it (another thread takes it, or this one once the block ends)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def left_to_parent() -> None:
    """In a child: ignore SIGINT from now on and unblock it (one that came while starting is dropped)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
