"""Chart specs: label spreading by hand, missing years stay missing, offline SVG rendering."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuesgap import charts


def test_spread_labels_by_hand():
    # 2000.0, 2000.1, 2000.2 with a gap of 0.5 → 2000.0, 2000.5, 2001.0; 2005 is far enough already
    got = charts.spread_labels(np.array([2000.0, 2000.1, 2000.2, 2005.0]), 0.5, (2000, 2010))
    assert got.tolist() == pytest.approx([2000.0, 2000.5, 2001.0, 2005.0])
    # near the end: 2009.8, 2009.9 → forward 2009.8, 2010.3 → pushed back inside: 2009.5, 2010.0
    got = charts.spread_labels(np.array([2009.8, 2009.9]), 0.5, (2000, 2010))
    assert got.tolist() == pytest.approx([2009.5, 2010.0])


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2008, 2009, 2010],
            "shared_interests": [0.4, math.nan, 0.7],
            "shared_interests_lo": [0.3, math.nan, 0.6],
            "shared_interests_hi": [0.5, math.nan, 0.8],
        }
    )


def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": [pd.Timestamp("2009-03-06")],
            "x": [2009.175],
            "label": ["Reset"],
            "title": ["Reset"],
            "track": ["both"],
        }
    )


def test_missing_year_is_null_not_zero_and_events_are_drawn():
    spec = charts.spec(charts.track_chart(frame(), [("shared_interests", "Shared")], "t", "agreement", events=events()))
    datasets = list(spec["datasets"].values())
    values = [row for data in datasets for row in data if row.get("series") == "Shared"]
    by_year = {row["year"]: row["value"] for row in values}
    assert by_year[2008] == 0.4 and by_year[2009] is None and by_year[2010] == 0.7
    labels = [row for data in datasets for row in data if row.get("label") == "Reset"]
    assert labels and all(row["x"] == pytest.approx(2009.175) for row in labels)


def test_svg_offline():
    svg = charts.to_svg(
        charts.track_chart(frame(), [("shared_interests", "Shared")], "Title here", "agreement", events=events())
    )
    assert svg.lstrip().startswith("<svg") and "Title here" in svg and "Reset" in svg
    bars = pd.DataFrame({"label": ["nuclear", "human rights"], "early": [0.6, 0.5], "recent": [0.7, 0.1]})
    assert "<svg" in charts.to_svg(charts.issue_bars(bars, "Issues"))
