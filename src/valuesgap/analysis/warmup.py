"""Warming a server's per-state caches before a team arrives: the data change only at a build, so the
per-state work behind every dyad query (the vote matrix, each state's value components, each state's
commitments ledger) is done once per data version and process, in a batch, instead of on the first
request that needs it.

:class:`Warmup` runs the steps in a background thread and reports its progress (``GET /api/ready``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def _votes(stopping: Callable[[], bool]) -> int:
    from valuesgap.analysis.selection import vote_matrix

    return len(vote_matrix().states)


def _values(stopping: Callable[[], bool]) -> int:
    from valuesgap.analysis.values import warm_states

    return warm_states()


def _ledgers(stopping: Callable[[], bool]) -> int:
    from valuesgap.analysis.commitments import warm_ledgers

    return warm_ledgers(stopping)


#: (step, what it counts, function): each returns how many items it warmed; a long one returns early
#: once the callable it is given says the warm-up is being stopped.
STEPS: list[tuple[str, str, Callable[[Callable[[], bool]], int]]] = [
    ("votes", "states in the vote matrix", _votes),
    ("values", "states' value components", _values),
    ("commitments", "states' commitments ledgers", _ledgers),
]


@dataclass
class Warmup:
    """Progress of the warm-up: ``state`` is ``idle``, ``warming``, ``ready``, ``failed`` or ``stopped``
    (the server is shutting down)."""

    state: str = "idle"
    step: str = ""
    done: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""
    data_version: str = ""  # the data version last warmed (or being warmed)
    runs: int = 0  # completed warm-ups: the first makes the process ready
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self, data_version: str = "") -> bool:
        """Start warming in a daemon thread unless one is running or ``data_version`` is already warmed;
        return whether a warm-up started. A server calls it at start-up and when it sees a new data
        version (a rebuilt store: the caches of the old one no longer apply)."""
        with self._lock:
            running = self._thread is not None and self._thread.is_alive()
            if running or self._stop.is_set() or (self.runs and data_version == self.data_version):
                return False
            self.state, self.data_version = "warming", data_version
            self._thread = threading.Thread(target=self.run, name="valuesgap-warmup", daemon=True)
            self._thread.start()
            return True

    def run(self) -> None:
        """Run every step in order; a failing step stops the warm-up (the server still answers, colder)."""
        began = time.perf_counter()
        try:
            if not self.data_version:
                from valuesgap import store

                self.data_version = store.data_version()
            for name, _, step in STEPS:
                if self._stop.is_set():
                    break
                self.step = name
                self.done[name] = step(self._stop.is_set)
            self.state = "stopped" if self._stop.is_set() else "ready"
        except Exception as exc:  # the store is missing or being rebuilt: requests say so themselves
            self.state, self.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            self.step = ""
            self.seconds = round(time.perf_counter() - began, 2)
            self.runs += 1

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop warming (at server shutdown) and wait up to ``timeout`` seconds for the current step to
        end; return whether no warm-up thread is left. The process must not finalize while this thread
        is inside the database (a daemon thread stopped there aborts the interpreter)."""
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    @property
    def ready(self) -> bool:
        """Whether the process serves warm: a warm-up finished once (or none was asked for)."""
        return self.state == "idle" or self.runs > 0

    def report(self) -> dict:
        """Return the progress as a JSON-ready dict."""
        return {
            "ready": self.ready,
            "state": self.state,
            "data_version": self.data_version,
            "step": self.step,
            "warmed": {name: self.done[name] for name, _, _ in STEPS if name in self.done},
            "seconds": self.seconds,
            **({"error": self.error} if self.error else {}),
        }
