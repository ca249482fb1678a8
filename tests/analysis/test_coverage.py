"""Sources without data for a state: known gaps of the real data (Polity5 ends in 2020, Monaco has no V-Dem)."""

from __future__ import annotations

from valuesgap.analysis.coverage import CHECKED_SOURCES, CoverageGap, coverage_gaps, source_label


def test_known_gaps_in_the_real_data(store):
    gaps = coverage_gaps(["France", "MCO"], 2000, 2023)
    missing = {(g.iso3, g.source) for g in gaps}
    assert ("MCO", "polity5") in missing and ("MCO", "vdem14") in missing
    assert not any(iso3 == "FRA" for iso3, _ in missing)  # every checked source covers France in 2000–2023
    # Polity5 and CIRIGHTS stop in 2020, Fariss in 2021, V-Dem v14 and WGI in 2023 (the mirror's files)
    late = coverage_gaps(["USA"], 2022, 2024)
    assert [g.source for g in late] == ["polity5", "fariss", "cirights"]
    assert late[0].sentence() == "Polity5 has no data for United States in 2022–2024"
    last = coverage_gaps(["USA"], 2024, 2024)  # only V-Dem v15 and Freedom House reach 2024
    assert [g.source for g in last] == ["vdem14", "polity5", "fariss", "cirights", "wgi"]
    assert coverage_gaps(["USA"], 2000, 2010) == []


def test_gap_sentence_and_order():
    gap = CoverageGap("MCO", "Monaco", "vdem14", source_label("vdem14"), 2000, 2023)
    assert gap.sentence() == "V-Dem v14 has no data for Monaco in 2000–2023"
    assert CHECKED_SOURCES[:2] == ("vdem14", "vdem15") and source_label("no-such-source") == "no-such-source"
