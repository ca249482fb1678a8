"""How current and complete the data are: coverage per arena and the gaps, on the mirror as it is."""

from __future__ import annotations

import pandas as pd
import pytest

from valuesgap import coverage
from valuesgap.errors import NoData


def test_months_between_two_roll_calls_hand_computed():
    assert coverage._months(pd.Timestamp("2021-12-24"), pd.Timestamp("2022-11-03")) == [
        f"2022-{m:02d}" for m in range(1, 11)
    ]
    assert coverage._months(pd.Timestamp("2021-12-24"), pd.Timestamp("2022-01-15")) == []


def test_assembly_coverage_first_and_last_date(store):
    frame = coverage.arenas()
    ga = frame[(frame["arena"] == "General Assembly") & (frame["n"] > 0)]
    assert str(ga["first"].min()) == "1946-01-01" and str(ga["last"].max()) == "2024-06-04"
    assert int(ga["n"].sum()) == len(store.query("SELECT rcid FROM rollcalls"))
    assert coverage.assembly_end().isoformat() == "2024-06-04"


def test_the_2022_hole_is_listed(store):
    gaps = coverage.gaps()
    hole = gaps[gaps["detail"].str.startswith("no roll call from 2021-12-24 to 2022-11-03")]
    assert len(hole) == 1
    row = hole.iloc[0]
    assert row["kind"] == "months without roll calls" and row["n"] == 10 and row["session"] == "76–77"
    assert "months 2022-01 … 2022-10" in row["detail"] and "A/RES/ES-11/1 (2022-03-02)" in row["detail"]


def test_emergency_session_votes_missing(store):
    gaps = coverage.gaps()
    gaps = gaps[gaps["kind"] == "emergency special session votes missing"].set_index("session")
    es11 = gaps.loc["ES-11"]
    assert es11["n"] == 7 and "A/RES/ES-11/7 (2025-02-24, after the data end)" in es11["detail"]
    es10 = gaps.loc["ES-10"]
    assert es10["n"] == 1  # ES-10/21 and 22 are in the Voeten file; ES-10/24 (Sept 2024) is after its end


def test_members_absent_on_nearly_all_votes(store):
    gaps = coverage.gaps()
    absent = gaps[gaps["kind"] == "member coded absent on nearly all roll calls of a session"].set_index(
        ["iso3", "session"]
    )
    assert absent.loc[("VEN", "78"), "detail"] == "absent on 88 of 88 roll calls"  # without voting rights (arrears)
    assert ("TUR", "78") in absent.index  # the renamed Türkiye, coded absent in the June 2024 file
    assert ("USA", "78") not in absent.index


def test_query_past_the_end_says_where_the_data_end(store):
    from valuesgap.analysis import similarity as sim

    with pytest.raises(NoData, match=r"cover 1946–2024 \(last roll call 2024-06-04; .*data fetch --only undl_ga\)"):
        sim.similarity("USA", "RUS", by="year", start=2025, end=2025)


def test_cli_notes_the_end_when_the_period_runs_past_it(store, capsys):
    from valuesgap.cli import run

    assert run(["similarity", "USA", "RUS", "--by", "year", "--from", "2023", "--to", "2026", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "note: the Assembly votes in the data end on 2024-06-04" in captured.err
    assert "2024" in captured.out and "2025" not in captured.out


def test_without_the_official_files_status_says_not_installed(store):
    arenas = coverage.arenas()
    rows = arenas[arenas["source"] == "UN Digital Library"]
    assert rows["unit"].str.startswith("not installed").all() and len(rows) == 2
    assert "council_resolutions" not in set(
        store.query("SELECT table_name FROM information_schema.tables")["table_name"]
    )
