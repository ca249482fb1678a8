"""The two tracks and their change points on the real store: US–Russia checked against independent SQL."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import valuesgap as vg
from valuesgap.analysis import changepoints as cp
from valuesgap.analysis import tracks as tr


@pytest.fixture(scope="module")
def us_ru(store):
    return tr.tracks("United States", "Russia", start=1992, end=2023, ideal=False)


def sql_agreement(store, a: str, b: str, year: int, condition: str) -> tuple[int, float]:
    """n and 1 − mean |x − y| straight from the votes table (yes 1, abstain ½, no 0)."""
    got = store.query(
        f"""
        WITH v AS (SELECT rcid, iso3, CASE code WHEN 1 THEN 1.0 WHEN 2 THEN 0.5 ELSE 0.0 END AS x
                   FROM votes WHERE code IN (1, 2, 3))
        SELECT count(*) AS n, 1 - avg(abs(va.x - vb.x)) AS agreement
        FROM v va JOIN v vb ON va.rcid = vb.rcid JOIN rollcalls r ON r.rcid = va.rcid
        WHERE va.iso3 = ? AND vb.iso3 = ? AND r.year = ? AND ({condition})
        """,
        [a, b, year],
    )
    return int(got.loc[0, "n"]), float(got.loc[0, "agreement"])


@pytest.mark.parametrize("year", [1995, 2008, 2011, 2022])
def test_shared_interests_equal_an_independent_sql_union(store, us_ru, year):
    n, agreement = sql_agreement(store, "USA", "RUS", year, "r.nu OR r.di")
    row = us_ru[us_ru["year"] == year].iloc[0]
    assert row["shared_interests_n"] == n
    assert row["shared_interests"] == pytest.approx(agreement, abs=1e-12)
    assert row["shared_interests_lo"] <= row["shared_interests"] <= row["shared_interests_hi"]


def test_values_votes_equal_the_similarity_table(us_ru):
    ref = vg.similarity("United States", "Russia", issue="hr", by="year", start=1992, end=2023, level=0.95)
    merged = us_ru.merge(ref, on="year")
    assert len(merged) == 32
    assert merged["values_votes"].tolist() == pytest.approx(merged["agreement"].tolist())
    assert merged["values_votes_lo"].tolist() == pytest.approx(merged["agreement_lo"].tolist())
    assert (merged["values_votes_n"] == merged["n"]).all()


def test_institutions_equal_the_values_gap(us_ru):
    gap = vg.values_gap("United States", "Russia", start=2010, end=2010)
    assert us_ru.loc[us_ru["year"] == 2010, "values_institutions"].iloc[0] == pytest.approx(gap["gap"].abs().mean())
    media = gap.loc[gap["dimension"] == "media", "gap"].iloc[0]
    assert us_ru.loc[us_ru["year"] == 2010, "gap_media"].iloc[0] == pytest.approx(media)


def test_the_two_tracks_part_after_the_mid_1990s(us_ru):
    # fact of the record: from 1996 on, the US and Russia vote more alike on nuclear/disarmament
    # resolutions than on human-rights resolutions, every year
    later = us_ru[us_ru["year"] >= 1996]
    assert (later["shared_interests"] > later["values_votes"]).all()
    # and the institutional gap is wider in 2023 than in 1992 (Russia's indicators fell)
    assert us_ru.iloc[-1]["values_institutions"] > us_ru.iloc[0]["values_institutions"] + 0.2


def test_missing_years_stay_missing(store):
    # Germany (DEU) joined the UN in 1973: earlier years have no joint vote at all
    t = tr.tracks("France", "Germany", start=1970, end=1975, ideal=False)
    early = t[t["year"] < 1973]
    assert (early["shared_interests_n"] == 0).all() and early["shared_interests"].isna().all()
    assert t[t["year"] >= 1974]["shared_interests"].notna().all()


def test_change_points_on_us_ru_are_the_reset_and_its_end(us_ru):
    got = cp.change_points(us_ru, ["shared_interests", "values_votes"])
    si = got[got["track"] == "shared_interests"].set_index("year")
    # the 2009 reset: shared interests rose; they had fallen in 2002 and fell again after 2016
    assert 2009 in si.index and si.loc[2009, "direction"] == "up"
    assert si.loc[2009, "after_mean"] - si.loc[2009, "before_mean"] > 0.2
    assert 2002 in si.index and si.loc[2002, "direction"] == "down"
    assert any(y >= 2016 and d == "down" for y, d in zip(si.index, si["direction"]))
    # human-rights similarity fell in the mid 1990s and never recovered
    hr = got[got["track"] == "values_votes"]
    assert hr["direction"].eq("down").all()
    assert hr["year"].min() <= 1997
    sentence = si.loc[2009, "sentence"]
    assert sentence.startswith("From 2009, shared-interest vote similarity rose from ")
    assert f"{si.loc[2009, 'after_mean']:.2f}" in sentence


def test_cli_tracks_csv(store, tmp_path):
    from valuesgap.cli import run

    out = tmp_path / "t.csv"
    assert (
        run(
            [
                "tracks",
                "USA",
                "RUS",
                "--from",
                "2009",
                "--to",
                "2012",
                "--no-ideal",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    frame = pd.read_csv(out)
    assert frame["year"].tolist() == [2009, 2010, 2011, 2012]
    assert {"shared_interests", "values_votes_hi", "gap_rule_of_law", "ideal_distance_hr"} <= set(frame.columns)
    out2 = tmp_path / "c.csv"
    assert (
        run(
            [
                "tracks",
                "USA",
                "RUS",
                "--from",
                "1992",
                "--to",
                "2023",
                "--no-ideal",
                "--changes",
                "--format",
                "csv",
                "--out",
                str(out2),
            ]
        )
        == 0
    )
    changes = pd.read_csv(out2)
    assert ((changes["track"] == "shared_interests") & (changes["year"] == 2009)).any()
    assert run(["tracks", "USA", "USA"]) == 2
    assert run(["tracks", "USA", "RUS", "--measure", "pearson"]) == 2
    assert np.isfinite(frame["shared_interests"]).all()
