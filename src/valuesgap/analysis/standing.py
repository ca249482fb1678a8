"""Where a state stands on its values commitments: which it still holds and which it has left.

Judged on a commitments ledger (:func:`valuesgap.analysis.commitments.commitments`): among the dated
acts on the values track that bear on at least one value dimension, a commitment whose latest act is a
leaving act (withdrew, expelled, ceased, terminated, suspended, rejected, not a party) has been left;
every other commitment is still held, whatever year it was undertaken (the ICCPR of 1973 counts as much
as the ECHR of 1998). Pure: a ledger frame in, two frames out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import SupportsInt

import pandas as pd

LEAVING_WORDS = ("withdrew", "expelled", "ceased", "terminated", "suspended", "rejected", "not a party", "expired")


def is_leaving(action: object) -> bool:
    """Return whether a ledger action is a leaving act ('ceased to be a party', 'expelled', …)."""
    text = str(action)
    return any(word in text for word in LEAVING_WORDS)


def act_date(date: object, year: SupportsInt) -> str:
    """Return an act's date as printed: ``YYYY-MM-DD``, or its year where the day is not known."""
    if date is None or pd.isna(date):
        return str(int(year))
    return pd.Timestamp(date).strftime("%Y-%m-%d")


def dated_acts(ledger: pd.DataFrame, start: int | None = None) -> pd.DataFrame:
    """Return the ledger's acts with a year (from ``start`` on, when given) and a ``when`` column (:func:`act_date`)."""
    sel = ledger[ledger["year"].notna()]
    if start is not None:
        sel = sel[sel["year"] >= start]
    sel = sel.reset_index(drop=True)
    sel["when"] = [act_date(d, y) for d, y in zip(sel["date"], sel["year"])]
    return sel


@dataclass(frozen=True)
class Standing:
    """A state's values commitments bearing on a dimension: every act of those still held, the leaving act of those left.

    Both frames have the ledger's columns plus ``when`` (:func:`act_date`) and are ordered by it.
    """

    held: pd.DataFrame
    left: pd.DataFrame


def standing(ledger: pd.DataFrame) -> Standing:
    """Return the :class:`Standing` of the commitments in ``ledger`` (all its dated acts, any year)."""
    acts = dated_acts(ledger)
    bearing = acts[(acts["track"] == "values") & acts["dimensions"].map(bool)]
    held: list[int] = []
    left: list[int] = []
    for _, group in bearing.groupby("commitment", sort=False):
        latest = group.index[group["when"].to_numpy().argmax()]
        if is_leaving(group.at[latest, "action"]):
            left.append(latest)
        else:
            held.extend(group.index)

    def ordered(index: list[int]) -> pd.DataFrame:
        return bearing.loc[index].sort_values("when", kind="stable")

    return Standing(held=ordered(held), left=ordered(left))


__all__ = ["LEAVING_WORDS", "Standing", "act_date", "dated_acts", "is_leaving", "standing"]
