"""The values gap's array path (what the API serves) equals the frame path on the real data."""

from __future__ import annotations

import pandas as pd
import pytest

from valuesgap.analysis import values as vals
from valuesgap.measures.indicators import dyadic_gap

DYADS = [("USA", "RUS"), ("RUS", "USA"), ("FRA", "CHN"), ("BRA", "IND"), ("NOR", "CHL"), ("SSD", "FJI")]
OPTIONS = [{}, {"footing": "present"}, {"footing": "present", "same_components": True}, {"start": 2012, "end": 2020}]


def _frame_path(a: str, b: str, start=None, end=None, footing="linked", same_components=False) -> pd.DataFrame:
    """The gap assembled from the frame functions: common components, link_components, grid, dyadic_gap."""
    dims = vals.select_dimensions(None, vals.load_dimensions())
    _, combined = vals._combined([a, b], dims, start, end, same_components, footing)
    first, last = vals._window(combined, [a, b], dims, start, end)
    out = dyadic_gap(vals._grid(a, dims, first, last, combined), vals._grid(b, dims, first, last, combined))
    out["coverage_change"] = [
        x if x == y else "; ".join(f"{s}: {t}" for s, t in (("A", x), ("B", y)) if t)
        for x, y in zip(out.pop("a_coverage_change"), out.pop("b_coverage_change"))
    ]
    order = {d.name: i for i, d in enumerate(dims)}
    out = out.sort_values(["year", "dimension"], key=lambda s: s.map(order) if s.name == "dimension" else s)
    out.insert(2, "a_iso3", a)
    out.insert(3, "b_iso3", b)
    return out.reset_index(drop=True)


@pytest.mark.parametrize("a, b", DYADS)
@pytest.mark.parametrize("options", OPTIONS, ids=["linked", "present", "same", "2012-2020"])
def test_array_path_equals_frame_path(store, a, b, options):
    got = vals.values_gap(a, b, **options)
    want = _frame_path(a, b, **options)
    assert len(got) > 0
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12, atol=1e-12)


def test_array_path_says_why_a_dyad_has_no_data_in_the_period(store):
    with pytest.raises(vals.NoData, match="South Sudan"):
        vals.values_gap("SSD", "FJI", start=1990, end=2005)
