"""Constant footing: chain-linked dimension values (valuesgap.measures.indicators.link_components).

Synthetic panels with the expected values worked out by hand in each test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuesgap.measures.indicators import common_components, link_components

ORDER = {"x:a": 0, "x:b": 1, "x:c": 2, "x:d": 3}


def _panel(rows):
    """Rows (iso3, year, component, scaled[, lo, hi]) → the scaled-components layout of one dimension."""
    full = [r if len(r) == 6 else (*r, np.nan, np.nan) for r in rows]
    frame = pd.DataFrame(full, columns=["iso3", "year", "component", "scaled", "scaled_lo", "scaled_hi"])
    return frame.assign(dimension="repression", order=frame["component"].map(ORDER))


def test_component_ending_while_the_others_are_flat_gives_a_flat_series():
    # a = 0.9 and b = 0.8 every year 2000–2005; c = 0.3 only 2000–2003 (it ends).
    rows = [("USA", y, "x:a", 0.9) for y in range(2000, 2006)]
    rows += [("USA", y, "x:b", 0.8) for y in range(2000, 2006)]
    rows += [("USA", y, "x:c", 0.3) for y in range(2000, 2004)]
    got = link_components(_panel(rows)).set_index("year")
    # anchor: the latest year with the most components, 2003: (0.9 + 0.8 + 0.3)/3 = 0.6667;
    # every link measures no change → 0.6667 in every year, also after c has ended
    assert got["value"].tolist() == pytest.approx([2.0 / 3] * 6)
    # the plain mean steps: (0.9 + 0.8 + 0.3)/3 = 0.6667 while c is present, 0.85 after
    assert got.loc[2003, "unlinked"] == pytest.approx(2.0 / 3)
    assert got.loc[2004, "unlinked"] == pytest.approx(0.85)
    assert got.loc[2003, "components"] == "x:a, x:b, x:c" and got.loc[2004, "components"] == "x:a, x:b"
    assert got.loc[2003, "n_components"] == 3 and got.loc[2004, "n_components"] == 2
    assert got.loc[2004, "coverage_change"] == "−x:c (last 2003); 2003→2004 linked on 2 components"
    assert (got.drop(index=2004)["coverage_change"] == "").all()


def test_component_entering_moves_nothing_either():
    # a flat at 0.5 over 2010–2012; d enters in 2011 at 0.9 and stays flat.
    rows = [("RUS", y, "x:a", 0.5) for y in (2010, 2011, 2012)] + [("RUS", y, "x:d", 0.9) for y in (2011, 2012)]
    got = link_components(_panel(rows)).set_index("year")
    # 2012 = mean(0.5, 0.9) = 0.7; links on a (2010→2011) and on a, d (2011→2012) measure 0 → 0.7 throughout
    assert got["value"].tolist() == pytest.approx([0.7, 0.7, 0.7])
    assert got.loc[2010, "unlinked"] == pytest.approx(0.5)
    assert got.loc[2011, "coverage_change"] == "+x:d (from 2011); 2010→2011 linked on 1 component"


def test_changes_are_measured_on_the_components_of_both_years_by_hand():
    # a: 0.5, 0.6, 0.7 (2000–2002) with interval [0.65, 0.75] in 2002; b: 0.4, 0.2 (2000–2001, then ends)
    rows = [
        ("USA", 2000, "x:a", 0.5),
        ("USA", 2001, "x:a", 0.6),
        ("USA", 2002, "x:a", 0.7, 0.65, 0.75),
        ("USA", 2000, "x:b", 0.4),
        ("USA", 2001, "x:b", 0.2),
    ]
    got = link_components(_panel(rows)).set_index("year")
    # anchor: 2001 (two components, the latest such year): mean(0.6, 0.2) = 0.4.
    # 2000→2001 on {a, b}: mean(0.6, 0.2) − mean(0.5, 0.4) = −0.05 → 2000 = 0.4 + 0.05 = 0.45 (its plain mean)
    # 2001→2002 on {a}: 0.7 − 0.6 = +0.1 → 2002 = 0.5 (the plain mean, a alone, would be 0.7)
    assert got.loc[2001, "value"] == pytest.approx(0.4)
    assert got.loc[2000, "value"] == pytest.approx(0.45)
    assert got.loc[2002, "value"] == pytest.approx(0.5)
    assert got.loc[2002, "unlinked"] == pytest.approx(0.7)
    # 2002 interval [0.65, 0.75] moved with the value by 0.5 − 0.7 = −0.2 → [0.45, 0.55]
    assert got.loc[2002, "lo"] == pytest.approx(0.45) and got.loc[2002, "hi"] == pytest.approx(0.55)
    assert math.isnan(got.loc[2001, "lo"])  # no component with an interval that year


def test_years_without_data_are_bridged_and_a_stretch_without_common_component_breaks():
    # a in 1990 (0.2) and 1995 (0.3): the 1990→1995 link spans the missing years.
    # c alone in 1980 (0.9): no component in common with 1990 → not linked, keeps its own 0.9.
    rows = [("USA", 1980, "x:c", 0.9), ("USA", 1990, "x:a", 0.2), ("USA", 1995, "x:a", 0.3)]
    got = link_components(_panel(rows)).set_index("year")
    assert got["value"].tolist() == pytest.approx([0.9, 0.2, 0.3])
    assert "not linked (series break)" in got.loc[1990, "coverage_change"]


def test_linked_values_are_clipped_to_the_scale():
    # a: 0.9 (2000) → 0.1 (2001); b = 0.0 in 2001–2002; c = 1.0 enters in 2002
    rows = [("USA", 2000, "x:a", 0.9), ("USA", 2001, "x:a", 0.1), ("USA", 2001, "x:b", 0.0)]
    rows += [("USA", 2002, "x:b", 0.0), ("USA", 2002, "x:c", 1.0)]
    got = link_components(_panel(rows)).set_index("year")
    # 2002 = mean(0, 1) = 0.5; 2001→2002 on {b}: 0 → 2001 = 0.5; 2000→2001 on {a}: −0.8 → 2000 = 1.3 → 1.0
    assert got.loc[2001, "value"] == pytest.approx(0.5)
    assert got.loc[2000, "value"] == pytest.approx(1.0)


def test_plain_footing_keeps_the_means_and_the_notes():
    rows = [("USA", 2000, "x:a", 0.5), ("USA", 2000, "x:b", 0.3), ("USA", 2001, "x:a", 0.5)]
    got = link_components(_panel(rows), linked=False).set_index("year")
    assert got["value"].tolist() == pytest.approx([0.4, 0.5])
    assert got.loc[2001, "coverage_change"].startswith("−x:b (last 2000)")


def test_a_dyad_on_common_components_uses_identical_components_every_year():
    # USA has a, b, c throughout 2000–2003; RUS has a, b, but c only in 2000–2001 and b missing in 2002.
    rows = []
    for y in range(2000, 2004):
        rows += [("USA", y, "x:a", 0.9), ("USA", y, "x:b", 0.8), ("USA", y, "x:c", 0.4), ("RUS", y, "x:a", 0.3)]
        if y != 2002:
            rows.append(("RUS", y, "x:b", 0.2))
        if y <= 2001:
            rows.append(("RUS", y, "x:c", 0.1))
    got = link_components(common_components(_panel(rows), ["USA", "RUS"]))
    wide = got.pivot(index="year", columns="iso3", values="components")
    assert (wide["USA"] == wide["RUS"]).all()
    assert wide.loc[2000, "USA"] == "x:a, x:b, x:c" and wide.loc[2002, "USA"] == "x:a"
    # every component is flat, so each series is flat at its anchor (2001, the latest year with all three):
    # USA mean(0.9, 0.8, 0.4) = 0.7, RUS mean(0.3, 0.2, 0.1) = 0.2 → gap 0.5 every year
    value = got.pivot(index="year", columns="iso3", values="value")
    assert value["USA"].tolist() == pytest.approx([0.7] * 4)
    assert value["RUS"].tolist() == pytest.approx([0.2] * 4)


def test_empty_input_gives_empty_frame_with_the_columns():
    got = link_components(_panel([]))
    assert got.empty and {"value", "unlinked", "coverage_change"} <= set(got.columns)
