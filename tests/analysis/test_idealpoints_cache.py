"""The disk cache of ideal points is keyed on the model's get_params(), the selection and the data version."""

from __future__ import annotations

import pandas as pd

from valuesgap.analysis import idealpoints as ip
from valuesgap.measures.idealpoints import DynamicIdealPoints


def _cached_files(store) -> set[str]:
    return {p.name for p in (store.home() / "cache").glob("idealpoints-*.parquet")}


def test_cache_key_follows_every_model_parameter(store, monkeypatch):
    first = ip.ideal_points(issue="di", start=2016)
    files = _cached_files(store)
    fits: list[dict] = []
    real_fit = DynamicIdealPoints.fit

    def counting_fit(self, *args, **kwargs):
        fits.append(self.get_params())
        return real_fit(self, *args, **kwargs)

    monkeypatch.setattr(ip.DynamicIdealPoints, "fit", counting_fit)
    pd.testing.assert_frame_equal(ip.ideal_points(issue="di", start=2016), first)
    assert fits == []  # same parameters: read from the cache

    # a parameter ideal_points passes on (walk_sd) → another key, a new fit, a new file
    moved = ip.ideal_points(issue="di", start=2016, walk_sd=0.2)
    assert [f["walk_sd"] for f in fits] == [0.2]
    assert len(_cached_files(store) - files) == 1
    assert not moved["ideal_point"].equals(first["ideal_point"])

    # a model parameter ideal_points does not expose (the roll-call prior's sd): its default changes →
    # the old result must not be reused
    monkeypatch.setitem(DynamicIdealPoints.__init__.__kwdefaults__, "item_sd", 2.0)
    ip.ideal_points(issue="di", start=2016)
    assert [f["item_sd"] for f in fits] == [5.0, 2.0]
    assert len(_cached_files(store) - files) == 2
