"""Value dimensions and the dyadic gap: definitions (hand-made) and the real mirror data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from valuesgap.analysis import values as vals
from valuesgap.errors import InputError, NoData, UnknownCountry


def phi(x: float) -> float:
    """Standard normal CDF written out independently of the code under test: ½(1 + erf(x/√2))."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


Z90 = 1.6448536269514722  # the store keeps WGI estimate ± 1.645 stddev (World Bank 90% interval)


# --- definitions -----------------------------------------------------------------------------------


def test_packaged_definitions_have_the_five_dimensions():
    dims = vals.load_dimensions()
    assert list(dims) == ["repression", "media", "capture", "rule_of_law", "democracy"]
    capture = {c.key: c for c in dims["capture"].components}
    assert capture["vdem14:v2x_corr"].direction == "lower_better"
    assert capture["wgi:cc_estimate"].transform == "normal_cdf"
    fh = {c.key: c for c in dims["democracy"].components}["fh_ratings:pr"]
    assert (fh.scale_min, fh.scale_max, fh.direction) == (1, 7, "lower_better")


def test_parse_dimensions_rejects_bad_entries():
    with pytest.raises(InputError, match="non-empty"):
        vals.parse_dimensions({"x": {"label": "X"}})
    with pytest.raises(InputError, match="needs 'source' and 'variable'"):
        vals.parse_dimensions({"x": {"components": [{"source": "vdem14"}]}})
    with pytest.raises(InputError, match="needs 'min' and 'max'"):
        vals.parse_dimensions({"x": {"components": [{"source": "a", "variable": "b", "transform": "minmax"}]}})


def test_unknown_dimension_suggests():
    dims = vals.load_dimensions()
    with pytest.raises(InputError, match="did you mean 'media'"):
        vals.select_dimensions("medai", dims)
    assert [d.name for d in vals.select_dimensions("rule-of-law,media", dims)] == ["rule_of_law", "media"]


# --- real data ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def us_ru(store):
    return vals.values_gap("United States", "Russia")


@pytest.fixture(scope="module")
def us_ru_plain(store):
    """The plain means of the components present (footing="present"): the combining rule by hand."""
    return vals.values_gap("United States", "Russia", footing="present")


def test_us_russia_covers_five_dimensions_1970_2023(us_ru):
    assert us_ru["year"].min() == 1970 and us_ru["year"].max() == 2023
    assert len(us_ru) == 54 * 5
    assert list(us_ru.columns[:4]) == ["year", "dimension", "a_iso3", "b_iso3"]
    assert set(us_ru["a_iso3"]) == {"USA"} and set(us_ru["b_iso3"]) == {"RUS"}
    assert (us_ru["gap"] - (us_ru["a_value"] - us_ru["b_value"])).abs().max() < 1e-12
    assert us_ru[["a_value", "b_value"]].stack().between(0, 1).all()


def test_russia_media_2023_by_hand(us_ru_plain):
    row = us_ru_plain[(us_ru_plain["year"] == 2023) & (us_ru_plain["dimension"] == "media")].iloc[0]
    # V-Dem v14 RUS 2023: v2x_freexp_altinf 0.095, v2mecenefm −2.163, v2meharjrn −1.991 (CIRIGHTS ends 2020)
    expected = (0.095 + phi(-2.163) + phi(-1.991)) / 3  # (0.095 + 0.01527 + 0.02324)/3 ≈ 0.0445
    assert row["b_value"] == pytest.approx(expected, abs=1e-9)
    assert row["b_components"] == "vdem14:v2x_freexp_altinf, vdem14:v2mecenefm, vdem14:v2meharjrn"
    assert row["b_n_components"] == 3
    assert math.isnan(row["b_lo"])  # V-Dem v14 publishes no interval in this subset


def test_us_democracy_2023_with_interval(us_ru_plain):
    row = us_ru_plain[(us_ru_plain["year"] == 2023) & (us_ru_plain["dimension"] == "democracy")].iloc[0]
    # v15 libdem 0.771 [0.725, 0.827], polyarchy 0.843 [0.797, 0.888]; FH pr 2, cl 2 → (7−2)/6 = 0.8333;
    # Polity5 ends in 2020. value = (0.771 + 0.843 + 0.8333 + 0.8333)/4 = 0.820167
    assert row["a_value"] == pytest.approx((0.771 + 0.843 + 5 / 6 + 5 / 6) / 4, abs=1e-9)
    # lo = (0.725 + 0.797 + 0.8333 + 0.8333)/4 = 0.797167 ; hi = (0.827 + 0.888 + 0.8333 + 0.8333)/4 = 0.845417
    assert row["a_lo"] == pytest.approx((0.725 + 0.797 + 5 / 3) / 4, abs=1e-9)
    assert row["a_hi"] == pytest.approx((0.827 + 0.888 + 5 / 3) / 4, abs=1e-9)
    assert "polity5" not in row["a_components"]
    # gap interval = [a_lo − b_hi, a_hi − b_lo]
    assert row["gap_lo"] == pytest.approx(row["a_lo"] - row["b_hi"])
    assert row["gap_hi"] == pytest.approx(row["a_hi"] - row["b_lo"])
    assert row["gap_lo"] <= row["gap"] <= row["gap_hi"]


def test_russia_capture_2020_interval_by_hand(store):
    frame = vals.dimension_values("Russia", start=2020, end=2020, dimension="capture")
    row = frame.iloc[0]
    # V-Dem v14: 1 − 0.718, 1 − 0.662, 1 − 0.459; WGI cc −0.930568 (stddev 0.145082)
    wgi = -0.930568
    half = Z90 * 0.145082
    pts = [1 - 0.718, 1 - 0.662, 1 - 0.459]
    assert row["value"] == pytest.approx((sum(pts) + phi(wgi)) / 4, abs=1e-6)
    assert row["lo"] == pytest.approx((sum(pts) + phi(wgi - half)) / 4, abs=1e-6)
    assert row["hi"] == pytest.approx((sum(pts) + phi(wgi + half)) / 4, abs=1e-6)
    assert row["n_components"] == 4


def test_missing_source_is_nan_with_empty_components(store):
    # Andorra is not in V-Dem or Polity: repression rests on Fariss (to 2021) and CIRIGHTS (to 2020),
    # and in 2023 nothing measures it (missing, not 0); democracy has Freedom House.
    gap = vals.values_gap("United States", "Andorra", start=2020, end=2023)
    rep = gap[gap["dimension"] == "repression"].set_index("year")
    assert rep.loc[2020, "b_components"] == "fariss:theta_mean, cirights:physint_sum"
    fariss = pd.read_parquet(
        "/work/shared/data/democracy/fariss_lhrs_v4.02_1946_2021.parquet",
        columns=["country_name", "YEAR", "theta_mean"],
    )
    theta = float(fariss[(fariss.country_name == "Andorra") & (fariss.YEAR == 2020)]["theta_mean"].iloc[0])
    # physint_sum 8 of 8 → 1.0; mean with Φ(theta)
    assert rep.loc[2020, "b_value"] == pytest.approx((phi(theta) + 1.0) / 2, abs=1e-9)
    assert rep.loc[2022, "b_components"] == ""
    assert math.isnan(rep.loc[2023, "b_value"]) and rep.loc[2023, "b_components"] == ""
    assert rep.loc[2023, "b_n_components"] == 0 and math.isnan(rep.loc[2023, "gap"])
    dem = gap[(gap["dimension"] == "democracy") & (gap["year"] == 2023)].iloc[0]
    assert dem["b_components"] == "fh_ratings:pr, fh_ratings:cl"


def test_same_components_drops_one_sided_sources(store):
    # Polity5 has the US in 2019 but not Russia (Russia ends 2018)
    kw = {"start": 2019, "end": 2019, "dimension": "democracy", "footing": "present"}
    plain = vals.values_gap("USA", "RUS", **kw).iloc[0]
    same = vals.values_gap("USA", "RUS", same_components=True, **kw).iloc[0]
    assert "polity5:polity2" in plain["a_components"] and "polity5:polity2" not in plain["b_components"]
    assert same["a_components"] == same["b_components"] == plain["b_components"]
    assert same["b_value"] == pytest.approx(plain["b_value"])
    # the default (linked) footing always compares on the components both have
    linked = vals.values_gap("USA", "RUS", start=2019, end=2019, dimension="democracy").iloc[0]
    assert linked["a_components"] == linked["b_components"] == plain["b_components"]
    assert linked["a_unlinked"] == pytest.approx(same["a_value"])


def test_value_components_raw_and_scaled(store):
    comp = vals.value_components("Russia", dimension="media", start=2020, end=2020)
    assert list(comp["variable"]) == ["v2x_freexp_altinf", "v2mecenefm", "v2meharjrn", "speech"]
    speech = comp[comp["variable"] == "speech"].iloc[0]
    assert speech["raw"] == 0 and speech["scaled"] == 0.0  # a measured zero, not a missing value
    cens = comp[comp["variable"] == "v2mecenefm"].iloc[0]
    assert cens["scaled"] == pytest.approx(phi(cens["raw"]))
    assert set(comp.columns) >= {"source", "variable", "raw", "scaled", "transform", "scaled_lo", "scaled_hi"}


def test_period_defaults_and_bounds(store):
    one = vals.values_gap("USA", "RUS", start=2020)
    assert one["year"].min() == 2020 and one["year"].max() == 2023


def test_bad_input(store):
    with pytest.raises(InputError, match="swap start and end"):
        vals.values_gap("USA", "RUS", start=2010, end=2000)
    with pytest.raises(NoData, match="cover"):
        vals.values_gap("USA", "RUS", start=1700, end=1710)
    with pytest.raises(InputError, match="same state"):
        vals.values_gap("Russia", "RUS")
    with pytest.raises(UnknownCountry):
        vals.values_gap("Rusia", "USA")


def test_user_definitions_file(store, tmp_path):
    path = tmp_path / "dims.toml"
    path.write_text(
        '[civil]\nlabel = "Civil liberties"\n'
        '[[civil.components]]\nsource = "vdem14"\nvariable = "v2x_civlib"\n'
        '[[civil.components]]\nsource = "polity5"\nvariable = "polity2"\ntransform = "minmax"\nmin = -10\nmax = 10\n',
        encoding="utf-8",
    )
    frame = vals.dimension_values("Russia", start=2010, end=2010, definitions=path)
    raw = pd.read_parquet(
        "/work/shared/data/democracy/polity5_1776_2020.parquet", columns=["iso3_via_vdem", "year", "polity2"]
    )
    polity = float(raw[(raw.iso3_via_vdem == "RUS") & (raw.year == 2010)]["polity2"].iloc[0])
    civlib = pd.read_parquet(
        "/work/shared/data/democracy/vdem_v14_vdemlite_1970_2023.parquet",
        columns=["country_text_id", "year", "v2x_civlib"],
    )
    civ = float(civlib[(civlib.country_text_id == "RUS") & (civlib.year == 2010)]["v2x_civlib"].iloc[0])
    assert frame.iloc[0]["value"] == pytest.approx((civ + (polity + 10) / 20) / 2)
    bad = tmp_path / "bad.toml"
    bad.write_text('[x]\n[[x.components]]\nsource = "vdem14"\nvariable = "v2x_nope"\n', encoding="utf-8")
    with pytest.raises(InputError, match="v2x_nope is not in the store"):
        vals.dimension_values("Russia", definitions=bad)


def test_public_api_names(store):
    import valuesgap as vg

    assert vg.values_gap is vals.values_gap and vg.value_components is vals.value_components


# --- constant footing on the real data ------------------------------------------------------------


def _vdem_repression(iso3: str, years: list[int]) -> dict[int, float]:
    """The three V-Dem repression components, read from the mirror and scaled here by hand."""
    raw = pd.read_parquet(
        "/work/shared/data/democracy/vdem_v14_vdemlite_1970_2023.parquet",
        columns=["country_text_id", "year", "v2x_clpol", "v2csreprss", "v2x_clphy"],
    )
    rows = raw[(raw.country_text_id == iso3) & raw.year.isin(years)].set_index("year")
    return {
        y: (rows.loc[y, "v2x_clpol"] + phi(rows.loc[y, "v2csreprss"]) + rows.loc[y, "v2x_clphy"]) / 3 for y in years
    }


def test_us_russia_repression_moves_only_as_its_vdem_components_do_2020_2022(us_ru):
    rep = us_ru[us_ru["dimension"] == "repression"].set_index("year")
    for side, iso3 in (("a", "USA"), ("b", "RUS")):
        vdem = _vdem_repression(iso3, [2020, 2021, 2022])
        # 2021→2022: Fariss ends with 2021, so the link rests on the V-Dem components alone: equal changes
        step = rep.loc[2022, f"{side}_value"] - rep.loc[2021, f"{side}_value"]
        assert step == pytest.approx(vdem[2022] - vdem[2021], abs=1e-9)
        # 2020→2021: CIRIGHTS ends with 2020; the link also holds Fariss (one of four), so allow 0.02
        step = rep.loc[2021, f"{side}_value"] - rep.loc[2020, f"{side}_value"]
        assert step == pytest.approx(vdem[2021] - vdem[2020], abs=0.02)
    # the plain means jump by far more for the US (0.73 → 0.84 → 0.97): the artefact this removes
    assert rep.loc[2022, "a_unlinked"] - rep.loc[2020, "a_unlinked"] > 0.2
    assert abs(rep.loc[2022, "a_value"] - rep.loc[2020, "a_value"]) < 0.05
    assert "fariss:theta_mean (last 2021)" in rep.loc[2022, "coverage_change"]


def test_both_states_of_a_dyad_use_identical_components_every_year(us_ru):
    assert (us_ru["a_components"] == us_ru["b_components"]).all()
    assert (us_ru["a_n_components"] == us_ru["b_n_components"]).all()
    ge = vals.values_gap("Germany", "China", start=1990, end=2023)
    assert (ge["a_components"] == ge["b_components"]).all()


def test_a_value_does_not_depend_on_the_period_asked_for(us_ru):
    part = vals.values_gap("United States", "Russia", start=2015, end=2022)
    whole = us_ru[us_ru["year"].between(2015, 2022)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, whole)


def test_single_state_series_is_linked_too(store):
    us = vals.dimension_values("United States", start=2019, end=2023, dimension="repression").set_index("year")
    vdem = _vdem_repression("USA", [2021, 2022, 2023])
    assert us.loc[2023, "value"] - us.loc[2022, "value"] == pytest.approx(vdem[2023] - vdem[2022], abs=1e-9)
    assert us.loc[2020, "n_components"] == 5 and us.loc[2022, "n_components"] == 3
    assert us.loc[2022, "unlinked"] == pytest.approx(vdem[2022], abs=1e-9)


def test_unknown_footing_is_refused(store):
    with pytest.raises(InputError, match="choose from linked, present"):
        vals.values_gap("USA", "RUS", footing="chained")
