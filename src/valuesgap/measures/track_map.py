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


def link_series(x: np.ndarray) -> np.ndarray:
    """Return chain-linked values of shape ``(..., years)`` from component values ``(..., components, years)``.

    NaN marks a component not measured. For each series: a year with no component is NaN; the change
    from one data year to the next (the previous year with any component, not necessarily adjacent) is
    ``mean_L x[t] − mean_L x[prev]`` over the components ``L`` present in both; a data year with no
    previous data year, or none in common with it, starts a new stretch. In each stretch the anchor is
    the latest year with the most components, which keeps its plain mean; the other years follow the
    changes from it. Values are clipped to 0–1. Same rules as
    :func:`valuesgap.measures.indicators.link_components` (which works on frames, one series at a time).
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2:
        raise ValueError(f"x must have a components axis and a years axis, got shape {x.shape}")
    lead, (n_comp, n_years) = x.shape[:-2], x.shape[-2:]
    flat = x.reshape(-1, n_comp, n_years)
    batch = flat.shape[0]
    present = ~np.isnan(flat)
    n = present.sum(axis=1)  # (B, Y)
    data = n > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        plain = np.where(data, np.where(present, flat, 0.0).sum(axis=1) / n, np.nan)
    years = np.arange(n_years)
    last = np.maximum.accumulate(np.where(data, years, -1), axis=1)  # last data year at or before t
    prev = np.concatenate([np.full((batch, 1), -1), last[:, :-1]], axis=1)  # … strictly before t
    prev_idx = np.broadcast_to(np.clip(prev, 0, None)[:, None, :], flat.shape)
    x_prev = np.take_along_axis(flat, prev_idx, axis=2)
    link = present & ~np.isnan(x_prev) & (data & (prev >= 0))[:, None, :]
    k = link.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        now_mean = np.where(link, flat, 0.0).sum(axis=1) / k
        prev_mean = np.where(link, x_prev, 0.0).sum(axis=1) / k
    linked_step = data & (k > 0)
    change = np.where(linked_step, now_mean - prev_mean, 0.0)
    cum = np.cumsum(change, axis=1)
    stretch = np.cumsum(data & (k == 0), axis=1)  # stretch number of each data year (1, 2, …)
    # anchor of a stretch: the most components, the latest year among those (key = n·Y + year, maximal)
    key = np.where(data, n * n_years + years, -1)
    best = np.full((batch, n_years + 1), -1, dtype=np.int64)
    rows = np.repeat(np.arange(batch), n_years)
    np.maximum.at(best, (rows, stretch.ravel()), key.ravel())
    anchor = np.take_along_axis(best, stretch, axis=1) % n_years
    anchor = np.where(data, anchor, 0)
    at = np.arange(batch)[:, None]
    linked = plain[at, anchor] + cum - cum[at, anchor]
    linked = np.where(data, np.clip(linked, 0.0, 1.0), np.nan)
    return linked.reshape(*lead, n_years)


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
