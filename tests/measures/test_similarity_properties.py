"""Property tests: the vectorised measures equal a naive per-dyad loop, and keep their ranges."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from valuesgap.measures.similarity import MEASURES, dyad_measures, focal_measures

VALUE = {1: 1.0, 2: 0.5, 3: 0.0}  # yes, abstain, no; every other code is missing
CODE_CHOICES = [0, 1, 2, 3, 8, 9]


def naive_dyad(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """The DESIGN.md formulas, one dyad, plain Python over the roll calls."""
    pairs = [(VALUE[a], VALUE[b]) for a, b in zip(x.tolist(), y.tolist()) if a in VALUE and b in VALUE]
    n = len(pairs)
    nan = float("nan")
    if n == 0:
        return {"n": 0, **{m: nan for m in MEASURES}}
    d_o = sum(abs(a - b) for a, b in pairs) / n
    yes_no = [(a, b) for a, b in pairs if a != 0.5 and b != 0.5]
    identical = sum(1 for a, b in yes_no if a == b)
    coincidence = identical / len(yes_no) if yes_no else nan
    levels = (1.0, 0.5, 0.0)
    p_a = {v: sum(1 for a, _ in pairs if a == v) / n for v in levels}
    p_b = {v: sum(1 for _, b in pairs if b == v) / n for v in levels}
    pooled = {v: (p_a[v] + p_b[v]) / 2 for v in levels}
    d_e_kappa = sum(p_a[j] * p_b[k] * abs(j - k) for j in levels for k in levels)
    d_e_pi = sum(pooled[j] * pooled[k] * abs(j - k) for j in levels for k in levels)
    return {
        "n": n,
        "agreement": 1 - d_o,
        "coincidence": coincidence,
        "s_score": 1 - 2 * d_o,
        "cohen_kappa": 1 - d_o / d_e_kappa if d_e_kappa > 0 else nan,
        "scott_pi": 1 - d_o / d_e_pi if d_e_pi > 0 else nan,
    }


vote_matrices = st.tuples(st.integers(1, 6), st.integers(0, 25)).flatmap(
    lambda shape: arrays(np.int8, shape, elements=st.sampled_from(CODE_CHOICES))
)


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=200, deadline=None)
@given(vote_matrices)
def test_vectorised_equals_naive_loop(codes):
    result = dyad_measures(codes)
    for a in range(codes.shape[0]):
        for b in range(codes.shape[0]):
            expected = naive_dyad(codes[a], codes[b])
            assert result["n"][a, b] == expected["n"]
            for m in MEASURES:
                assert same(float(result[m][a, b]), expected[m]), (m, a, b)


@settings(max_examples=200, deadline=None)
@given(vote_matrices)
def test_symmetry_self_and_ranges(codes):
    r = dyad_measures(codes)
    for name in ("n", *MEASURES):
        np.testing.assert_array_equal(r[name], r[name].T)
    has_position = np.isin(codes, [1, 2, 3]).any(axis=1)
    diag = np.diag(r["agreement"])
    assert np.all(diag[has_position] == 1.0)
    assert np.all(np.isnan(diag[~has_position]))
    defined = r["n"] > 0
    assert np.all(np.isnan(r["agreement"][~defined]))
    for name, lo, hi in (("agreement", 0, 1), ("coincidence", 0, 1), ("s_score", -1, 1)):
        v = r[name][~np.isnan(r[name])]
        assert np.all((v >= lo - 1e-12) & (v <= hi + 1e-12)), name
    for name in ("cohen_kappa", "scott_pi"):
        v = r[name][~np.isnan(r[name])]
        assert np.all(v <= 1 + 1e-12), name
    # s_score is an affine map of agreement
    np.testing.assert_allclose(r["s_score"], 2 * r["agreement"] - 1, equal_nan=True)


@settings(max_examples=100, deadline=None)
@given(vote_matrices, st.data())
def test_focal_row_equals_full_matrix(codes, data):
    focal = data.draw(st.integers(0, codes.shape[0] - 1))
    full = dyad_measures(codes)
    row = focal_measures(codes, focal)
    for name in ("n", *MEASURES):
        np.testing.assert_array_equal(row[name], full[name][focal])
