"""Merging the official Assembly file into the Voeten roll calls; the issue-code mapping and its quality."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from valuesgap.sources import undl_ga, undl_issues, undl_merge
from valuesgap.sources.undl_ga import OfficialGA

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"
CODES = list(undl_issues.ISSUE_CODES)


@pytest.mark.parametrize(
    ("official", "voeten"),
    [
        ("A/RES/74/44", "R/74/44"),
        ("A/RES/1514(XV)", "R/15/1514"),
        ("A/RES/ES-10/22", "ESS/10/22"),
        ("A/RES/45/58 B", "R/45/58B"),
        ("A/RES/74/44", "A/RES/74/44"),
        ("A/RES/66(I)", "R/1/66"),
        ("A/RES/3379(XXX)", "R/30/3379"),
    ],
)
def test_symbol_keys_agree(official, voeten):
    assert undl_merge.symbol_key(official) == undl_merge.symbol_key(voeten) is not None


def test_symbol_keys_differ_and_empty():
    assert undl_merge.symbol_key("A/RES/74/44") != undl_merge.symbol_key("R/74/45")
    assert undl_merge.symbol_key("A/RES/58B") is None and undl_merge.symbol_key(None) is None


def _voeten() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two Voeten roll calls on 2019-12-12 (one with a symbol, one without) and their votes."""
    rc = pd.DataFrame(
        {
            "rcid": [1, 2],
            "session": [74, 74],
            "year": [2019, 2019],
            "date": pd.to_datetime(["2019-12-12", "2019-12-12"]),
            "important": [False, False],
            "unres": ["R/74/44", None],
            "amend": [False, False],
            "para": [False, False],
            "short": ["Reducing nuclear danger", None],
            "descr": [None, None],
            **{c: [c == "nu", False] for c in CODES},
            "source": ["both", "wide"],
        }
    )
    states = ["USA", "RUS", "FRA", "CHN"] + [f"S{i:02d}" for i in range(10)]
    votes = pd.DataFrame(
        {
            "rcid": [1] * 14 + [2] * 14,
            "iso3": states * 2,
            "code": [3, 1, 3, 1] + [1] * 10 + [1, 3, 2, 1] + [1] * 10,
        }
    )
    votes["vote"] = votes["code"].map({1: "yes", 2: "abstain", 3: "no"})
    return rc, votes[["rcid", "iso3", "vote", "code"]].astype({"code": "int8"})


def _official(rows: list[tuple]) -> OfficialGA:
    """Official roll calls from (undl_id, date, resolution, title, {iso3: code})."""
    rcs, votes = [], []
    for undl_id, date, resolution, title, cast in rows:
        d = pd.Timestamp(date)
        rcs.append(
            {
                "undl_id": undl_id,
                "date": d,
                "year": d.year,
                "session": 74,
                "special_session": "ES-11" if "ES-11" in resolution else None,
                "resolution": resolution,
                "draft": "",
                "meeting": "",
                "title": title,
                "agenda_title": "",
                "subjects": [],
                "undl_link": "",
            }
        )
        for iso3, code in cast.items():
            votes.append(
                {"undl_id": undl_id, "ms_code": iso3, "ms_name": iso3, "iso3": iso3, "code": code, "vote_note": ""}
            )
    return OfficialGA(rollcalls=pd.DataFrame(rcs), votes=pd.DataFrame(votes).astype({"code": "int8"}))


def test_merge_rules_on_a_hand_made_case(monkeypatch):
    rc, votes = _voeten()
    others = {f"S{i:02d}": 1 for i in range(10)}
    official = _official(
        [
            # same symbol as Voeten rcid 1; France recorded as an abstention (Voeten: no); USA non-voting
            (
                101,
                "2019-12-12",
                "A/RES/74/44",
                "Reducing nuclear danger",
                {"USA": 8, "RUS": 1, "FRA": 2, "CHN": 1, **others},
            ),
            # no symbol in Voeten: matched on date and votes (rcid 2, identical votes)
            (102, "2019-12-12", "A/RES/74/99", "Some title", {"USA": 1, "RUS": 3, "FRA": 2, "CHN": 1, **others}),
            # a date the Voeten data does not have: added
            (103, "2022-03-02", "A/RES/ES-11/1", "Aggression against Ukraine", {"USA": 1, "RUS": 3}),
            # a covered date, but nothing left to match: not added, listed
            (104, "2019-12-12", "A/RES/74/100", "Other", {"USA": 3, "RUS": 3, "FRA": 3, "CHN": 3, **others}),
        ]
    )
    monkeypatch.setattr(undl_merge, "resolve_states", lambda v: (v, pd.DataFrame(columns=["kind"])))
    out = undl_merge.merge(rc, votes, official)
    assert out.matches.set_index("undl_id")["rcid"].to_dict() == {101: 1, 102: 2}
    assert out.matches.set_index("undl_id").loc[102, "how"] == "date and votes"
    kinds = out.report["kind"].value_counts().to_dict()
    assert kinds == {undl_merge.KIND_DIFFER: 1, undl_merge.KIND_OFFICIAL_X: 1, undl_merge.KIND_NOT_ADDED: 1}
    differ = out.report[out.report["kind"] == undl_merge.KIND_DIFFER].iloc[0]
    assert (differ["iso3"], differ["voeten"], differ["official"]) == ("FRA", "no", "abstain")
    # Voeten's codes are kept; the added roll call brings its own votes
    merged = out.votes.set_index(["rcid", "iso3"])["code"]
    assert merged.loc[(1, "FRA")] == 3 and merged.loc[(1, "USA")] == 3
    added = out.rollcalls[out.rollcalls["source"] == "undl"].iloc[0]
    assert added["rcid"] == undl_merge.RCID_OFFSET + 103 and added["special_session"] == "ES-11"
    assert merged.loc[(added["rcid"], "RUS")] == 3 and merged.loc[(added["rcid"], "USA")] == 1
    # the Voeten roll call without a symbol takes the official one
    assert out.rollcalls.set_index("rcid").loc[2, "unres"] == "A/RES/74/99"
    assert len(out.rollcalls) == 3 and len(out.votes) == len(votes) + 2


def test_date_and_votes_match_needs_95_percent():
    rc, votes = _voeten()
    differ = {f"S{i:02d}": 3 for i in range(10)}  # 10 of 14 states vote otherwise than in rcid 2
    official = _official([(102, "2019-12-12", "A/RES/74/99", "t", {"USA": 1, "RUS": 3, "FRA": 2, "CHN": 1, **differ})])
    assert undl_merge.match(official, rc, votes).empty


def test_codes_for_subjects_and_title():
    found = undl_issues.codes_for(["NUCLEAR NON-PROLIFERATION"], "")
    assert found["nu"] and found["di"] and not found["hr"]
    assert undl_issues.codes_for([], "Situation of human rights in the Islamic Republic of Iran")["hr"]
    assert undl_issues.codes_for([], "Peaceful settlement of the question of Palestine")["me"]
    # 'development' in a disarmament title is not economic development
    relation = undl_issues.codes_for([], "Relationship between disarmament and development")
    assert relation["di"] and not relation["ec"]
    assert not any(undl_issues.codes_for([], "Aggression against Ukraine").values())


def test_quality_hand_computed():
    predicted = pd.DataFrame({c: [True, True, False, False] for c in CODES})
    reference = pd.DataFrame({c: [True, False, True, False] for c in CODES})
    reference["hr"] = False
    q = undl_issues.quality(predicted, reference).set_index("code")
    assert q.loc["me", "precision"] == 0.5 and q.loc["me", "recall"] == 0.5  # 1 TP of 2 predicted, of 2 true
    assert q.loc["hr", "precision"] == 0.0 and np.isnan(q.loc["hr", "recall"])  # no true positives exist


def test_merge_on_the_mirror_with_the_fixture(mirror):
    from valuesgap.sources import registry, unga

    data = unga.merged(registry.found(mirror, "unga"))
    out = undl_merge.merge(data.rollcalls, data.votes, undl_ga.read(FIXTURES / "ga_voting.csv"))
    # the five 2019 roll calls match on their symbol, ES-10/22 (no symbol in the Voeten file) on date and votes
    how = out.matches.set_index("undl_id")["how"].to_dict()
    assert how == {
        9000010: "symbol",
        9000011: "symbol",
        9000012: "symbol",
        9000013: "symbol",
        9000014: "symbol",
        9000020: "date and votes",
    }
    assert out.matches.set_index("undl_id").loc[9000013, "rcid"] == 9059
    assert (out.matches["agreement"] == 1.0).all() and out.report.empty
    added = out.rollcalls[out.rollcalls["source"] == "undl"].set_index("unres")
    assert list(added.index) == ["A/RES/ES-11/1", "A/RES/ES-10/24", "A/RES/ES-11/7"]
    assert added.loc["A/RES/ES-11/1", "session"] == 76 and added.loc["A/RES/ES-10/24", "session"] == 79
    assert added.loc["A/RES/ES-10/24", "me"]  # 'Occupied Palestinian Territory' in the title
    assert out.rollcalls.set_index("rcid").loc[9442, "special_session"] == "ES-10"
    # the Voeten roll calls and votes are all still there, unchanged
    before = data.votes.set_index(["rcid", "iso3"])["code"]
    after = out.votes.set_index(["rcid", "iso3"])["code"]
    assert after.loc[before.index].equals(before)
    # precision/recall on the six matched roll calls: me is 74/11 only, predicted right
    q = out.quality.set_index("code")
    assert q.loc["me", "true_positives"] == 1 and q.loc["me", "precision"] == 1.0 and q.loc["me", "n"] == 6


def test_mapping_reproduces_voeten_codes_on_the_mirror_titles(store):
    """The mapping applied to the unvotes titles (1946–2019) against Voeten's own codes."""
    r = store.query("SELECT short, me, nu, di, hr, co, ec FROM rollcalls WHERE short IS NOT NULL AND unres IS NOT NULL")
    r = r.assign(subjects=[[] for _ in range(len(r))], title=r["short"])
    q = undl_issues.quality(undl_issues.assign(r), r[CODES].astype(bool)).set_index("code")
    assert q["n"].iloc[0] > 5000
    assert (q.loc[["me", "nu", "di"], "precision"] > 0.9).all()
    assert (q.loc[["me", "nu"], "recall"] > 0.7).all()
