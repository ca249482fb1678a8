"""Treaty participation: the UN Treaty Collection status pages (as scraped in March 2015) and OHCHR's
ratification status of 18 UN human-rights instruments (August 2022).

Both become rows of the store's ``treaty_actions`` table: iso3, treaty_id, treaty (short name),
treaty_name, action, date, year, source. The NPT, New START and INF are not deposited with the UN;
they are in the curated commitments file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.sources.spec import Found, Loaded
from valuesgap.sources.tables import unreadable

STEP = "Treaty participation"

# UNTC treaty file → short name, for the instruments the framework names (others keep their file id).
UNTC_SHORT = {
    "4-1": "Genocide Convention",
    "4-2": "CERD",
    "4-3": "ICESCR",
    "4-3-a": "ICESCR-OP",
    "4-4": "ICCPR",
    "4-5": "ICCPR-OP1",
    "4-8": "CEDAW",
    "4-8-b": "CEDAW-OP",
    "4-9": "CAT",
    "4-9-b": "OPCAT",
    "4-11": "CRC",
    "4-11-b": "CRC-OPAC",
    "4-11-c": "CRC-OPSC",
    "4-11-d": "CRC-OPIC",
    "4-12": "ICCPR-OP2",
    "4-13": "CMW",
    "4-15": "CRPD",
    "4-15-a": "CRPD-OP",
    "4-16": "CED",
    "26-3": "CWC",
    "26-4": "CTBT",
    "26-5": "Mine Ban Convention",
    "26-6": "Convention on Cluster Munitions",
    "26-8": "Arms Trade Treaty",
}
# OHCHR instrument code → the same short names.
OHCHR_SHORT = {
    "cat": "CAT",
    "cedaw": "CEDAW",
    "cped": "CED",
    "crc": "CRC",
    "crpd": "CRPD",
    "iccpr": "ICCPR",
    "iccpr_op1": "ICCPR-OP1",
    "iccpr_op2": "ICCPR-OP2",
    "icerd": "CERD",
    "icescr": "ICESCR",
    "icescr_op": "ICESCR-OP",
    "icmw": "CMW",
    "op_cedaw": "CEDAW-OP",
    "op_crc_ac": "CRC-OPAC",
    "op_crc_ic": "CRC-OPIC",
    "op_crc_sc": "CRC-OPSC",
    "op_crpd": "CRPD-OP",
    "opcat": "OPCAT",
}
SUFFIX_ACTION = {
    "a": "accession",
    "d": "succession",
    "A": "acceptance",
    "AA": "approval",
    "c": "formal confirmation",
    "s": "definitive signature",
}
COLUMNS = ["iso3", "treaty_id", "treaty", "treaty_name", "action", "date", "year", "source"]


def _read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except Exception as exc:
        raise unreadable(path, exc) from exc
    if not set(required) <= set(frame.columns):
        raise DataMissing(f"{path} lacks columns {sorted(set(required) - set(frame.columns))}")
    return frame


def _iso3_of(names: pd.Series) -> pd.Series:
    """Return ISO3 per participant name (None where it is not a state the resolver knows)."""
    from valuesgap.countries import resolve_source_name
    from valuesgap.errors import UnknownCountry

    found: dict[str, str | None] = {}
    for name in names.dropna().unique():
        try:
            found[name] = resolve_source_name(name).iso3
        except UnknownCountry:
            found[name] = None
    return names.map(found)


def _untc_action(column: str, suffix: str | float) -> str:
    """Return the action a UNTC cell records, from its column header and its suffix letter."""
    if isinstance(suffix, str) and suffix in SUFFIX_ACTION:
        return SUFFIX_ACTION[suffix]
    # A cell without a suffix records the column's unmarked action ("Ratification" in
    # "Accession(a), Succession(d), Ratification").
    items = [item.strip().lower() for item in str(column).split(",") if item.strip()]
    plain = [item for item in items if "(" not in item]
    chosen = plain[0] if plain else (items[0] if items else "other")
    return chosen.split("(")[0].strip() or "other"


def read_untc(path: Path) -> pd.DataFrame:
    """Return treaty actions from the UNTC 2015 status table (participants that are not states dropped)."""
    frame = _read_csv(path, ["treaty_file", "treaty_name", "Participant", "action_column", "date"])
    frame = frame[frame["date"].notna()]
    date = pd.to_datetime(frame["date"], errors="coerce")
    out = pd.DataFrame(
        {
            "iso3": _iso3_of(frame["Participant"].str.replace(r"\s*\d+$", "", regex=True)),
            "treaty_id": "untc:" + frame["treaty_file"],
            "treaty": frame["treaty_file"].map(UNTC_SHORT).fillna("UNTC " + frame["treaty_file"]),
            "treaty_name": frame["treaty_name"],
            "action": [_untc_action(c, s) for c, s in zip(frame["action_column"], frame["action_suffix"])],
            "date": date,
            "year": date.dt.year.astype("Int64"),
            "source": "untc",
        }
    )
    return out[out["iso3"].notna() & out["date"].notna()][COLUMNS].reset_index(drop=True)


def read_ohchr(path: Path) -> pd.DataFrame:
    """Return one row per state and instrument with a recorded action (party: year; signatory)."""
    frame = _read_csv(path, ["instrument", "iso2", "member", "status", "year ratification or accession"])
    frame = frame[frame["status"].isin(["state party", "signatory state"])]
    year = pd.to_numeric(frame["year ratification or accession"], errors="coerce").astype("Int64")
    iso3 = _iso3_of(frame["iso2"].where(frame["iso2"].notna(), frame["member"]))
    out = pd.DataFrame(
        {
            "iso3": iso3,
            "treaty_id": "ohchr:" + frame["instrument"],
            "treaty": frame["instrument"].map(OHCHR_SHORT).fillna(frame["instrument"]),
            "treaty_name": frame["instrument"].map(OHCHR_SHORT).fillna(frame["instrument"]),
            "action": frame["status"].map({"state party": "party", "signatory state": "signatory"}),
            "date": pd.NaT,
            "year": year,
            "source": "un_hr_status",
        }
    )
    return out[out["iso3"].notna()][COLUMNS].reset_index(drop=True)


READERS = {"untc": read_untc, "un_hr_status": read_ohchr}


def empty() -> dict[str, pd.DataFrame]:
    """Return an empty treaty_actions table (for a build where neither status file is installed)."""
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame["date"] = pd.Series(dtype="datetime64[ns]")
    frame["year"] = pd.Series(dtype="Int64")
    return {"treaty_actions": frame[COLUMNS]}


def load(found: Found) -> Loaded:
    """Return the treaty_actions rows of the installed treaty-status files (the reader contract)."""
    parts = [READERS[source](found.path(source, "data")) for source in found.sources]
    return Loaded({"treaty_actions": pd.concat(parts, ignore_index=True)})
