"""valuesgap: the values gap and shared-interest cooperation between states, from real data.

The public functions are imported lazily so that ``import valuesgap`` stays fast:

>>> import valuesgap as vg
>>> vg.similarity("United States", "Russia", issue="hr")      # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "resolve": "valuesgap.countries",
    "countries": "valuesgap.countries",
    "votes": "valuesgap.analysis.votes",
    "similarity": "valuesgap.analysis.similarity",
    "partners": "valuesgap.analysis.similarity",
    "partner_history": "valuesgap.analysis.similarity",
    "similarity_cube": "valuesgap.analysis.similarity",
    "ideal_points": "valuesgap.analysis.idealpoints",
    "values_gap": "valuesgap.analysis.values",
    "value_components": "valuesgap.analysis.values",
    "commitments": "valuesgap.analysis.commitments",
    "tracks": "valuesgap.analysis.tracks",
    "track_map": "valuesgap.analysis.track_map",
    "council": "valuesgap.analysis.council",
    "vetoes": "valuesgap.analysis.council",
    "events": "valuesgap.analysis.event_arena",
    "build_store": "valuesgap.store",
}


def __getattr__(name: str) -> Any:
    """Import a public function on first use; raise AttributeError for unknown names."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'valuesgap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
