"""One resolver for states: names, ISO2/ISO3, COW codes and historical entities.

Current states come from ``country_converter`` (names in many spellings, ISO2/ISO3). Historical
entities that the UNGA data keeps apart are explicit here (:data:`HISTORICAL`). The Soviet Union's
votes are Russia's (as in the sources), so "USSR" resolves to Russia. Correlates-of-War numbers are
read from ``facts/cow_codes.csv`` (the pairs the upstream datasets carry; see its header), since no
maintained package carries them.
"""

from __future__ import annotations

import difflib
import io
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from valuesgap.errors import AmbiguousCountry, UnknownCountry


@dataclass(frozen=True)
class Country:
    """A resolved state: ISO3 code (or a documented code for historical entities), ISO2, COW, name."""

    iso3: str
    name: str
    iso2: str | None = None
    cow: int | None = None


# Historical entities the vote data keeps as their own states. Codes follow ISO 3166-3 where one
# exists (CSK, DDR, YMD, YUG); Zanzibar (UN member Dec 1963 – Apr 1964) has none, so V-Dem's
# code ZZB is used.
HISTORICAL: dict[str, Country] = {
    "CSK": Country("CSK", "Czechoslovakia", "CS", 315),
    "DDR": Country("DDR", "German Democratic Republic", "DD", 265),
    "YMD": Country("YMD", "Yemen People's Republic", "YD", 680),
    "YUG": Country("YUG", "Yugoslavia", "YU", None),
    "ZZB": Country("ZZB", "Zanzibar", None, 511),
}

# The longest name or code a query may have: the longest state name in the data ("The United Kingdom of
# Great Britain and Northern Ireland", official form) has 52 characters. Longer text is refused before any
# matching, since fuzzy matching costs time quadratic in the length.
MAX_QUERY_LENGTH = 100

# Names that denote more than one state: a query for one of them is an error listing the candidates,
# never a silent choice.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "congo": ("COG", "COD"),
    "the congo": ("COG", "COD"),
    "korea": ("KOR", "PRK"),
}

# Names and abbreviations that country_converter does not map, or maps differently from the vote data.
ALIASES: dict[str, str] = {
    "ussr": "RUS",
    "soviet union": "RUS",
    "union of soviet socialist republics": "RUS",
    "su": "RUS",
    "czechoslovakia": "CSK",
    "german democratic republic": "DDR",
    "east germany": "DDR",
    "gdr": "DDR",
    "west germany": "DEU",
    "federal republic of germany": "DEU",
    "frg": "DEU",
    "yugoslavia": "YUG",
    "sfr yugoslavia": "YUG",
    "socialist federal republic of yugoslavia": "YUG",
    "serbia and montenegro": "SRB",
    "federal republic of yugoslavia": "SRB",
    "yemen people's republic": "YMD",
    "south yemen": "YMD",
    "people's democratic republic of yemen": "YMD",
    "pdry": "YMD",
    "yemen arab republic": "YEM",
    "north yemen": "YEM",
    "zanzibar": "ZZB",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "america": "USA",
    "prc": "CHN",
    "dprk": "PRK",
    "rok": "KOR",
    "burma": "MMR",
    "holland": "NLD",
}

_HISTORICAL_NOTE = {
    "RUS": "includes the Soviet Union's votes (1946–1991), as the sources file them",
    "DEU": "includes the Federal Republic of Germany (West Germany) 1973–1990",
    "YEM": "includes the Yemen Arab Republic (North Yemen) before unification in 1990",
    "SRB": "Federal Republic of Yugoslavia / Serbia and Montenegro from 1993, Serbia from 2006",
    "YUG": "Socialist Federal Republic of Yugoslavia, to 1992",
}


@lru_cache(maxsize=1)
def _converter():
    """Return a country_converter instance with its chatter silenced."""
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    import country_converter as coco

    return coco.CountryConverter()


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    """Return ISO3, ISO2, short and official names of every current state country_converter knows."""
    data = _converter().data
    table = data[["ISO3", "ISO2", "name_short", "name_official"]].copy()
    table = table.dropna(subset=["ISO3"]).drop_duplicates("ISO3")
    # A few ISO2 cells are regexes of alternatives (GB: '^GB$|^UK$'): keep the first code.
    table["ISO2"] = table["ISO2"].astype(str).str.extract(r"\^?([A-Z]{2})", expand=False)
    return table.set_index("ISO3")


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Return a map from lower-case names and codes to ISO3, for suggestions and exact lookups."""
    index: dict[str, str] = {}
    for iso3, row in _table().iterrows():
        for key in (row["name_short"], row["name_official"], iso3, row["ISO2"]):
            if isinstance(key, str) and key:
                index.setdefault(key.lower(), str(iso3))
    for country in HISTORICAL.values():
        index[country.name.lower()] = country.iso3
        index[country.iso3.lower()] = country.iso3
    index.update(ALIASES)
    return index


def _from_iso3(iso3: str) -> Country:
    """Return the Country for a known ISO3 code (historical codes included)."""
    if iso3 in HISTORICAL:
        return HISTORICAL[iso3]
    row = _table().loc[iso3]
    iso2 = row["ISO2"] if isinstance(row["ISO2"], str) else None
    return Country(iso3=iso3, name=str(row["name_short"]), iso2=iso2, cow=_cow_of(iso3))


def _cow_of(iso3: str) -> int | None:
    """Return the current COW code of ``iso3`` (the highest number when it had several), or None."""
    if iso3 in _CURRENT_COW:
        return _CURRENT_COW[iso3]
    codes = [cow for cow, code in _cow_table().items() if code == iso3]
    return max(codes) if codes else None


# Where a state has held several COW numbers and the current one is not the highest.
_CURRENT_COW = {"DEU": 255}


@lru_cache(maxsize=1)
def _cow_table() -> dict[int, str]:
    """Return COW number → ISO3 from the packaged ``facts/cow_codes.csv`` (sources in its header)."""
    path = resources.files("valuesgap") / "facts" / "cow_codes.csv"
    frame = pd.read_csv(io.StringIO(path.read_text(encoding="utf-8")), comment="#")
    return {int(r.cow): str(r.iso3) for r in frame.itertuples()}


def check_query_length(query: str | int) -> str:
    """Return ``query`` as stripped text; raise InputError when it is longer than any state name.

    The message does not echo the text (it may be thousands of characters).
    """
    text = str(query).strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise UnknownCountry(
            f"country name too long ({len(text):,} characters; names and codes have at most "
            f"{MAX_QUERY_LENGTH}): give a name or code, e.g. 'Russia' or 'RUS'"
        )
    return text


def resolve(query: str | int) -> Country:
    """Return the :class:`Country` for a name, ISO2, ISO3 or COW code, in any case.

    Raises :class:`UnknownCountry` with close suggestions ("did you mean 'Russia'?"), also for text
    longer than :data:`MAX_QUERY_LENGTH` (refused before any matching), and :class:`AmbiguousCountry`
    listing the candidates for a name that denotes several states ("Congo", "Korea").
    """
    return _resolve(check_query_length(query))


# How the UN's own documents use a name that is ambiguous to a reader: its treaty and membership lists
# call the Republic of the Congo "Congo" and the other "Democratic Republic of the Congo".
UN_CONVENTION: dict[str, str] = {"congo": "COG"}


def resolve_source_name(name: str | int) -> Country:
    """Return the state a source file means by ``name``: as :func:`resolve`, but a name ambiguous to a
    reader resolves by the UN's naming convention (``Congo`` is the Republic of the Congo) — for readers
    of UN-published files, never for a user's query.
    """
    key = str(name).strip().lower()
    if key in UN_CONVENTION:
        return _from_iso3(UN_CONVENTION[key])
    return resolve(name)


@lru_cache(maxsize=4096)
def _resolve(text: str) -> Country:
    """Resolve stripped text of bounded length (see :func:`resolve`)."""
    if not text:
        raise UnknownCountry("empty country name: give a name or code, e.g. 'Russia' or 'RUS'")
    if re.fullmatch(r"\d{1,3}", text):
        return _resolve_cow(int(text))
    key = text.lower()
    if key in AMBIGUOUS:
        candidates = AMBIGUOUS[key]
        listed = " or ".join(f"'{name_of(iso3)}' ({iso3})" for iso3 in candidates)
        raise AmbiguousCountry(f"{text!r} names several states: say {listed}", candidates=candidates)
    index = _name_index()
    if key in index:
        return _from_iso3(index[key])
    found = _converter().convert(text, to="ISO3", not_found=None)
    if isinstance(found, str) and found in _table().index and len(text) > 2:
        return _from_iso3(found)
    raise UnknownCountry(_unknown_message(text))


def _resolve_cow(code: int) -> Country:
    """Return the state whose Correlates-of-War number is ``code``."""
    iso3 = _cow_table().get(code)
    if iso3 is None or not (iso3 in HISTORICAL or iso3 in _table().index):
        raise UnknownCountry(f"no state has COW code {code}: give a name or ISO code instead")
    return _from_iso3(iso3)


def _unknown_message(text: str) -> str:
    """Return the one-line message for an unknown country, with up to three suggestions."""
    index = _name_index()
    names = {k: v for k, v in index.items() if len(k) > 3}
    close = difflib.get_close_matches(text.lower(), list(names), n=6, cutoff=0.6)
    if not close:
        close = [k for k in names if text.lower() in k][:6]
    seen: list[str] = []
    for key in close:
        name = name_of(names[key])
        if name not in seen:
            seen.append(name)
    hint = (
        f"; did you mean {', '.join(repr(s) for s in seen[:3])}?"
        if seen
        else ("; try 'valuesgap countries QUERY' to search names and codes")
    )
    return f"unknown country {text!r}{hint}"


@lru_cache(maxsize=1)
def iso_numeric_codes() -> dict[str, str]:
    """Return ISO3 → zero-padded ISO 3166-1 numeric code (e.g. 'USA' → '840'; the ids of world-atlas shapes)."""
    data = _converter().data[["ISO3", "ISOnumeric"]].dropna()
    return {str(r.ISO3): f"{int(r.ISOnumeric):03d}" for r in data.itertuples()}


def name_of(iso3: str) -> str:
    """Return the short English name of an ISO3 code (historical codes included), or the code."""
    if iso3 in HISTORICAL:
        return HISTORICAL[iso3].name
    table = _table()
    if iso3 in table.index:
        return str(table.loc[iso3, "name_short"])
    return iso3


def note_of(iso3: str) -> str:
    """Return how the data treats a state with a history of union or split ('' when none)."""
    return _HISTORICAL_NOTE.get(iso3, "")


def search(query: str | None = None) -> pd.DataFrame:
    """Return states matching ``query`` (substring of name or code; all when None).

    Columns: ``iso3``, ``iso2``, ``name``, ``official_name``, ``note``.
    """
    table = _table().reset_index()
    rows = [
        {
            "iso3": r.ISO3,
            "iso2": r.ISO2 if isinstance(r.ISO2, str) else None,
            "name": r.name_short,
            "official_name": r.name_official,
            "note": note_of(r.ISO3),
        }
        for r in table.itertuples()
    ]
    rows += [
        {
            "iso3": c.iso3,
            "iso2": c.iso2,
            "name": c.name,
            "official_name": c.name,
            "note": note_of(c.iso3) or "historical",
        }
        for c in HISTORICAL.values()
    ]
    frame = pd.DataFrame(rows).sort_values("name", key=lambda s: s.str.lower()).reset_index(drop=True)
    if query:
        q = check_query_length(query).lower()
        hit = (
            frame["name"].str.lower().str.contains(q, regex=False)
            | frame["official_name"].str.lower().str.contains(q, regex=False)
            | frame["iso3"].str.lower().eq(q)
            | frame["iso2"].fillna("").str.lower().eq(q)
            | frame["iso3"].isin({code for alias, code in ALIASES.items() if q in alias})
        )
        try:
            exact = resolve(query).iso3
            hit |= frame["iso3"].eq(exact)
        except AmbiguousCountry as exc:
            hit |= frame["iso3"].isin(exc.candidates)
        except UnknownCountry:
            pass
        frame = frame[hit].reset_index(drop=True)
    return frame


def countries(query: str | None = None) -> pd.DataFrame:
    """Public alias of :func:`search` (``vg.countries``)."""
    return search(query)
