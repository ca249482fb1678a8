"""Vote similarity between states on UNGA roll calls, for every dyad at once.

Input is a codes matrix (states × roll calls, int8): 1 yes, 2 abstain, 3 no, 8 absent,
9 non-member, 0 no record. Only yes/abstain/no are positions (valued 1, ½, 0); everything
else is missing. For a dyad (A, B) and a set of roll calls the nine counts
``t[j, k]`` = number of roll calls where A took position j and B position k
(j, k ∈ yes, abstain, no) come from one-hot position matrices and one matrix product;
every measure follows from those counts (see DESIGN.md, "Vote similarity"):

- ``n``            roll calls where both have a position (sum of the nine counts)
- ``agreement``    1 − mean |x − y|                                    (Voeten)
- ``coincidence``  identical / (identical + opposite), yes/no votes only (US State Dept)
- ``s_score``      1 − 2 · mean |x − y|                          (Signorino & Ritter, L1)
- ``cohen_kappa``  1 − D_o / D_e, expected disagreement from each state's own distribution
- ``scott_pi``     1 − D_o / D_e, expected disagreement from the pooled distribution (Häge 2011)

A measure is NaN where it is undefined: n = 0, no yes/no pair (coincidence), D_e = 0 (κ, π).
This module is pure: it takes arrays and never opens a file or the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import DTypeLike
from threadpoolctl import threadpool_limits

YES, ABSTAIN, NO = 1, 2, 3
POSITION_CODES = (YES, ABSTAIN, NO)
# |x_j − x_k| for positions yes = 1, abstain = ½, no = 0 (rows j, columns k in that order).
DISTANCE = np.array([[0.0, 0.5, 1.0], [0.5, 0.0, 0.5], [1.0, 0.5, 0.0]])
MEASURES = ("agreement", "coincidence", "s_score", "cohen_kappa", "scott_pi")


def position_onehots(codes: np.ndarray) -> np.ndarray:
    """Return one-hot positions, shape (3, states, roll calls), float32: [P_yes, P_abs, P_no]."""
    codes = np.asarray(codes)
    if codes.ndim != 2:
        raise ValueError(f"codes must be a 2-d states × roll calls matrix, got shape {codes.shape}")
    return np.stack([codes == c for c in POSITION_CODES]).astype(np.float32)


def pair_counts(onehot_a: np.ndarray, onehot_b: np.ndarray | None = None) -> np.ndarray:
    """Return the nine co-occurrence counts for every dyad, shape (3, 3, states_a, states_b), int32.

    ``counts[j, k, a, b]`` is the number of roll calls where state a (of ``onehot_a``) took
    position j and state b (of ``onehot_b``, default the same states) took position k. One float32
    matrix product computes all of them; counts stay exact below 2**24 roll calls.
    """
    onehot_b = onehot_a if onehot_b is None else onehot_b
    _, n_a, n_r = onehot_a.shape
    n_b = onehot_b.shape[1]
    if onehot_b.shape[2] != n_r:
        raise ValueError("both one-hot matrices must cover the same roll calls")
    flat_a = onehot_a.reshape(3 * n_a, n_r)
    flat_b = flat_a if onehot_b is onehot_a else onehot_b.reshape(3 * n_b, n_r)
    products = flat_a @ flat_b.T
    counts = np.rint(products).astype(np.int32).reshape(3, n_a, 3, n_b)
    return counts.transpose(0, 2, 1, 3)


def measures_from_counts(counts: np.ndarray, dtype: DTypeLike = np.float64) -> dict[str, np.ndarray]:
    """Return ``n`` and the five measures from counts of shape (3, 3, ...) (any trailing shape).

    Keys: n (int64), agreement, coincidence, s_score, cohen_kappa, scott_pi (``dtype``, float64 by
    default; NaN where undefined). Trailing dimensions are kept, so this serves one dyad, a matrix of
    dyads or a stack of bootstrap resamples alike.
    """
    t: np.ndarray = np.asarray(counts, dtype=dtype)
    if t.shape[:2] != (3, 3):
        raise ValueError(f"counts must have shape (3, 3, ...), got {t.shape}")
    rows = [t[j, 0] + t[j, 1] + t[j, 2] for j in range(3)]  # A's position totals
    cols = [t[0, k] + t[1, k] + t[2, k] for k in range(3)]  # B's position totals
    n = rows[0] + rows[1] + rows[2]
    with np.errstate(invalid="ignore", divide="ignore"):
        p_a = np.stack(rows) / n  # (3, ...): A's distribution over the n joint roll calls
        p_b = np.stack(cols) / n  # (3, ...): B's distribution
        d_o = (0.5 * (t[0, 1] + t[1, 0] + t[1, 2] + t[2, 1]) + (t[0, 2] + t[2, 0])) / n
        identical = t[0, 0] + t[2, 2]
        opposite = t[0, 2] + t[2, 0]
        coincidence = identical / (identical + opposite)
        d_e_kappa = _expected_distance(p_a, p_b)
        pooled = (p_a + p_b) / 2
        d_e_pi = _expected_distance(pooled, pooled)
        kappa = np.where(d_e_kappa > 0, 1 - d_o / d_e_kappa, np.nan)
        pi = np.where(d_e_pi > 0, 1 - d_o / d_e_pi, np.nan)
    return {
        "n": n.astype(np.int64),
        "agreement": 1 - d_o,
        "coincidence": coincidence,
        "s_score": 1 - 2 * d_o,
        "cohen_kappa": kappa,
        "scott_pi": pi,
    }


def _expected_distance(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Return Σ_jk p_j q_k |x_j − x_k| for distributions p, q of shape (3, ...).

    Terms are added in mirrored pairs, so swapping p and q gives bit-identical results (exact symmetry).
    """
    return 0.5 * ((p[0] * q[1] + p[1] * q[0]) + (p[1] * q[2] + p[2] * q[1])) + (p[0] * q[2] + p[2] * q[0])


def dyad_measures(codes: np.ndarray) -> dict[str, np.ndarray]:
    """Return n and the five measures for every dyad of the states in ``codes`` (each states × states)."""
    return measures_from_counts(pair_counts(position_onehots(codes)))


def focal_measures(codes: np.ndarray, focal: int) -> dict[str, np.ndarray]:
    """Return n and the five measures of state row ``focal`` against every state (arrays of length states)."""
    onehot = position_onehots(codes)
    counts = pair_counts(onehot[:, focal : focal + 1], onehot)
    return {k: v[0] for k, v in measures_from_counts(counts).items()}


def pair_categories(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return per roll call 3·j + k (j, k the positions of x and y, 0 yes … 2 no), or −1 if either has none."""
    x = np.asarray(x)
    y = np.asarray(y)
    both = np.isin(x, POSITION_CODES) & np.isin(y, POSITION_CODES)
    return np.where(both, 3 * (x.astype(np.int64) - 1) + (y.astype(np.int64) - 1), -1)


def grouped_dyad_counts(x: np.ndarray, y: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Return counts of shape (3, 3, n_groups) for one dyad, roll calls grouped by ``groups``.

    ``groups`` gives each roll call's group (0 … n_groups−1, or −1 to leave it out).
    """
    cat = pair_categories(x, y)
    groups = np.asarray(groups)
    keep = (cat >= 0) & (groups >= 0)
    flat = np.bincount(groups[keep] * 9 + cat[keep], minlength=9 * n_groups)
    return flat.reshape(n_groups, 3, 3).transpose(1, 2, 0)


def focal_grouped_counts(codes: np.ndarray, focal: int, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Return counts of shape (3, 3, states, n_groups): state row ``focal`` against every state, per group.

    ``groups`` gives each roll call's group (0 … n_groups−1, or −1 to leave it out). The roll calls are
    sorted by (group, focal position) and every partner's one-hot positions summed per segment with
    one ``add.reduceat``, which fills every (partner, group) table at once.
    """
    codes = np.asarray(codes)
    groups = np.asarray(groups)
    n_states = codes.shape[0]
    focal_pos = codes[focal].astype(np.int64) - 1  # 0 yes, 1 abstain, 2 no
    keep = (focal_pos >= 0) & (focal_pos <= 2) & (groups >= 0)
    segment = groups[keep] * 3 + focal_pos[keep]  # (group, focal position) of each kept roll call
    order = np.argsort(segment, kind="stable")
    cols = np.flatnonzero(keep)[order]
    sizes = np.bincount(segment, minlength=3 * n_groups)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    filled = np.flatnonzero(sizes)
    sums = np.zeros((3, n_states, 3 * n_groups), dtype=np.int32)  # [partner position, state, segment]
    if filled.size:
        partner = codes[:, cols]
        onehot = np.stack([partner == c for c in POSITION_CODES]).view(np.uint8)
        sums[:, :, filled] = np.add.reduceat(onehot, starts[filled], axis=2, dtype=np.int32)
    # segment = group·3 + j  →  (k, state, group, j)  →  (j, k, state, group)
    return sums.reshape(3, n_states, n_groups, 3).transpose(3, 0, 1, 2)


def bootstrap_intervals(
    counts: np.ndarray,
    level: float = 0.95,
    n_boot: int = 1000,
    seed: int | list[int] = 0,
    only: Sequence[str] | None = None,
) -> dict[str, tuple[float, float]]:
    """Return a percentile bootstrap interval (lo, hi) per measure for one dyad's counts (3, 3).

    ``only``: the measures wanted (default all); the draws are the same either way, so a measure's
    interval does not depend on which others are asked for.

    Resampling the dyad's n joint roll calls with replacement gives category counts that are
    multinomial(n, observed shares); all ``n_boot`` resamples are drawn as one (n_boot, 9) matrix and
    the measures computed on them at once. Resamples where a measure is undefined are left out; if
    all are, the interval is (NaN, NaN). ``seed`` makes the draw reproducible.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must lie strictly between 0 and 1, got {level}")
    counts = np.asarray(counts, dtype=np.int64).reshape(9)
    n = int(counts.sum())
    wanted = MEASURES if only is None else [m for m in MEASURES if m in only]
    if n == 0:
        return {m: (np.nan, np.nan) for m in wanted}
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n, counts / n, size=n_boot)  # (n_boot, 9)
    resampled = measures_from_counts(draws.T.reshape(3, 3, n_boot))
    alpha = (1 - level) / 2
    out: dict[str, tuple[float, float]] = {}
    for m in wanted:
        values = resampled[m]
        values = values[~np.isnan(values)]
        if values.size == 0:
            out[m] = (np.nan, np.nan)
        else:
            lo, hi = np.quantile(values, [alpha, 1 - alpha])
            out[m] = (float(lo), float(hi))
    return out


def similarity_cube(
    codes: np.ndarray,
    groups: np.ndarray,
    slices: Mapping[str, np.ndarray],
    group_labels: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Return :func:`similarity_cube_columns` as a DataFrame (one block per column, no copy)."""
    # copy=False keeps one block per column instead of copying the float columns into one block.
    return pd.DataFrame(similarity_cube_columns(codes, groups, slices, group_labels), copy=False)


def similarity_cube_columns(
    codes: np.ndarray,
    groups: np.ndarray,
    slices: Mapping[str, np.ndarray],
    group_labels: Sequence[int] | None = None,
) -> dict[str, np.ndarray | pd.Categorical]:
    """Return every dyad × group × slice as columns of a long table, one matrix product per group and slice.

    ``groups`` gives each roll call's group index (0 … G−1, or −1 to leave it out); ``slices`` maps a
    slice name to a boolean roll-call mask. For each group and slice, the states with at least one
    position there form the dyads (a < b by row index). Columns: ``slice`` (categorical, in the order
    of ``slices``), ``group`` (the label from ``group_labels``, default the index), ``a``, ``b`` (row
    indices), ``n`` (int32) and the five measures (float32, NaN where undefined).
    """
    codes = np.asarray(codes)
    groups = np.asarray(groups)
    n_groups = int(groups.max()) + 1 if groups.size else 0
    labels = np.arange(n_groups) if group_labels is None else np.asarray(group_labels)
    if labels.size and np.issubdtype(labels.dtype, np.integer) and np.abs(labels).max() < 2**15:
        labels = labels.astype(np.int16)  # small columns: the cube can hold millions of rows
    onehot = position_onehots(codes)
    present = onehot.sum(axis=0) > 0  # states × roll calls
    order = np.argsort(groups, kind="stable")
    bounds = np.searchsorted(groups[order], np.arange(n_groups + 1))
    slice_names = list(slices)

    # Pass 1: which roll calls and states each (slice, group) cell holds, to size the output once.
    cells: list[tuple[int, int, np.ndarray, np.ndarray]] = []
    total = 0
    for s_index, name in enumerate(slice_names):
        mask = np.asarray(slices[name], dtype=bool)
        if mask.shape != (codes.shape[1],):
            raise ValueError(f"slice {name!r} mask must have one entry per roll call")
        for g in range(n_groups):
            cols = order[bounds[g] : bounds[g + 1]]
            cols = cols[mask[cols]]
            if cols.size == 0:
                continue
            rows = np.flatnonzero(present[:, cols].any(axis=1))
            if rows.size < 2:
                continue
            cells.append((s_index, g, cols, rows))
            total += rows.size * (rows.size - 1) // 2

    index_type = np.int16 if codes.shape[0] < 2**15 else np.int32
    out: dict[str, np.ndarray] = {
        "slice": np.empty(total, dtype=np.int8),
        "group": np.empty(total, dtype=labels.dtype),
        "a": np.empty(total, dtype=index_type),
        "b": np.empty(total, dtype=index_type),
        "n": np.empty(total, dtype=np.int32),
        **{m: np.empty(total, dtype=np.float32) for m in MEASURES},
    }
    # Pass 2: one product per cell; the nine counts of each dyad a < b gathered from it.
    # The products are small (≤ 600 × 600): BLAS threads only add hand-over and spin costs, and on a
    # busy machine they multiply the wall time, so the loop runs with one BLAS thread.
    with threadpool_limits(limits=1, user_api="blas"):
        _fill_cube(out, cells, onehot, labels)
    out["slice"] = pd.Categorical.from_codes(out["slice"], categories=slice_names)
    return out


def _fill_cube(
    out: dict[str, np.ndarray],
    cells: list[tuple[int, int, np.ndarray, np.ndarray]],
    onehot: np.ndarray,
    labels: np.ndarray,
) -> None:
    """Write the dyads of each (slice, group, roll calls, states) cell into the preallocated ``out``."""
    start = 0
    for s_index, g, cols, rows in cells:
        size = rows.size
        flat = onehot[:, :, cols][:, rows].reshape(3 * size, cols.size)
        products = (flat @ flat.T).ravel()
        iu, ju = np.triu_indices(size, k=1)
        base = iu * (3 * size) + ju
        counts = np.empty((3, 3, iu.size), dtype=np.float32)  # exact: counts stay far below 2**24
        for j in range(3):
            for k in range(3):
                counts[j, k] = products[base + (j * size * 3 * size + k * size)]
        values = measures_from_counts(counts, dtype=np.float32)
        stop = start + iu.size
        out["slice"][start:stop] = s_index
        out["group"][start:stop] = labels[g]
        out["a"][start:stop] = rows[iu]
        out["b"][start:stop] = rows[ju]
        out["n"][start:stop] = values["n"]
        for m in MEASURES:
            out[m][start:stop] = values[m]
        start = stop
