"""Where the brief's numbers come from, in words: a footnote's source and variable, and the data-source notes
(read from the source registry, :mod:`valuesgap.sources.registry`)."""

from __future__ import annotations

from valuesgap import store
from valuesgap.analysis.coverage import source_label
from valuesgap.brief.sections import SourceNote
from valuesgap.sources import registry

VOTES = "UNGA roll-call votes (Voeten, Strezhnev & Bailey), store table votes"
INSTITUTIONS = "V-Dem, Freedom House, Polity5, Fariss, CIRIGHTS, WGI (store table indicators), facts/dimensions.toml"
IDEAL_POINTS = "yearly ideal points estimated from the UNGA roll-call votes (valuesgap ideal points)"
CHANGE_POINTS = "change points by ruptures Pelt (l2 cost, BIC penalty)"
BOUNDS = {"n": "roll calls where both voted", "lo": "lower 95% bootstrap bound", "hi": "upper 95% bootstrap bound"}
IDEAL_VARIABLES = {
    "ideal_distance": "|θA − θB|, ideal points on all roll calls",
    "ideal_distance_hr": "|θA − θB|, ideal points on human-rights roll calls",
}


def track_source(column: str) -> str:
    """Return the source of a tracks-frame column (vote tracks, institutional gap, ideal points)."""
    if column.startswith(("shared_interests", "values_votes")):
        return VOTES
    if column.startswith(("gap_", "values_institutions")):
        return INSTITUTIONS
    return IDEAL_POINTS


def track_variable(column: str, measure: str, shared_issues: list[str], values_issues: list[str]) -> str:
    """Return what a tracks-frame column measures, in words ('vote agreement on issue nu+di (…)')."""
    if column.startswith(("shared_interests", "values_votes")):
        issues = "+".join(shared_issues if column.startswith("shared") else values_issues)
        suffix = BOUNDS.get(column.rsplit("_", 1)[-1], "")
        return f"vote {measure} on issue {issues}" + (f" ({suffix})" if suffix else "")
    if column == "values_institutions":
        return "mean over the value dimensions of |A − B| (0–1 scale)"
    if column.startswith("gap_"):
        return f"{column[4:]} dimension, A − B (0–1 scale)"
    return IDEAL_VARIABLES.get(column, column)


def indicator_source(source: str) -> str:
    """Return the footnote source of one indicator ('Polity5 (store table indicators)')."""
    return f"{source_label(source)} (store table indicators)"


def source_notes() -> list[SourceNote]:
    """Return one note per data source the store was built from, by source id, as the source registry cites it.

    Which sources: those in the store's provenance table (what the numbers were computed from); their
    citation, version and landing page: the registry's entry (the provenance row where the registry no
    longer has the source).
    """
    built = store.query("SELECT DISTINCT source, citation, version, upstream FROM provenance ORDER BY source")
    notes = []
    for r in built.itertuples(index=False):
        try:
            entry = registry.source(str(r.source))
        except KeyError:
            notes.append(SourceNote(str(r.source), str(r.citation), str(r.version), str(r.upstream)))
            continue
        note = SourceNote(source=entry.id, citation=entry.citation, version=entry.version, upstream=entry.landing)
        if note not in notes:
            notes.append(note)
    return notes


__all__ = ["indicator_source", "source_notes", "track_source", "track_variable"]
