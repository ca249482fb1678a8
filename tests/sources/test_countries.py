"""The country resolver: names, codes, historical entities, bad input."""

import pytest

from valuesgap.countries import resolve, search
from valuesgap.errors import UnknownCountry


@pytest.mark.parametrize("query", ["russia", "RU", "RUS", 365, "365", "Russian Federation", "USSR", "soviet union"])
def test_russia_in_every_spelling(query):
    assert resolve(query).iso3 == "RUS"


@pytest.mark.parametrize("query", ["US", "USA", "United States of America", "united states", 2])
def test_united_states(query):
    assert resolve(query).iso3 == "USA"


@pytest.mark.parametrize(
    "query,iso3",
    [
        ("German Democratic Republic", "DDR"),
        ("East Germany", "DDR"),
        ("Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"),
        (315, "CSK"),
        ("West Germany", "DEU"),
        ("Serbia and Montenegro", "SRB"),
        ("UK", "GBR"),
        ("GB", "GBR"),
        ("Ivory Coast", "CIV"),
        ("NA", "NAM"),
        ("Zanzibar", "ZZB"),
    ],
)
def test_historical_and_tricky(query, iso3):
    assert resolve(query).iso3 == iso3


def test_cow_codes_of_current_states():
    assert resolve("Germany").cow == 255
    assert resolve("Russia").cow == 365
    assert resolve("Yemen").cow == 679


def test_unknown_country_suggests():
    with pytest.raises(UnknownCountry) as info:
        resolve("Rusia")
    assert "did you mean 'Russia'" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("query", ["", "Narnia", "9999", "XX"])
def test_unknown_inputs_raise(query):
    with pytest.raises(UnknownCountry):
        resolve(query)


def test_search_finds_by_part_of_name():
    found = search("korea")
    assert set(found["iso3"]) == {"KOR", "PRK"}
