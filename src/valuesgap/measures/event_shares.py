"""Event-data shares per dyad: how much of what one state does to another is cooperation or force.

Inputs are event counts by CAMEO quad class — verbal cooperation (1), material cooperation (2), verbal
conflict (3), material conflict (4) — as arrays (one entry per dyad and period). Counts follow news
volume, so only shares are compared across years:

- ``coop_share``      = (verbal + material cooperation) / all events
- ``matl_conf_share`` = material conflict / all events
- each with a Wilson score interval at ``level`` (binomial, events taken as independent draws);
- ``relative``        = the dyad's share / the sender's share over all its targets that year (1 = the
  sender treats this target as it treats everyone; 2 = twice as cooperative as its average).

A share is NaN where a dyad has no events (n = 0): missing, never 0. Pure: arrays in, arrays out.
Used for ICEWS (2002–2014) and, with the same definitions, for GDELT aggregates.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

QUAD_COLUMNS = ("verb_coop", "matl_coop", "verb_conf", "matl_conf")


def z_value(level: float) -> float:
    """Return the two-sided standard-normal quantile for ``level`` (0.95 → 1.95996…)."""
    if not 0 < level < 1:
        raise ValueError(f"level must lie strictly between 0 and 1, got {level}")
    return float(norm.ppf(0.5 + level / 2))


def wilson_interval(k: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Return the Wilson score interval (lo, hi) of the proportion k/n at ``level``; NaN where n = 0.

    lo, hi = (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), p = k/n.
    """
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    z = z_value(level)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    hi = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return lo, hi


def shares(
    verb_coop: np.ndarray,
    matl_coop: np.ndarray,
    verb_conf: np.ndarray,
    matl_conf: np.ndarray,
    level: float = 0.95,
) -> dict[str, np.ndarray]:
    """Return n (all events), coop_share, coop_lo, coop_hi, matl_conf_share, matl_conf_lo, matl_conf_hi.

    Arrays of equal shape; shares NaN where n = 0.
    """
    vc, mc, vf, mf = (np.asarray(x, dtype=np.int64) for x in (verb_coop, matl_coop, verb_conf, matl_conf))
    n = vc + mc + vf + mf
    coop = vc + mc
    with np.errstate(invalid="ignore", divide="ignore"):
        coop_share = np.where(n > 0, coop / n, np.nan)
        conf_share = np.where(n > 0, mf / n, np.nan)
    coop_lo, coop_hi = wilson_interval(coop, n, level)
    conf_lo, conf_hi = wilson_interval(mf, n, level)
    return {
        "n": n,
        "coop_share": coop_share,
        "coop_lo": coop_lo,
        "coop_hi": coop_hi,
        "matl_conf_share": conf_share,
        "matl_conf_lo": conf_lo,
        "matl_conf_hi": conf_hi,
    }


def shares_of(counts: np.ndarray, level: float = 0.95) -> dict[str, np.ndarray]:
    """Return :func:`shares` of a count array whose last axis holds the four quads in CAMEO order."""
    c = np.asarray(counts)
    return shares(c[..., 0], c[..., 1], c[..., 2], c[..., 3], level=level)


def coop_share_of(counts: np.ndarray) -> np.ndarray:
    """Return only the cooperation share of a count array (quads on the last axis); NaN where n = 0."""
    c = np.asarray(counts, dtype=np.int64)
    n = c.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, (c[..., 0] + c[..., 1]) / n, np.nan)


def relative_share(share: np.ndarray, sender_share: np.ndarray) -> np.ndarray:
    """Return share / sender_share (the sender's share over all its targets that year); NaN where
    either is missing or the sender's share is 0."""
    share = np.asarray(share, dtype=np.float64)
    sender_share = np.asarray(sender_share, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sender_share > 0, share / sender_share, np.nan)


def sender_totals(sender_ids: np.ndarray, period_ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Return, for each row, the sum of ``counts`` (rows × quads) over all rows with the same sender and
    period: the sender's events towards every target that period, shape rows × quads.

    ``sender_ids`` and ``period_ids`` are non-negative integer codes (e.g. from ``pandas.factorize``).
    """
    sender_ids = np.asarray(sender_ids, dtype=np.int64)
    period_ids = np.asarray(period_ids, dtype=np.int64)
    counts = np.asarray(counts, dtype=np.int64)
    key = sender_ids * (int(period_ids.max()) + 1 if period_ids.size else 1) + period_ids
    uniq, inverse = np.unique(key, return_inverse=True)
    out = np.empty_like(counts)
    for j in range(counts.shape[1]):
        # one bincount per quad (exact: float64 holds integer sums below 2**53)
        out[:, j] = np.bincount(inverse, weights=counts[:, j], minlength=uniq.size).astype(np.int64)[inverse]
    return out
