"""ICEWS event counts per directed dyad-year, 2002–2014, by CAMEO quad class.

Registry source ``icews`` (one ``.rda`` file): the data object ``icews`` of the R package ``netify``
(GPL-3), which aggregates the Integrated Crisis Early Warning System's coded events (Boschee et al.,
Harvard Dataverse, doi:10.7910/DVN/28075) to directed dyad-years for 152 states. Quad classes (CAMEO):
1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.

:func:`read` returns the rows of the store's ``event_dyads`` table with ``source = 'icews'`` and
``month`` NULL (yearly data). Counts follow news volume: compare shares, not raw counts, across years.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.sources.spec import Found, Loaded
from valuesgap.sources.tables import unreadable

STEP = "ICEWS event counts"

QUADS = {"verbCoop": "verb_coop", "matlCoop": "matl_coop", "verbConf": "verb_conf", "matlConf": "matl_conf"}
EVENT_COLUMNS = ["source", "sender", "target", "year", "month", *QUADS.values()]


def read(path: Path) -> pd.DataFrame:
    """Return ICEWS directed dyad-years: source ('icews'), sender, target (ISO3), year, month (NULL),
    verb_coop, matl_coop, verb_conf, matl_conf (event counts, int64). Self-dyads are dropped."""
    import pyreadr

    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own error types for corrupt files
        raise unreadable(path, exc) from exc
    if "icews" not in result:
        raise DataMissing(f"{path} holds {sorted(result)}, not the netify object 'icews'")
    raw = result["icews"]
    needed = {"i_iso3c", "j_iso3c", "year", *QUADS}
    if not needed <= set(raw.columns):
        raise DataMissing(f"{path} lacks the columns {sorted(needed - set(raw.columns))}")
    out = pd.DataFrame(
        {
            "source": "icews",
            "sender": raw["i_iso3c"].astype(str),
            "target": raw["j_iso3c"].astype(str),
            "year": raw["year"].astype("int64"),
            "month": pd.array([pd.NA] * len(raw), dtype="Int64"),
        }
    )
    for column, name in QUADS.items():
        out[name] = np.rint(raw[column].fillna(0).to_numpy()).astype("int64")
    out = out.loc[out["sender"] != out["target"]]
    return out.sort_values(["sender", "target", "year"], ignore_index=True)


def load(found: Found) -> Loaded:
    """Return the ``event_dyads`` rows of ICEWS (the reader contract)."""
    return Loaded({"event_dyads": read(found.path("icews", "dyad_years"))})
