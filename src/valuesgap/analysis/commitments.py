"""The commitments ledger: what a state freely undertook, when, on whose record, and the record since.

Sources: the store's ``treaty_actions`` (UN Treaty Collection status as of 2015, OHCHR status 2022) for
the UN human-rights treaties, their optional protocols, the CWC and the CTBT; and the curated file
``valuesgap/facts/commitments.toml`` (Helsinki, Copenhagen, Paris, OSCE, Council of Europe, ECHR,
NPT, INF, New START, CTBT, CFE and Open Skies events), each entry with its cited source. The compliance record
comes from :func:`valuesgap.analysis.values.dimension_values`.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from valuesgap import store
from valuesgap.analysis.memo import per_data_version
from valuesgap.analysis.meta import annotate
from valuesgap.analysis.selection import check_period
from valuesgap.analysis.values import dimension_values, load_dimensions, scaled_components
from valuesgap.countries import resolve
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData, UnknownCountry
from valuesgap.measures.indicators import TREND_THRESHOLD, matched_change, trend_phrase, trend_word

LEDGER_COLUMNS = [
    "date",
    "year",
    "iso3",
    "commitment",
    "action",
    "track",
    "dimensions",
    "record",
    "source",
    "url",
    "name",
    "note",
]
RECORD_COLUMNS = [
    "commitment",
    "action",
    "year",
    "dimension",
    "from_year",
    "from_value",
    "to_year",
    "to_value",
    "change",
    "trend",
    "components",
]

# Store action → the ledger's verb.
STORE_ACTIONS = {
    "signature": "signed",
    "ratification": "ratified",
    "accession": "acceded",
    "succession": "succeeded",
    "acceptance": "accepted",
    "approval": "approved",
    "formal confirmation": "formally confirmed",
    "definitive signature": "signed (definitive)",
    "party": "party (year of ratification or accession)",
    "signatory": "signed",
}
UNTC_ROMAN = {4: "IV", 18: "XVIII", 26: "XXVI"}


@dataclass(frozen=True)
class Facts:
    """The parsed curated file: treaty bearings (short name → dict), commitments (id → dict), events."""

    treaties: dict
    commitments: dict
    events: list


def default_facts_path() -> Path:
    """Return the path of the packaged ``commitments.toml``."""
    return Path(str(resources.files("valuesgap") / "facts" / "commitments.toml"))


def parse_facts(data: dict, dimensions: set[str], origin: str = "commitments file") -> Facts:
    """Return the curated facts from parsed TOML, checking ids, dimensions, dates and sources."""
    treaties = dict(data.get("treaties", {}))
    for short, body in treaties.items():
        unknown = set(body.get("dimensions", [])) - dimensions
        if unknown:
            raise InputError(f"{origin}: treaty {short}: unknown dimensions {sorted(unknown)}")
    commitments: dict = {}
    for c in data.get("commitment", []):
        for key in ("id", "name", "source", "url"):
            if not c.get(key):
                raise InputError(f"{origin}: a [[commitment]] lacks {key!r} ({c.get('id', '?')})")
        unknown = set(c.get("dimensions", [])) - dimensions
        if unknown:
            raise InputError(f"{origin}: commitment {c['id']}: unknown dimensions {sorted(unknown)}")
        commitments[c["id"]] = c
    events = list(data.get("event", []))
    for e in events:
        if e.get("commitment") not in commitments:
            raise InputError(f"{origin}: an [[event]] names unknown commitment {e.get('commitment')!r}")
        if not e.get("action") or not e.get("states"):
            raise InputError(f"{origin}: an [[event]] of {e['commitment']} lacks 'action' or 'states'")
    return Facts(treaties, commitments, events)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float, dims: frozenset[str]) -> Facts:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"commitments file {path} is not valid TOML ({exc})") from exc
    return parse_facts(data, set(dims), origin=str(path))


def load_facts(path: str | Path | None = None, definitions: str | Path | None = None) -> Facts:
    """Return the curated commitments facts from ``path`` or the packaged file."""
    p = Path(path) if path is not None else default_facts_path()
    if not p.exists():
        raise InputError(f"commitments file {p} not found: give an existing TOML file")
    return _load(str(p), p.stat().st_mtime, frozenset(load_dimensions(definitions)))


def _untc_url(treaty_id: str) -> str:
    """Return the UN Treaty Collection status page of ``untc:<chapter>-<no>`` ('' if not UNTC)."""
    if not treaty_id.startswith("untc:"):
        return ""
    file = treaty_id.split(":", 1)[1]
    chapter = int(file.split("-")[0])
    roman = UNTC_ROMAN.get(chapter)
    if roman is None:
        return "https://treaties.un.org/"
    rest = file.split("-", 1)[1]
    return (
        f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={roman}-{rest}&chapter={chapter}&clang=_en"
    )


def _store_rows(iso3: str, facts: Facts) -> pd.DataFrame:
    """Return ledger rows from ``treaty_actions`` for the treaties the facts file maps.

    UNTC rows (dated) are kept; an OHCHR row (year only, status of 2022) is kept only where UNTC has no
    row of the same kind (a binding act, or a signature) for that treaty — e.g. a ratification after 2015.
    """
    shorts = list(facts.treaties)
    got = store.query(
        f"SELECT iso3, treaty_id, treaty, action, date, year, source FROM treaty_actions "
        f"WHERE iso3 = ? AND treaty IN ({', '.join('?' * len(shorts))})",
        [iso3, *shorts],
    )
    if got.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    got["kind"] = got["action"].map(lambda a: "sign" if a in ("signature", "signatory") else "bind")
    untc = got[got["source"] != "un_hr_status"]
    have = set(zip(untc["treaty"], untc["kind"]))
    new_kind = pd.Series([(t, k) not in have for t, k in zip(got["treaty"], got["kind"])], index=got.index)
    ohchr = got[(got["source"] == "un_hr_status") & new_kind]
    rows = pd.concat([untc, ohchr], ignore_index=True)
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(rows["date"]),
            "year": rows["year"].astype("Int64"),
            "iso3": rows["iso3"],
            "commitment": rows["treaty"],
            "action": rows["action"].map(STORE_ACTIONS).fillna(rows["action"]),
            "track": [facts.treaties[t].get("track", "values") for t in rows["treaty"]],
            "dimensions": [", ".join(facts.treaties[t].get("dimensions", [])) for t in rows["treaty"]],
            "source": rows["source"] + " / " + rows["treaty_id"],
            "url": [_untc_url(t) or "https://indicators.ohchr.org/" for t in rows["treaty_id"]],
            "name": [facts.treaties[t].get("name", "") for t in rows["treaty"]],
            "note": [
                ("status as of August 2022; only the year is given" if src == "un_hr_status" else "")
                for src in rows["source"]
            ],
        }
    )
    return out


def _curated_rows(iso3: str, facts: Facts) -> pd.DataFrame:
    """Return ledger rows from the curated file's events for ``iso3``."""
    rows = []
    for e in facts.events:
        if iso3 not in e["states"]:
            continue
        c = facts.commitments[e["commitment"]]
        date = pd.Timestamp(e["date"]) if e.get("date") else pd.NaT
        year = date.year if e.get("date") else e.get("year")
        note = "; ".join(x for x in (e.get("notes", {}).get(iso3, ""), e.get("note", "")) if x)
        rows.append(
            {
                "date": date,
                "year": year,
                "iso3": iso3,
                "commitment": c.get("short", c["name"]),
                "name": c["name"],
                "action": e["action"],
                "track": c.get("track", "values"),
                "dimensions": ", ".join(c.get("dimensions", [])),
                "source": e.get("source", c["source"]),
                "url": e.get("url", c["url"]),
                "note": note,
            }
        )
    out = pd.DataFrame(rows, columns=[c for c in LEDGER_COLUMNS if c != "record"])
    out["date"] = pd.to_datetime(out["date"])
    out["year"] = out["year"].astype("Int64")
    return out


def _record_for(dim_values: pd.DataFrame, scaled: pd.DataFrame, dims: list[str], year: int | None) -> list[dict]:
    """Return the compliance record of ``dims`` from ``year`` to the latest year with data.

    The two years are the first year at or after ``year`` and the latest year in which the dimension has
    a value; the two values are compared on the components present in both years (like with like).
    """
    out = []
    for dim in dims:
        series = dim_values[(dim_values["dimension"] == dim) & dim_values["value"].notna()]
        after = series[series["year"] >= year] if year is not None else series.iloc[0:0]
        if after.empty:
            trend = "no data" if series.empty or year is None else f"no data since {year}"
            out.append(
                {
                    "dimension": dim,
                    "from_year": None,
                    "from_value": math.nan,
                    "to_year": None,
                    "to_value": math.nan,
                    "change": math.nan,
                    "trend": trend,
                    "components": "",
                }
            )
            continue
        first_year, last_year = int(after["year"].iloc[0]), int(after["year"].iloc[-1])
        matched = matched_change(scaled[scaled["dimension"] == dim], first_year, last_year)
        if matched["n_components"] == 0:
            out.append(
                {
                    "dimension": dim,
                    "from_year": first_year,
                    "from_value": math.nan,
                    "to_year": last_year,
                    "to_value": math.nan,
                    "change": math.nan,
                    "trend": "no common components",
                    "components": "",
                }
            )
            continue
        a, b = matched["from_value"], matched["to_value"]
        n_from = int(after["n_components"].iloc[0]) if "n_components" in after else matched["n_components"]
        out.append(
            {
                "dimension": dim,
                "from_year": first_year,
                "from_value": a,
                "to_year": last_year,
                "to_value": b,
                "change": b - a,
                "trend": trend_word(a, b),
                "components": matched["components"],
                "n_common": matched["n_components"],
                "n_from": n_from,
            }
        )
    return out


def _phrase(rec: dict) -> str:
    if math.isnan(rec["from_value"]):
        return f"{rec['dimension']}: {rec['trend']}"
    text = trend_phrase(rec["dimension"], rec["from_year"], rec["from_value"], rec["to_year"], rec["to_value"])
    if rec.get("n_common", 0) < rec.get("n_from", 0):
        text += f" (on the {rec['n_common']} components in both years)"
    return text


@per_data_version(maxsize=512)
def _state_data(iso3: str, definitions: str | Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the state's dimension values and scaled components over all years (empty when none)."""
    try:
        return dimension_values(iso3, definitions=definitions), scaled_components(iso3, definitions=definitions)
    except NoData:
        return (
            pd.DataFrame(columns=["year", "dimension", "value"]),
            pd.DataFrame(columns=["year", "dimension", "component", "scaled"]),
        )


def _ledger(
    state: str, start: int | None, end: int | None, facts_path, definitions
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    start, end = check_period(start, end)
    country = resolve(state)
    facts = load_facts(facts_path, definitions)
    parts = [p for p in (_store_rows(country.iso3, facts), _curated_rows(country.iso3, facts)) if not p.empty]
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if rows.empty:
        raise NoData(f"no commitments recorded for {country.name} in the treaty data or the curated facts")
    if start is not None or end is not None:
        dated = rows[rows["year"].notna()]
        keep = pd.Series(True, index=dated.index)
        if start is not None:
            keep &= dated["year"] >= start
        if end is not None:
            keep &= dated["year"] <= end
        if not keep.any():
            if end is None:
                latest = int(dated["year"].max()) if not dated.empty else None
                raise NoData(
                    f"no commitments of {country.name} since {start}"
                    + (f": the latest is from {latest}; try an earlier start" if latest else ""),
                    params=("start",),
                )
            span = f"{start if start is not None else '…'}–{end}"
            raise NoData(f"no commitments of {country.name} in {span}: try a wider period", params=())
        rows = dated[keep]
    rows = rows.sort_values(["year", "date", "commitment"], na_position="last", kind="stable").reset_index(drop=True)
    values, scaled = _state_data(country.iso3, definitions)
    records, phrases = [], []
    for r in rows.itertuples(index=False):
        year = None if pd.isna(r.year) else int(r.year)
        dims = [d for d in str(r.dimensions).split(", ") if d] if year is not None else []  # undated status: no record
        recs = _record_for(values, scaled, dims, year)
        phrases.append("; ".join(_phrase(x) for x in recs))
        for x in recs:
            records.append(
                {
                    "commitment": r.commitment,
                    "action": r.action,
                    "year": year,
                    **{k: v for k, v in x.items() if k in RECORD_COLUMNS},
                }
            )
    rows["record"] = phrases
    ledger = annotate(rows[LEDGER_COLUMNS], states=[country], start=start, end=end)
    record = annotate(pd.DataFrame(records, columns=RECORD_COLUMNS), states=[country], start=start, end=end)
    return ledger, record, country.name


@per_data_version(maxsize=1024)
def _default_ledger(iso3: str, start: int | None, end: int | None) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Return :func:`_ledger` of a state with the shipped facts and definitions."""
    return _ledger(iso3, start, end, None, None)


@renamed_arguments(positional=1, old_order=("since", "facts", "definitions"), since="start")
def commitments(
    state: str,
    *,
    start: int | None = None,
    end: int | None = None,
    facts: str | Path | None = None,
    definitions: str | Path | None = None,
) -> pd.DataFrame:
    """Return the ledger of commitments ``state`` undertook (and left), oldest first.

    Columns: ``date`` (NaT where only the year is known), ``year``, ``iso3``, ``commitment`` (short
    name, e.g. ICCPR, ECHR, New START), ``action`` (signed, ratified, acceded, joined, expelled, withdrew,
    suspended, …), ``track`` (values / shared_interest), ``dimensions`` it bears on, ``record`` (per
    dimension: value in the year of the action (or the first later year with data) → latest value, on the
    components present in both years, and the trend, e.g. "media: 0.64 in 1998 → 0.04 in 2023, falling";
    a change beyond ±0.05 is rising/falling, else stable), ``source`` (store
    source id / treaty id, or the curated entry's cited source), ``url``, ``name`` (full title), ``note``. With ``start``
    (``end``), rows before (after) that year and undated status rows are left out. Sources: store ``treaty_actions``,
    ``facts/commitments.toml``, and the value dimensions.
    """
    if facts is None and definitions is None:  # the shipped facts: kept per state, period and data version
        return _default_ledger(resolve(state).iso3, *check_period(start, end))[0]
    return _ledger(state, start, end, facts, definitions)[0]


@renamed_arguments(positional=1, old_order=("since", "facts", "definitions"), since="start")
def compliance_record(
    state: str,
    *,
    start: int | None = None,
    end: int | None = None,
    facts: str | Path | None = None,
    definitions: str | Path | None = None,
) -> pd.DataFrame:
    """Return the compliance record behind the ledger, one row per commitment action and dimension.

    Columns: ``commitment, action, year, dimension, from_year, from_value, to_year, to_value, change,
    trend`` (rising / falling / stable with the threshold ``TREND_THRESHOLD`` = 0.05; "no data" where the
    state has no value for the dimension after the action), ``components`` (those present in both years:
    the two values are means over the same components, so a source that starts or ends in between does
    not move the trend).
    """
    return _ledger(state, start, end, facts, definitions)[1]


def warm_ledgers(stopping: Callable[[], bool] = lambda: False) -> int:
    """Compute the ledger of every state with a commitment on record and keep it per data version, as
    the first request of each state would; return how many ledgers (fewer once ``stopping()`` is true)."""
    facts = load_facts(None, None)
    isos = set(store.query("SELECT DISTINCT iso3 FROM treaty_actions")["iso3"])
    isos |= {iso3 for e in facts.events for iso3 in e["states"]}
    done = 0
    for iso3 in sorted(isos):
        if stopping():
            break
        try:
            _default_ledger(resolve(iso3).iso3, None, None)
            done += 1
        except (NoData, UnknownCountry):
            continue
    return done


def dyad_commitments(a: str, b: str, *, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return both states' commitments ledgers, one after the other (``iso3`` tells whose row it is).

    Columns: those of :func:`commitments`. A state without commitments is left out; NoData when neither
    has any.
    """
    ca, cb = resolve(a), resolve(b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    parts, reasons = [], []
    for state in (ca, cb):
        try:
            parts.append(commitments(state.iso3, start=start, end=end))
        except NoData as exc:
            reasons.append(str(exc))
    if not parts:
        raise NoData("; ".join(reasons))
    return annotate(pd.concat(parts, ignore_index=True), states=[ca, cb], start=start, end=end)


__all__ = ["TREND_THRESHOLD", "commitments", "compliance_record", "dyad_commitments", "load_facts"]
