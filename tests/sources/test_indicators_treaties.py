"""Indicator and treaty sources on the real mirror files."""

import pandas as pd
import pytest

from valuesgap.sources import fariss, freedomhouse, polity, registry, treaties, vdem, wgi


def _file(mirror, source):
    """Return the mirror path of a single-file source, as the registry declares it."""
    return mirror / registry.source(source).file("data").path


def test_vdem_v14_libdem_russia_2010(mirror):
    rows = vdem.read(_file(mirror, "vdem14"), "vdem14")
    value = rows.query("iso3 == 'RUS' and year == 2010 and variable == 'v2x_libdem'")["value"]
    assert value.iloc[0] == pytest.approx(0.135, abs=0.002)


def test_vdem_v15_carries_codelow_codehigh(mirror):
    rows = vdem.read(_file(mirror, "vdem15"), "vdem15")
    row = rows.query("iso3 == 'RUS' and year == 2010 and variable == 'v2x_libdem'").iloc[0]
    assert row["lower"] < row["value"] < row["upper"]
    assert not rows["variable"].str.endswith("_codelow").any()


def test_freedom_house_ratings(mirror):
    rows = freedomhouse.read_ratings(_file(mirror, "fh_ratings"))
    # Russia was rated Not Free with political rights 7 in the 2023 ratings year (FIW 2024)
    pr = rows.query("iso3 == 'RUS' and year == 2023 and variable == 'pr'")["value"].iloc[0]
    assert pr == 7
    assert rows["iso3"].nunique() > 180


def test_polity_special_codes_dropped(mirror):
    rows = polity.read(_file(mirror, "polity5"))
    assert rows.query("variable == 'polity'")["value"].between(-10, 10).all()


def test_fariss_interval(mirror):
    rows = fariss.read(_file(mirror, "fariss"))
    theta = rows[rows["variable"] == "theta_mean"]
    assert (theta["lower"] <= theta["value"]).all() and (theta["value"] <= theta["upper"]).all()
    # small states lacking V-Dem codes get ISO3 from the resolver
    assert {"AND", "MCO", "TUV"} <= set(theta["iso3"])


def test_wgi_codes_mapped(mirror):
    rows = wgi.read(_file(mirror, "wgi"))
    assert "ROU" in set(rows["iso3"]) and "ROM" not in set(rows["iso3"])
    est = rows.query("variable == 'rl_estimate'")
    assert (est["lower"] < est["value"]).all()


def test_russia_ratified_iccpr_1973(mirror):
    rows = treaties.read_untc(_file(mirror, "untc"))
    rus = rows.query("iso3 == 'RUS' and treaty == 'ICCPR' and action == 'ratification'")
    assert rus["date"].iloc[0] == pd.Timestamp("1973-10-16")
    assert rows.query("iso3 == 'USA' and treaty == 'ICCPR-OP1'").empty


def test_ohchr_status(mirror):
    rows = treaties.read_ohchr(_file(mirror, "un_hr_status"))
    usa = rows.query("iso3 == 'USA'")
    assert "ICCPR" in set(usa.query("action == 'party'")["treaty"])
    assert "ICCPR-OP1" not in set(usa["treaty"])


def test_no_state_year_twice_in_any_source(store):
    dup = store.query(
        "SELECT source, iso3, year, variable, count(*) AS n FROM indicators GROUP BY ALL HAVING count(*) > 1"
    )
    assert dup.empty, dup.head()


def test_territories_not_filed_under_states(mirror):
    rows = freedomhouse.read_ratings(_file(mirror, "fh_ratings"))
    # India's own 2020 rating (PR 2 in FIW 2021), not Indian Kashmir's (PR 5)
    pr = rows.query("iso3 == 'IND' and year == 2020 and variable == 'pr'")["value"]
    assert pr.tolist() == [2.0]
