"""A defect of the Voeten issue codes, found and repaired at the build: from 2019 on, every roll call
coded ``di`` (arms control and disarmament) is also coded ``co`` (colonialism) and ``ec`` (economic
development), and no roll call carries ``co`` or ``ec`` without ``di`` — the R data's 2019 codes and the
June 2024 wide file's 2019–2023 codes alike (e.g. A/RES/74/41, "Treaty on the Prohibition of Nuclear
Weapons", is coded colonialism). Those ``co`` and ``ec`` flags carry no information of their own, so the
years where they copy ``di`` are found from the data (not listed by hand) and the two flags are cleared
there; the ``issue_repairs`` table and ``valuesgap data report`` say so, and an empty ``co``/``ec``
selection in those years gives this as its reason.
"""

from __future__ import annotations

import pandas as pd

SOURCE_CODE = "di"
COPIED = ("co", "ec")
MIN_ROLLCALLS = 5  # a year with fewer di roll calls is too thin to call a copy
REASON = (
    "the Voeten data code every disarmament (di) roll call of these years as colonialism (co) and economic "
    "development (ec) too, and no other roll call as either: an upstream defect, so co and ec are left out"
)


def copied_years(rollcalls: pd.DataFrame) -> list[int]:
    """Return the years in which each of ``co`` and ``ec`` is set on exactly the roll calls coded ``di``
    (at least :data:`MIN_ROLLCALLS` of them)."""
    years = []
    for year, group in rollcalls.groupby("year", sort=True):
        di = group[SOURCE_CODE].astype(bool).to_numpy()
        if di.sum() < MIN_ROLLCALLS:
            continue
        if all((group[code].astype(bool).to_numpy() == di).all() for code in COPIED):
            years.append(int(year))
    return years


def repair(rollcalls: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (roll calls with ``co`` and ``ec`` cleared in the copied years, the repairs: year, code,
    n_cleared, reason)."""
    years = copied_years(rollcalls)
    out = rollcalls.copy()
    rows = []
    in_years = out["year"].isin(years)
    for code in COPIED:
        for year in years:
            rows.append(
                {
                    "year": year,
                    "code": code,
                    "n_cleared": int((in_years & out["year"].eq(year) & out[code].astype(bool)).sum()),
                    "reason": REASON,
                }
            )
        out.loc[in_years, code] = False
    repairs = pd.DataFrame(rows, columns=["year", "code", "n_cleared", "reason"])
    return out, repairs.astype({"year": "int64", "n_cleared": "int64"})
