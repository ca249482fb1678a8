"""Vote similarity on the real UNGA data in the store, checked against facts and an independent merge."""

from __future__ import annotations

import numpy as np
import pytest

import valuesgap as vg
from valuesgap.analysis import similarity as s
from valuesgap.errors import InputError, NoData, UnknownCountry


@pytest.fixture(scope="module")
def db(store):
    return store


@pytest.mark.parametrize("issue", ["hr", "nu"])
def test_us_russia_series_sessions_60_to_78(db, issue):
    df = vg.similarity("United States", "Russia", issue=issue)
    recent = df[df["session"].between(60, 78)]
    assert recent["session"].tolist() == list(range(60, 79))
    assert (recent["n"] >= 5).all()
    assert recent["agreement"].between(0, 1).all()
    assert recent["s_score"].between(-1, 1).all()
    assert recent["coincidence"].dropna().between(0, 1).all()
    assert (recent[["cohen_kappa", "scott_pi"]].dropna() <= 1).all().all()


def test_usa_russia_human_rights_far_apart_nuclear_closer(db):
    # Russia votes against the US on most human-rights resolutions (country situations), while on nuclear
    # roll calls the two nuclear powers often vote together against disarmament texts.
    hr = vg.similarity("USA", "RUS", issue="hr", start=2010, end=2023)
    nu = vg.similarity("USA", "RUS", issue="nu", start=2010, end=2023)
    assert hr["agreement"].mean() < 0.35
    assert nu["agreement"].mean() > hr["agreement"].mean() + 0.2


def test_known_facts_israel_high_cuba_low(db):
    # The State Department's yearly "Voting Practices in the United Nations" reports put Israel at the
    # top of voting coincidence with the US (above 90 %) and Cuba near the bottom, year after year.
    isr = vg.similarity("USA", "ISR", start=2010, end=2023)
    cub = vg.similarity("USA", "CUB", start=2010, end=2023)
    assert isr["coincidence"].mean() > 0.85
    assert isr["agreement"].mean() > 0.85
    assert cub["coincidence"].mean() < 0.3
    assert cub["agreement"].mean() < 0.35


def test_a_state_with_itself_is_an_error(db):
    """The docs say a dyad needs two states: no table of ones for a state against itself."""
    from valuesgap.errors import InputError

    with pytest.raises(InputError, match="same state"):
        vg.similarity("USA", "United States")


def _naive_one_dyad(db, a: str, b: str, session: int, issue: str | None = None) -> dict[str, float]:
    """Plain pandas: merge the two states' votes on rcid, keep yes/abstain/no, apply the formulas."""
    votes = db.query("SELECT rcid, iso3, vote FROM votes WHERE iso3 IN (?, ?)", [a, b])
    calls = db.query("SELECT * FROM rollcalls")
    calls = calls[calls["session"] == session]
    if issue:
        calls = calls[calls[issue]]
    value = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    votes = votes[votes["vote"].isin(value)].assign(x=lambda f: f["vote"].map(value))
    pair = votes[votes["iso3"] == a].merge(votes[votes["iso3"] == b], on="rcid", suffixes=("_a", "_b"))
    pair = pair[pair["rcid"].isin(calls["rcid"])]
    d = (pair["x_a"] - pair["x_b"]).abs()
    yes_no = pair[(pair["x_a"] != 0.5) & (pair["x_b"] != 0.5)]
    p_a = pair["x_a"].value_counts(normalize=True).reindex([1.0, 0.5, 0.0], fill_value=0)
    p_b = pair["x_b"].value_counts(normalize=True).reindex([1.0, 0.5, 0.0], fill_value=0)
    levels = np.array([1.0, 0.5, 0.0])
    dist = np.abs(levels[:, None] - levels[None, :])
    d_e = float(p_a.to_numpy() @ dist @ p_b.to_numpy())
    pooled = (p_a.to_numpy() + p_b.to_numpy()) / 2
    return {
        "n": len(pair),
        "agreement": 1 - d.mean(),
        "coincidence": (yes_no["x_a"] == yes_no["x_b"]).mean(),
        "cohen_kappa": 1 - d.mean() / d_e,
        "scott_pi": 1 - d.mean() / float(pooled @ dist @ pooled),
    }


@pytest.mark.parametrize(("a", "b", "session", "issue"), [("USA", "RUS", 65, None), ("FRA", "CHN", 70, "hr")])
def test_one_dyad_session_against_an_independent_merge(db, a, b, session, issue):
    expected = _naive_one_dyad(db, a, b, session, issue)
    df = vg.similarity(a, b, issue=issue or "all")
    got = df[df["session"] == session].iloc[0]
    assert got["n"] == expected["n"] > 0
    for m in ("agreement", "coincidence", "cohen_kappa", "scott_pi"):
        assert got[m] == pytest.approx(expected[m], rel=1e-12), m


def test_partners_of_the_us_in_2023(db):
    t = vg.partners("USA", year=2023)
    # the ranked measure (coincidence by default) carries its bootstrap interval beside it
    assert list(t.columns) == [
        "rank",
        "iso3",
        "name",
        "n",
        "agreement",
        "coincidence",
        "coincidence_lo",
        "coincidence_hi",
        "s_score",
        "cohen_kappa",
        "scott_pi",
    ]
    assert "USA" not in set(t["iso3"])
    assert len(t) > 180  # every UN member voting that year
    assert "ISR" in t["iso3"].head(3).tolist()
    ranked = t[t["rank"].notna()]  # partners with fewer than 10 roll calls in common follow, unranked
    assert ranked["coincidence"].dropna().is_monotonic_decreasing
    assert (t.loc[t["rank"].isna() & t["coincidence"].notna(), "n"] < 10).all()
    assert t.loc[t["iso3"] == "RUS", "name"].item() == "Russia"
    # the table is the same numbers as the dyad series for that year
    rus = vg.similarity("USA", "RUS", by="year")
    assert t.loc[t["iso3"] == "RUS", "agreement"].item() == pytest.approx(
        rus.loc[rus["year"] == 2023, "agreement"].item()
    )


def test_cube_agrees_with_dyad_series(db):
    cube = vg.similarity_cube()
    assert list(cube.columns) == ["issue", "session", "a", "b", "n", *s.MEASURES]
    assert len(cube) > 1_000_000
    for issue in ("all", "hr", "nu"):
        series = vg.similarity("USA", "RUS", issue=issue)
        part = cube[(cube["issue"] == issue) & (cube["a"] == "RUS") & (cube["b"] == "USA")]
        merged = series.merge(part, on="session", suffixes=("", "_cube"))
        assert len(merged) == len(series)
        assert (merged["n"] == merged["n_cube"]).all()
        for m in s.MEASURES:
            np.testing.assert_allclose(merged[f"{m}_cube"], merged[m], rtol=1e-5, atol=1e-6, equal_nan=True)


def test_bootstrap_interval_on_real_data(db):
    df = vg.similarity("USA", "RUS", issue="hr", level=0.95, start=2015)
    assert (df["agreement_lo"] < df["agreement"]).all() and (df["agreement"] < df["agreement_hi"]).all()
    assert ((df["agreement_hi"] - df["agreement_lo"]) < 0.6).all()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: vg.similarity("USA", "Narnia"), UnknownCountry),
        (lambda: vg.similarity("USA", "RUS", issue="xx"), InputError),
        (lambda: vg.similarity("USA", "RUS", level=2), InputError),
        (lambda: vg.partners("USA", session=120), NoData),
        (lambda: vg.similarity("USA", "RUS", start=1900, end=1940), NoData),
    ],
)
def test_bad_input_on_real_data(db, call, error):
    with pytest.raises(error):
        call()
