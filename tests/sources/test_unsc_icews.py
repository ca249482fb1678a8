"""Security Council drafts, the veto list and ICEWS: readers, repairs and known facts of the real files."""

from __future__ import annotations

import pandas as pd
import pytest

from valuesgap.errors import DataMissing
from valuesgap.sources import icews, registry, unsc, unsc_checks


@pytest.fixture(scope="module")
def council(mirror):
    return unsc.load_council(mirror / registry.source("unsc_dppa").file("drafts").path)


def _votes_of(council, **where) -> pd.Series:
    drafts = council.drafts
    ((key, value),) = where.items()
    ids = drafts.loc[drafts[key] == value, "draft_id"]
    assert len(ids) == 1, f"{value} should be one draft"
    votes = council.votes.loc[council.votes["draft_id"] == ids.iloc[0]]
    return votes.set_index("iso3")["vote"]


def test_resolution_1874_adopted_unanimously(council):
    row = council.drafts.set_index("resolution").loc["1874 (2009)"]
    assert row["outcome"] == "adopted_unanimously" and not row["contested"]
    assert (_votes_of(council, resolution="1874 (2009)") == "yes").sum() == 15


def test_resolution_1929_twelve_two_one(council):
    row = council.drafts.set_index("resolution").loc["1929 (2010)"]
    assert (row["n_yes"], row["n_no"], row["n_abstain"]) == (12, 2, 1)
    votes = _votes_of(council, resolution="1929 (2010)")
    assert votes["BRA"] == "no" and votes["TUR"] == "no" and votes["LBN"] == "abstain"
    assert votes["USA"] == "yes" and votes["RUS"] == "yes"


def test_crimea_draft_vetoed_by_russia_china_abstaining(council):
    votes = _votes_of(council, symbol="S/2014/189")
    assert votes["RUS"] == "no" and votes["CHN"] == "abstain" and votes["USA"] == "yes"
    row = council.drafts.set_index("symbol").loc["S/2014/189"]
    assert row["outcome"] == "vetoed" and row["vetoed_by"] == "RUS"


def test_2022_vetoes(council):
    drafts = council.drafts.set_index("symbol")
    assert drafts.loc["S/2022/155", "vetoed_by"] == "RUS"
    assert drafts.loc["S/2022/431", "vetoed_by"] == "CHN,RUS"


def test_symbols_are_stripped_and_one_vote_per_member(council):
    symbols = council.drafts["symbol"].dropna()
    assert (symbols == symbols.str.strip()).all()
    assert not council.votes.duplicated(["draft_id", "iso3"]).any()


def test_defects_are_reported_not_silently_dropped(council):
    report = council.report
    kinds = set(report["kind"])
    assert {
        "spaces in draft symbol",
        "member listed twice with different votes",
        "fewer than 15 members voting",
    } <= kinds
    # Russia on S/2018/985 is listed twice with different votes: its vote is left out, the draft kept
    twice = report.loc[
        (report["kind"] == "member listed twice with different votes") & (report["symbol"] == "S/2018/985")
    ]
    assert twice["iso3"].tolist() == ["RUS"]
    kept = council.drafts.loc[council.drafts["symbol"] == "S/2018/985", "draft_id"]
    assert len(kept) == 1
    assert "RUS" not in set(council.votes.loc[council.votes["draft_id"] == kept.iloc[0], "iso3"])
    # every draft read is either kept or left out with a reason
    left_out = set(report.loc[report["action"] == "draft left out", "draft_id"].dropna().astype(int))
    assert len(left_out) + len(council.drafts) == 1997
    assert not left_out & set(council.drafts["draft_id"])


def test_the_corrupt_1995_block_is_left_out(council):
    report = council.report
    left_1995 = report.loc[(report["action"] == "draft left out") & (report["year"] == 1995), "draft_id"].nunique()
    assert (
        left_1995 >= 50
    )  # the README: 50 of 66 contradict their outcome, and the January drafts list the 2001–02 Council
    assert "972 (1995)" not in set(council.drafts["resolution"])  # "unanimous" with a US No
    # what remains of 1995 is consistent: each kept draft's members are that year's Council
    members = unsc.membership().members(1995)
    kept = council.drafts.loc[council.drafts["year"] == 1995, "draft_id"]
    assert set(council.votes.loc[council.votes["draft_id"].isin(kept), "iso3"]) <= members


def test_kept_drafts_pass_every_check(council):
    v = council.votes
    permanent_no = v.loc[v["permanent"] & (v["code"] == 3)].groupby("draft_id").size()
    for row in council.drafts.itertuples():
        pno = int(permanent_no.get(row.draft_id, 0))
        why = unsc_checks.contradiction(row.outcome, row.n_yes, row.n_no, row.n_abstain, row.n_members, pno)
        assert why is None, (row.symbol, why)


def test_dates_repaired_by_draft_order(council):
    d = council.drafts.set_index("resolution")
    # resolution 893 was adopted on 6 January 1994 (the file says 1 June); 894 on 14 January (unambiguous)
    assert d.loc["893 (1994)", "date"] == pd.Timestamp("1994-01-06")
    assert d.loc["894 (1994)", "date"] == pd.Timestamp("1994-01-14")
    ordered = council.drafts.sort_values("draft_id")["date"]
    assert (ordered.diff().dt.days.dropna() < -40).sum() <= 3


def test_contradiction_rules_by_hand():
    assert unsc_checks.contradiction("adopted_unanimously", 14, 1, 0, 15, 1)
    assert unsc_checks.contradiction("adopted_majority", 8, 0, 7, 15, 0)
    assert unsc_checks.contradiction("vetoed", 13, 2, 0, 15, 0)
    assert unsc_checks.contradiction("failed", 9, 0, 6, 15, 0)
    assert unsc_checks.contradiction("adopted_majority", 15, 0, 0, 15, 0)
    assert unsc_checks.contradiction("adopted_majority", 14, 0, 0, 14, 0) is None  # one member absent
    assert unsc_checks.contradiction("adopted_majority", 11, 1, 3, 15, 1) is None  # procedural: no veto
    assert unsc_checks.contradiction("vetoed", 13, 1, 1, 15, 1) is None


def test_sponsor_lists_split_into_states():
    assert unsc.sponsor_names("Saint Vincent and the Grenadines, United Kingdom and Sierra Leone") == [
        "Saint Vincent and the Grenadines",
        "United Kingdom",
        "Sierra Leone",
    ]
    assert unsc.sponsor_names("the United_x000D_\nKingdom of Great Britain and Northern Ireland (64).") == [
        "United Kingdom of Great Britain and Northern Ireland"
    ]
    assert unsc.sponsor_names("President") == ["President"]


def test_veto_list_and_cross_check(council, mirror):
    listed = unsc.read_vetoes(mirror / registry.source("unsc_vetoes").file("vetoes").path)
    assert listed["iso3"].isin(["CHN", "FRA", "RUS", "USA", "GBR"]).all()  # the USSR is Russia
    table, found = unsc.vetoes_table(council, listed)
    early = table.loc[table["year"] < 1994]
    assert set(early["source"]) == {"veto_list"} and len(early) > 100
    crimea = table.loc[table["symbol"] == "S/2014/189"]
    assert crimea["iso3"].tolist() == ["RUS"] and crimea["source"].tolist() == ["dppa"]
    assert (table["symbol"] == "S/2022/720").any()  # after the list ends: from the DPPA file
    # the 1996 US veto of a second term for Boutros-Ghali is in the DPPA file only: reported
    assert (found["symbol"] == "S/1996/952").any()


def test_missing_or_corrupt_files_raise_data_missing(tmp_path):
    with pytest.raises(DataMissing, match="missing source file"):
        unsc.load_council(tmp_path / "nope.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(DataMissing, match="corrupt"):
        unsc.load_council(bad)
    with pytest.raises(DataMissing, match="corrupt"):
        icews.read(bad)
    with pytest.raises(DataMissing, match="missing source file"):
        unsc.read_vetoes(tmp_path / "nope.csv")


def test_icews_reader_known_counts(mirror):
    events = icews.read(mirror / registry.source("icews").file("dyad_years").path)
    assert list(events.columns) == icews.EVENT_COLUMNS
    assert events["source"].eq("icews").all() and events["month"].isna().all()
    usa_rus = events.loc[(events["sender"] == "USA") & (events["target"] == "RUS")].set_index("year")
    assert usa_rus.loc[2009, "verb_coop"] == 6703  # the "reset"
    assert usa_rus.loc[2014, "matl_conf"] == 1371  # Crimea
    assert events["year"].between(2002, 2014).all()
    assert events[["sender", "target"]].stack().nunique() == 152
