"""The commitments ledger: the curated facts file, and the ledger on the real treaty data."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from valuesgap.analysis import commitments as cm
from valuesgap.errors import InputError, NoData

DIMS = {"repression", "media", "capture", "rule_of_law", "democracy"}


def phi(x: float) -> float:
    """Standard normal CDF, written out independently: ½(1 + erf(x/√2))."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


# --- the curated file ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def facts():
    return cm.load_facts()


def _events(facts, commitment, iso3):
    return [e for e in facts.events if e["commitment"] == commitment and iso3 in e["states"]]


def test_every_curated_commitment_is_cited(facts):
    assert len(facts.commitments) >= 10
    for c in facts.commitments.values():
        assert c["source"].strip() and c["url"].startswith("https://"), c["id"]
        assert set(c.get("dimensions", [])) <= DIMS
    for e in facts.events:
        assert e.get("url", "https://").startswith("https://")
        has_time = isinstance(e.get("date"), dt.date) or isinstance(e.get("year"), int)
        assert has_time or e["action"] == "not a party", e


def test_helsinki_and_paris_signatories(facts):
    helsinki = _events(facts, "helsinki", "USA")[0]
    assert helsinki["date"] == dt.date(1975, 8, 1)
    assert len(helsinki["states"]) == len(set(helsinki["states"])) == 35
    assert {"RUS", "USA", "CAN", "DDR", "DEU", "VAT"} <= set(helsinki["states"]) and "ALB" not in helsinki["states"]
    paris = _events(facts, "paris_charter", "USA")[0]
    assert paris["date"] == dt.date(1990, 11, 21)
    assert len(set(paris["states"])) == 34 and "DDR" not in paris["states"]


def test_russia_council_of_europe_and_echr_dates(facts):
    coe = {e["action"]: e["date"] for e in _events(facts, "coe", "RUS")}
    assert coe == {"joined": dt.date(1996, 2, 28), "expelled": dt.date(2022, 3, 16)}
    echr = {e["action"]: e["date"] for e in _events(facts, "echr", "RUS")}
    assert echr["ratified"] == dt.date(1998, 5, 5) and echr["ceased to be a party"] == dt.date(2022, 9, 16)
    assert {e["date"] for e in _events(facts, "echr", "FRA") if e["action"] == "ratified"} == {dt.date(1974, 5, 3)}


def test_arms_control_dates(facts):
    start = {e["action"]: e["date"] for e in _events(facts, "new_start", "RUS")}
    assert start == {
        "signed": dt.date(2010, 4, 8),
        "ratified": dt.date(2011, 2, 5),
        "extended": dt.date(2021, 2, 3),
        "suspended": dt.date(2023, 2, 21),
        "expired": dt.date(2026, 2, 5),
    }
    inf = {e["action"]: e["date"] for e in _events(facts, "inf", "USA")}
    assert inf == {"signed": dt.date(1987, 12, 8), "ratified": dt.date(1988, 6, 1), "withdrew": dt.date(2019, 8, 2)}
    npt_india = _events(facts, "npt", "IND")
    assert [e["action"] for e in npt_india] == ["not a party"]
    assert facts.commitments["npt"]["dimensions"] == [] and facts.commitments["npt"]["track"] == "shared_interest"


def test_treaty_bearings(facts):
    assert set(facts.treaties) >= {
        "ICCPR",
        "ICCPR-OP1",
        "ICCPR-OP2",
        "ICESCR",
        "CAT",
        "OPCAT",
        "CEDAW",
        "CRC",
        "CERD",
        "CRPD",
        "CED",
        "CMW",
        "CWC",
        "CTBT",
    }
    assert {"media", "repression"} <= set(facts.treaties["ICCPR"]["dimensions"])
    assert facts.treaties["CAT"]["dimensions"] == ["repression"]
    assert facts.treaties["CTBT"]["dimensions"] == []


def test_parse_facts_rejects_bad_entries():
    base = {"id": "x", "name": "X", "source": "S", "url": "https://example.org"}
    with pytest.raises(InputError, match="unknown dimensions"):
        cm.parse_facts({"commitment": [{**base, "dimensions": ["freedom"]}]}, DIMS)
    with pytest.raises(InputError, match="lacks 'source'"):
        cm.parse_facts({"commitment": [{"id": "x", "name": "X", "url": "u"}]}, DIMS)
    with pytest.raises(InputError, match="unknown commitment 'y'"):
        cm.parse_facts(
            {"commitment": [base], "event": [{"commitment": "y", "action": "signed", "states": ["USA"]}]}, DIMS
        )


# --- the ledger on real data -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def russia(store):
    return cm.commitments("Russia")


@pytest.fixture(scope="module")
def usa(store):
    return cm.commitments("United States")


def _rows(ledger, commitment, action=None):
    rows = ledger[ledger["commitment"] == commitment]
    return rows if action is None else rows[rows["action"] == action]


def test_russia_un_treaties_from_the_store(russia):
    iccpr = _rows(russia, "ICCPR", "ratified")
    assert list(iccpr["date"].dt.date) == [dt.date(1973, 10, 16)]
    assert iccpr.iloc[0]["source"] == "untc / untc:4-4"
    assert "mtdsg_no=IV-4" in iccpr.iloc[0]["url"]
    op1 = _rows(russia, "ICCPR-OP1", "acceded")
    assert list(op1["date"].dt.date) == [dt.date(1991, 10, 1)]
    # the OHCHR 2022 status row duplicates the UNTC row and is left out
    assert len(_rows(russia, "ICCPR-OP1")) == 1
    assert set(_rows(russia, "CTBT")["action"]) >= {"signed", "ratified", "withdrew ratification"}


def test_us_has_not_ratified_iccpr_op1(usa):
    assert _rows(usa, "ICCPR-OP1").empty
    assert list(_rows(usa, "ICCPR", "ratified")["date"].dt.date) == [dt.date(1992, 6, 8)]
    ctbt = _rows(usa, "CTBT")
    assert "ratified" not in set(ctbt["action"]) and "signed" in set(ctbt["action"])


def test_russia_echr_end_and_curated_source(russia):
    end = _rows(russia, "ECHR", "ceased to be a party").iloc[0]
    assert end["year"] == 2022 and end["date"].date() == dt.date(2022, 9, 16)
    assert "Council of Europe" in end["source"] and end["url"].startswith("https://www.coe.int/")
    expelled = _rows(russia, "Council of Europe", "expelled").iloc[0]
    assert expelled["date"].date() == dt.date(2022, 3, 16)


def test_arms_control_ledger_cfe_open_skies_new_start(russia, usa):
    # dates typed from the cited statements: CFE suspension in force 12 Dec 2007 (Federal Law 276-FZ),
    # Open Skies withdrawals effective 22 Nov 2020 (US) and 18 Dec 2021 (Russia), New START lapses 5 Feb 2026
    expected = {
        "RUS": [
            ("CFE Treaty", "suspended", dt.date(2007, 12, 12)),
            ("CFE Treaty", "withdrew", dt.date(2023, 11, 7)),
            ("Open Skies Treaty", "signed", dt.date(1992, 3, 24)),
            ("Open Skies Treaty", "withdrew", dt.date(2021, 12, 18)),
            ("New START", "expired", dt.date(2026, 2, 5)),
        ],
        "USA": [
            ("Open Skies Treaty", "signed", dt.date(1992, 3, 24)),
            ("Open Skies Treaty", "withdrew", dt.date(2020, 11, 22)),
            ("New START", "expired", dt.date(2026, 2, 5)),
        ],
    }
    for ledger, iso3 in ((russia, "RUS"), (usa, "USA")):
        for commitment, action, date in expected[iso3]:
            rows = _rows(ledger, commitment, action)
            assert list(rows["date"].dt.date) == [date], (iso3, commitment, action)
            row = rows.iloc[0]
            assert row["track"] == "shared_interest" and row["record"] == ""
            assert row["source"] and row["url"].startswith("http")
    assert "12 December 2007" in _rows(russia, "CFE Treaty", "suspended").iloc[0]["note"]
    assert _rows(usa, "Open Skies Treaty", "withdrew").iloc[0]["source"].startswith("U.S. Department of State")
    assert "Ministry of Foreign Affairs" in _rows(russia, "Open Skies Treaty", "withdrew").iloc[0]["source"]


def test_ledger_is_in_date_order_and_arms_control_has_no_record(russia):
    years = russia["year"].dropna().astype(int).tolist()
    assert years == sorted(years)
    assert (russia.loc[russia["track"] == "shared_interest", "record"] == "").all()


def test_compliance_record_media_since_echr_by_hand(russia):
    row = _rows(russia, "ECHR", "ratified").iloc[0]
    # media on the components present in both 1998 and 2023 (V-Dem v14; CIRIGHTS ends 2020):
    # 1998: (0.805 + Φ(0.443) + Φ(0.265))/3 = (0.805 + 0.67112 + 0.60450)/3 = 0.6935
    # 2023: (0.095 + Φ(−2.163) + Φ(−1.991))/3 = (0.095 + 0.01527 + 0.02324)/3 = 0.0445
    start = (0.805 + phi(0.443) + phi(0.265)) / 3
    end = (0.095 + phi(-2.163) + phi(-1.991)) / 3
    phrase = f"media: {start:.2f} in 1998 → {end:.2f} in 2023, falling"
    assert phrase == "media: 0.69 in 1998 → 0.04 in 2023, falling"
    assert phrase in row["record"]
    record = cm.compliance_record("Russia", start=1998)
    media = record[
        (record["commitment"] == "ECHR") & (record["action"] == "ratified") & (record["dimension"] == "media")
    ].iloc[0]
    assert media["from_value"] == pytest.approx(start, abs=1e-9)
    assert media["to_value"] == pytest.approx(end, abs=1e-9)
    assert media["trend"] == "falling" and media["change"] == pytest.approx(end - start)


def test_ohchr_status_fills_ratifications_after_2015(store):
    swiss = cm.commitments("Switzerland", start=2016)
    ced = swiss[swiss["commitment"] == "CED"]
    assert len(ced) == 1 and ced.iloc[0]["year"] == 2016
    assert ced.iloc[0]["source"] == "un_hr_status / ohchr:cped" and str(ced.iloc[0]["date"]) == "NaT"


def test_since_and_errors(store, russia):
    since = cm.commitments("Russia", start=2022)
    assert (since["year"] >= 2022).all() and len(since) == int((russia["year"] >= 2022).sum())
    with pytest.raises(NoData, match="latest is from 2026"):
        cm.commitments("Russia", start=2030)
    with pytest.raises(InputError, match="must be a calendar year"):
        cm.commitments("Russia", start="1998")


def test_public_api_name(store):
    import valuesgap as vg

    assert vg.commitments is cm.commitments
