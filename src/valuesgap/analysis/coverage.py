"""Which indicator sources say nothing about a state in a period.

:func:`coverage_gaps` asks the store's ``indicators`` table which of the value-dimension sources
(:data:`CHECKED_SOURCES`, labelled by the source registry) have no row for a state in the years start…end, and returns one
:class:`CoverageGap` per (state, source) without data, in the order the states and sources are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from valuesgap import store
from valuesgap.countries import resolve
from valuesgap.sources import registry

# The indicator sources the value dimensions draw on (fh_scores, the Freedom House sub-scores from 2012
# on, is left out: the ratings cover the same ground). Their labels are the registry's.
CHECKED_SOURCES: tuple[str, ...] = ("vdem14", "vdem15", "fh_ratings", "polity5", "fariss", "cirights", "wgi")


@dataclass(frozen=True)
class CoverageGap:
    """An indicator source with no data for a state in a period."""

    iso3: str
    state: str  # the state's name
    source: str  # store source id, e.g. polity5
    label: str  # the source as a reader knows it, e.g. Polity5
    start: int
    end: int

    def sentence(self) -> str:
        """Return the gap in words: 'Polity5 has no data for Monaco in 2000–2023'."""
        return f"{self.label} has no data for {self.state} in {self.start}–{self.end}"


def source_label(source: str) -> str:
    """Return the registry's label of a source ('Polity5'; the id itself when the registry has no such source)."""
    try:
        return registry.source(source).label
    except KeyError:
        return source


def coverage_gaps(states: Sequence[str], start: int, end: int) -> list[CoverageGap]:
    """Return a :class:`CoverageGap` for each checked source with no indicator row for a state in start…end.

    ``states`` are names or codes; each is resolved once.
    """
    resolved = [resolve(s) for s in states]
    if not resolved:
        return []
    marks = ", ".join("?" for _ in resolved)
    got = store.query(
        f"SELECT DISTINCT iso3, source FROM indicators WHERE iso3 IN ({marks}) AND year BETWEEN ? AND ?",
        [*(c.iso3 for c in resolved), start, end],
    )
    have = set(zip(got["iso3"], got["source"]))
    return [
        CoverageGap(c.iso3, c.name, source, label, start, end)
        for c in resolved
        for source, label in registry.labels(CHECKED_SOURCES).items()
        if (c.iso3, source) not in have
    ]


__all__ = ["CHECKED_SOURCES", "CoverageGap", "coverage_gaps", "source_label"]
