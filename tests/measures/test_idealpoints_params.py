"""DynamicIdealPoints parameters follow scikit-learn's contract: get_params, set_params, clone."""

from __future__ import annotations

import pandas as pd
import pytest
from simulate import simulate_dynamic_votes

from valuesgap.errors import InputError
from valuesgap.measures.idealpoints import DynamicIdealPoints

DEFAULTS = {
    "prior_sd": 1.0,
    "walk_sd": 0.1,
    "item_sd": 5.0,
    "max_iter": 2000,
    "tol": 1e-7,
    "n_boot": 0,
    "ci": 0.95,
    "positive_state": "USA",
    "min_rollcalls": 10,
    "random_state": 0,
}


@pytest.fixture(scope="module")
def small_panel() -> pd.DataFrame:
    votes, _ = simulate_dynamic_votes(n_states=25, n_periods=4, rollcalls_per_period=15, random_state=5)
    return votes


def test_get_params_returns_the_constructor_parameters_by_name():
    assert DynamicIdealPoints().get_params() == DEFAULTS
    assert DynamicIdealPoints().get_params(deep=False) == DEFAULTS
    given = DynamicIdealPoints(walk_sd=0.3, n_boot=4, positive_state=None).get_params()
    assert given == {**DEFAULTS, "walk_sd": 0.3, "n_boot": 4, "positive_state": None}
    assert "dims" not in given


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        DynamicIdealPoints(1.0)


def test_set_params_sets_and_returns_self():
    model = DynamicIdealPoints()
    assert model.set_params(walk_sd=0.25, random_state=7) is model
    assert model.walk_sd == 0.25 and model.random_state == 7
    assert model.get_params() == {**DEFAULTS, "walk_sd": 0.25, "random_state": 7}
    assert model.set_params() is model  # nothing to set: unchanged
    assert model.get_params() == {**DEFAULTS, "walk_sd": 0.25, "random_state": 7}


def test_set_params_rejects_unknown_names_and_changes_nothing():
    model = DynamicIdealPoints()
    with pytest.raises(ValueError, match=r"unknown parameter 'dims'.*walk_sd"):
        model.set_params(walk_sd=0.5, dims=2)
    assert model.get_params() == DEFAULTS  # checked before anything is set
    with pytest.raises(ValueError, match="n_boot_"):
        model.set_params(n_boot_=3)


def test_bad_values_are_caught_at_fit_not_at_set(small_panel):
    model = DynamicIdealPoints().set_params(walk_sd=-1.0)
    with pytest.raises(InputError, match="walk_sd must be positive"):
        model.fit(small_panel)


def test_clone_from_get_params_fits_identically(small_panel):
    params = {"walk_sd": 0.2, "item_sd": 3.0, "n_boot": 2, "ci": 0.9, "positive_state": "S003", "random_state": 4}
    model = DynamicIdealPoints().set_params(**params).fit(small_panel)
    clone = type(model)(**model.get_params())
    assert clone.get_params() == {**DEFAULTS, **params}
    assert not hasattr(clone, "ideal_points_")  # an unfitted copy
    clone.fit(small_panel)
    pd.testing.assert_frame_equal(clone.ideal_points_, model.ideal_points_, check_exact=True)
    pd.testing.assert_series_equal(clone.discrimination_, model.discrimination_, check_exact=True)
    pd.testing.assert_frame_equal(clone.difficulty_, model.difficulty_, check_exact=True)
    assert (clone.n_iter_, clone.elbo_) == (model.n_iter_, model.elbo_)
    # the parameters matter: the default model gives another fit, so the equality above is not vacuous
    plain = DynamicIdealPoints(positive_state="S003").fit(small_panel)
    assert "lo" not in plain.ideal_points_.columns
    assert not plain.ideal_points_["ideal_point"].equals(model.ideal_points_["ideal_point"])
