"""What an analysis result is about, carried on the frame: resolved states, period, measure, data version.

Every public table function of the analysis layer stamps its DataFrame with :func:`annotate`; the faces
read it back with :func:`meta_of` (the CLI's titles and Parquet metadata, the API's ``query`` and
``data_version``, the brief) instead of resolving the user's input again. The metadata lives in
``frame.attrs["valuesgap"]`` as plain JSON-ready values, so pandas keeps it through column selections and
writes it into Parquet files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from valuesgap import countries, store
from valuesgap.countries import Country
from valuesgap.errors import DataMissing

KEY = "valuesgap"


@dataclass(frozen=True)
class ResultMeta:
    """The resolved states (ISO3 and names, in the order of the arguments), the period asked for
    (calendar years; None = open), the measure (None where the table carries all five) and the id of
    the built data the numbers come from."""

    iso3: tuple[str, ...]
    names: tuple[str, ...]
    start: int | None
    end: int | None
    measure: str | None
    data_version: str

    def as_dict(self) -> dict:
        """Return the metadata as JSON-ready values (what ``attrs`` holds)."""
        return {
            "states": [{"iso3": i, "name": n} for i, n in zip(self.iso3, self.names)],
            "start": self.start,
            "end": self.end,
            "measure": self.measure,
            "data_version": self.data_version,
        }


def annotate(
    frame: pd.DataFrame,
    *,
    states: Iterable[Country | str] = (),
    start: int | None = None,
    end: int | None = None,
    measure: str | None = None,
) -> pd.DataFrame:
    """Stamp ``frame`` with its metadata (in place) and return it.

    ``states``: :class:`~valuesgap.countries.Country` objects, or ISO3 codes the store knows.
    """
    resolved = [s if isinstance(s, Country) else countries.resolve(s) for s in states]
    meta = ResultMeta(
        iso3=tuple(c.iso3 for c in resolved),
        names=tuple(c.name for c in resolved),
        start=None if start is None else int(start),
        end=None if end is None else int(end),
        measure=measure,
        data_version=_data_version(),
    )
    frame.attrs[KEY] = meta.as_dict()
    return frame


def _data_version() -> str:
    """Return the store's data version, or '' when there is no store (tables computed from arrays in tests)."""
    try:
        return store.data_version()
    except DataMissing:
        return ""


def meta_of(frame: pd.DataFrame) -> ResultMeta:
    """Return the metadata :func:`annotate` put on ``frame``; KeyError if the frame carries none."""
    raw = frame.attrs[KEY]
    states = raw.get("states", [])
    return ResultMeta(
        iso3=tuple(s["iso3"] for s in states),
        names=tuple(s["name"] for s in states),
        start=raw.get("start"),
        end=raw.get("end"),
        measure=raw.get("measure"),
        data_version=raw["data_version"],
    )


__all__ = ["ResultMeta", "annotate", "meta_of"]
