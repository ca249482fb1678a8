"""Security Council arena measures for dyads: vote agreement, co-sponsorship and vetoes, per group of drafts.

Inputs are arrays over drafts (columns): vote codes per state (1 yes, 2 abstain, 3 no — a veto is a
No — and 0 where the state did not vote: not on the Council that year, or not participating), boolean
sponsor and veto flags per state, and each draft's group (0 … n_groups−1, −1 to leave it out; a group
is e.g. a year × topic group). For a dyad (A, B) and each group:

- vote agreement with the Assembly's formula (:mod:`valuesgap.measures.similarity`: positions 1, ½, 0;
  agreement = 1 − mean |x − y| over the n drafts both voted on; the other four measures too);
- ``cosponsored``: drafts A and B both sponsored;
- ``a_for_b_vetoed``: drafts A sponsored or voted Yes on and B vetoed (and the reverse, swapping);
- ``veto_counts``: drafts each state vetoed that each state sponsored (vetoes by whom, against whom).

Pure: arrays in, arrays out; no store, no files.
"""

from __future__ import annotations

import numpy as np

from valuesgap.measures import similarity

YES, ABSTAIN, NO = similarity.YES, similarity.ABSTAIN, similarity.NO


def dyad_counts(codes_a: np.ndarray, codes_b: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Return the nine co-occurrence counts of one dyad per group, shape (3, 3, n_groups)."""
    return similarity.grouped_dyad_counts(codes_a, codes_b, groups, n_groups)


def agreement(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Return n, agreement, coincidence, s_score, cohen_kappa, scott_pi from counts (3, 3, ...)."""
    return similarity.measures_from_counts(counts)


def count_per_group(flags: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Return how many drafts with ``flags`` True fall in each group, shape (n_groups,), int64."""
    flags = np.asarray(flags, dtype=bool)
    groups = np.asarray(groups)
    keep = flags & (groups >= 0)
    return np.bincount(groups[keep], minlength=n_groups).astype(np.int64)


def cosponsored(sponsor_a: np.ndarray, sponsor_b: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Return per group the drafts both states sponsored."""
    return count_per_group(np.asarray(sponsor_a, bool) & np.asarray(sponsor_b, bool), groups, n_groups)


def supported_vetoed(
    codes_a: np.ndarray, sponsor_a: np.ndarray, veto_b: np.ndarray, groups: np.ndarray, n_groups: int
) -> np.ndarray:
    """Return per group the drafts A sponsored or voted Yes on and B vetoed."""
    support = (np.asarray(codes_a) == YES) | np.asarray(sponsor_a, bool)
    return count_per_group(support & np.asarray(veto_b, bool), groups, n_groups)


def all_dyad_counts(codes: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Return counts for every dyad and group, shape (3, 3, states, states, n_groups), int32.

    One one-hot matrix product per group (see :func:`valuesgap.measures.similarity.pair_counts`).
    """
    onehot = similarity.position_onehots(codes)
    groups = np.asarray(groups)
    n_states = onehot.shape[1]
    out = np.zeros((3, 3, n_states, n_states, n_groups), dtype=np.int32)
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.searchsorted(sorted_groups, np.arange(n_groups), side="left")
    ends = np.searchsorted(sorted_groups, np.arange(n_groups), side="right")
    for g in range(n_groups):
        if ends[g] > starts[g]:
            cols = order[starts[g] : ends[g]]
            out[..., g] = similarity.pair_counts(onehot[:, :, cols])
    return out


def all_dyad_flags(flags: np.ndarray, groups: np.ndarray, n_groups: int, other: np.ndarray | None = None) -> np.ndarray:
    """Return per group the drafts where state a has ``flags`` and state b has ``other`` (default the
    same flags), shape (states, states, n_groups): e.g. co-sponsorship, or support × veto."""
    a = np.asarray(flags, dtype=np.float32)
    b = a if other is None else np.asarray(other, dtype=np.float32)
    groups = np.asarray(groups)
    onehot_groups = np.zeros((groups.size, n_groups), dtype=np.float32)
    keep = groups >= 0
    onehot_groups[np.flatnonzero(keep), groups[keep]] = 1.0
    # counts[a, b, g] = Σ_d A[a, d] B[b, d] G[d, g]
    return np.rint(np.einsum("ad,bd,dg->abg", a, b, onehot_groups, optimize=True)).astype(np.int64)


def veto_counts(veto: np.ndarray, sponsor: np.ndarray) -> np.ndarray:
    """Return (states × states) counts: entry [i, j] = drafts state i vetoed that state j sponsored."""
    v = np.asarray(veto, dtype=np.int64)
    s = np.asarray(sponsor, dtype=np.int64)
    return v @ s.T
