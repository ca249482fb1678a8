"""Stopping a child process: SIGTERM first, SIGKILL when it does not end, and reaped either way."""

from __future__ import annotations

import multiprocessing
import signal
import time

from valuesgap.api import lifeline


def _sleep(ignore_term: bool, ready) -> None:
    if ignore_term:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    ready.set()
    time.sleep(60)


def _started(ignore_term: bool) -> multiprocessing.process.BaseProcess:
    """Return a running child process (ignoring SIGTERM, if asked) once its signal handler is in place."""
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    child = context.Process(target=_sleep, args=(ignore_term, ready), daemon=True)
    child.start()
    assert ready.wait(60)
    return child


def test_stop_ends_a_child_with_sigterm():
    child = _started(ignore_term=False)
    lifeline.stop(child, timeout=5)
    assert not child.is_alive() and child.exitcode == -signal.SIGTERM


def test_stop_kills_a_child_that_ignores_sigterm():
    child = _started(ignore_term=True)
    began = time.monotonic()
    lifeline.stop(child, timeout=0.5)
    assert not child.is_alive() and child.exitcode == -signal.SIGKILL
    assert time.monotonic() - began < 5


def test_stop_of_an_ended_child_returns_at_once():
    child = _started(ignore_term=False)
    child.terminate()
    child.join()
    lifeline.stop(child)
    assert child.exitcode == -signal.SIGTERM


def test_stop_of_a_child_never_started_returns_at_once():
    child = multiprocessing.get_context("spawn").Process(target=_sleep, args=(False, None))
    lifeline.stop(child)
    assert child.exitcode is None
