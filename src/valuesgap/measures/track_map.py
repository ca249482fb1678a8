"""The two-track map's institutional axis for every partner at once: chain-linked dyadic gaps, vectorised.

The values gap of a dyad (``docs/values.md``, :func:`valuesgap.analysis.values.values_gap` with the
default ``footing="linked"``) compares both states each year on the components BOTH have, and chain-links
each state's series over all years of data (:func:`valuesgap.measures.indicators.link_components`). Doing
that pair by pair costs a pandas pivot per dyad; here the same rules run on arrays for one focal state
against every partner in one pass:

- :func:`link_series` chain-links any batch of series ``(..., components, years)``;
- :func:`pair_gaps` masks focal and partners to their common components and returns the yearly gaps;
- :func:`mean_abs_gap` turns the gaps of several dimensions into the map's x: per year the mean |gap|
  over the dimensions the dyad has in the period (NaN in a year missing one of them, as the tracks
  do), then the mean over the years that have it.

Pure: arrays in, arrays out.
"""

from __future__ import annotations

import numpy as np

from valuesgap.measures.linking import link_series


def pair_gaps(focal: np.ndarray, partners: np.ndarray) -> np.ndarray:
    """Return the yearly gap focal − partner of one dimension, shape ``(partners, years)``.

    ``focal``: ``(components, years)``; ``partners``: ``(partners, components, years)``; NaN = not
    measured. Each pair is compared on the components both have that year, each side chain-linked on
    those (:func:`link_series`); NaN where the pair shares no component in a year.
    """
    focal = np.asarray(focal, dtype=np.float64)
    partners = np.asarray(partners, dtype=np.float64)
    out = np.full((partners.shape[0], focal.shape[-1]), np.nan)
    # years without any focal component are data years of no pair: dropping them changes no link
    used = ~np.isnan(focal).all(axis=0)
    if not used.any():
        return out
    focal, partners = focal[:, used], partners[:, :, used]
    common = ~np.isnan(focal)[None, :, :] & ~np.isnan(partners)
    mine = np.where(common, focal[None, :, :], np.nan)
    theirs = np.where(common, partners, np.nan)
    out[:, used] = link_series(mine) - link_series(theirs)
    return out


def mean_abs_gap(gaps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (x, years, dimensions) for gaps of shape ``(dimensions, partners, years)`` in the period.

    A dimension counts for a partner when it has a gap in some year of the period. A year enters only
    when every counted dimension has a gap that year; its value is their mean |gap|. ``x`` is the mean
    of those yearly values (NaN if no year qualifies); ``years`` how many years entered; ``dimensions``
    how many dimensions were counted.
    """
    gaps = np.asarray(gaps, dtype=np.float64)
    has = ~np.isnan(gaps)  # (D, P, Y)
    counted = has.any(axis=2)  # (D, P)
    n_dims = counted.sum(axis=0)  # (P,)
    full = (has | ~counted[:, :, None]).all(axis=0) & (n_dims > 0)[:, None]  # (P, Y)
    with np.errstate(invalid="ignore", divide="ignore"):
        yearly = np.where(counted[:, :, None] & has, np.abs(gaps), 0.0).sum(axis=0) / n_dims[:, None]
        n_years = full.sum(axis=1)
        x = np.where(n_years > 0, np.where(full, yearly, 0.0).sum(axis=1) / n_years, np.nan)
    return x, n_years, n_dims


__all__ = ["link_series", "mean_abs_gap", "pair_gaps"]
