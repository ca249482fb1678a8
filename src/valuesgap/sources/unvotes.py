"""UNGA roll calls in the R package ``unvotes`` 0.3.0 (Voeten's data to 2019, tidy form).

Reads the three ``.rda`` files with pyreadr and returns roll-call metadata, issue codes and the
yes/abstain/no votes with each state's entity code (ISO3, or the historical codes of
:mod:`valuesgap.countries`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.issues import ISSUE_CODES
from valuesgap.sources.tables import unreadable

# The R data files states by name and ISO2; these names have no ISO2 there or a historical code.
ENTITY_BY_NAME = {
    "Federal Republic of Germany": "DEU",
    "German Democratic Republic": "DDR",
    "Czechoslovakia": "CSK",
    "Yemen Arab Republic": "YEM",
    "Yemen People's Republic": "YMD",
    "Zanzibar": "ZZB",
}
YUGOSLAVIA_END = pd.Timestamp("1992-12-31")  # after this the unvotes "Yugoslavia" is FRY / Serbia


def _read_rda(path: Path) -> pd.DataFrame:
    """Return the single data frame stored in an R data file; DataMissing if unreadable."""
    import pyreadr

    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own error types for corrupt files
        raise unreadable(path, exc) from exc
    if len(result) != 1:
        raise DataMissing(f"{path} holds {len(result)} objects, expected one data frame")
    return next(iter(result.values()))


def read_rollcalls(calls_path: Path, issues_path: Path) -> pd.DataFrame:
    """Return roll calls: rcid, session, important, date, unres, amend, para, short, descr, me…ec.

    ``calls_path`` is ``un_roll_calls.rda``, ``issues_path`` ``un_roll_call_issues.rda``.
    """
    calls = _read_rda(Path(calls_path))
    issues = _read_rda(Path(issues_path))
    out = pd.DataFrame(
        {
            "rcid": calls["rcid"].astype("int64"),
            "session": pd.to_numeric(calls["session"]).astype("Int64"),
            "important": pd.to_numeric(calls["importantvote"], errors="coerce").fillna(0).astype(bool),
            "date": pd.to_datetime(calls["date"]),
            "unres": calls["unres"].astype("string"),
            "amend": pd.to_numeric(calls["amend"], errors="coerce").astype("boolean"),
            "para": pd.to_numeric(calls["para"], errors="coerce").astype("boolean"),
            "short": calls["short"].astype("string"),
            "descr": calls["descr"].astype("string"),
        }
    )
    flags = issues.assign(rcid=issues["rcid"].astype("int64"), on=True).pivot_table(
        index="rcid", columns="short_name", values="on", aggfunc="any", fill_value=False
    )
    for code in ISSUE_CODES:
        col = flags[code] if code in flags else pd.Series(dtype=bool)
        out[code] = out["rcid"].map(col).astype("boolean").fillna(False).astype(bool)
    return out


def read_votes(votes_path: Path, rollcalls: pd.DataFrame) -> pd.DataFrame:
    """Return votes of ``un_votes.rda``: rcid, iso3 (entity code), vote ∈ yes/abstain/no."""
    from valuesgap.countries import resolve_source_name

    raw = _read_rda(Path(votes_path))
    names = raw[["country", "country_code"]].drop_duplicates()
    entity: dict[tuple[str, str], str] = {}
    for row in names.itertuples(index=False):
        code = row.country_code if isinstance(row.country_code, str) else ""
        if row.country in ENTITY_BY_NAME:
            entity[(row.country, code)] = ENTITY_BY_NAME[row.country]
        elif code == "YU":
            entity[(row.country, code)] = "YUG"
        else:
            entity[(row.country, code)] = resolve_source_name(code or row.country).iso3
    keys = list(zip(raw["country"], raw["country_code"].fillna("")))
    votes = pd.DataFrame(
        {
            "rcid": raw["rcid"].astype("int64"),
            "iso3": [entity[k] for k in keys],
            "vote": raw["vote"].astype(str),
        }
    )
    dates = votes["rcid"].map(rollcalls.set_index("rcid")["date"])
    later_yug = votes["iso3"].eq("YUG") & (dates > YUGOSLAVIA_END)
    votes.loc[later_yug, "iso3"] = "SRB"
    return votes


DATA_FILES = {"votes": "un_votes.rda", "roll_calls": "un_roll_calls.rda", "issues": "un_roll_call_issues.rda"}


def extract(tarball: Path, folder: Path) -> dict[str, Path]:
    """Extract the three data files of the CRAN source package ``unvotes_<version>.tar.gz`` into
    ``folder``; return reader key → path. DataMissing if the archive is damaged or lacks one."""
    import tarfile

    if not Path(tarball).exists():
        raise DataMissing(f"missing source file {tarball}: run 'valuesgap data fetch' or pass --from DIR")
    out: dict[str, Path] = {}
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            members = {Path(m.name).name: m for m in archive.getmembers() if "/data/" in m.name and m.isfile()}
            for key, name in DATA_FILES.items():
                if name not in members:
                    raise DataMissing(f"{tarball} has no data/{name}: not the unvotes source package")
                handle = archive.extractfile(members[name])
                assert handle is not None
                target = Path(folder) / name
                target.write_bytes(handle.read())
                out[key] = target
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise unreadable(tarball, exc) from exc
    return out
