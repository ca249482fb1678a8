"""Chain-linking a series of component values to a constant footing, on arrays (any batch at once).

The rule (``docs/values.md``): the change from one data year to the next is measured on the components
present in both, and the level is that of the latest year with the fullest component set. Used by
:func:`valuesgap.measures.indicators.link_components` (frames, one state's dimensions) and by the
two-track map (:mod:`valuesgap.measures.track_map`, every partner at once).
"""

from __future__ import annotations

import numpy as np


def link_series(x: np.ndarray, clip: bool = True) -> np.ndarray:
    """Return chain-linked values of shape ``(..., years)`` from component values ``(..., components, years)``.

    NaN marks a component not measured. For each series: a year with no component is NaN; the change
    from one data year to the next (the previous year with any component, not necessarily adjacent) is
    ``mean_L x[t] − mean_L x[prev]`` over the components ``L`` present in both; a data year with no
    previous data year, or none in common with it, starts a new stretch. In each stretch the anchor is
    the latest year with the most components, which keeps its plain mean; the other years follow the
    changes from it. Values are clipped to 0–1 (``clip=False`` keeps them unclipped).
    :func:`valuesgap.measures.indicators.link_components` applies it to frames.
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
    linked = np.where(data, np.clip(linked, 0.0, 1.0) if clip else linked, np.nan)
    return linked.reshape(*lead, n_years)


def _coverage_note(prev_year: int, year: int, before: list[str], now: list[str], link: list[str]) -> str:
    """Return e.g. ``"−cirights:physint_sum (last 2020); 2020→2021 linked on 4 components"`` ('' if none)."""
    gone = [c for c in before if c not in now]
    new = [c for c in now if c not in before]
    if not gone and not new:
        return ""
    parts = [f"−{c} (last {prev_year})" for c in gone] + [f"+{c} (from {year})" for c in new]
    if not link:
        return ", ".join(parts) + f"; no component in both {prev_year} and {year}: not linked (series break)"
    return ", ".join(parts) + f"; {prev_year}→{year} linked on {len(link)} component{'s' if len(link) > 1 else ''}"


def combine_and_link(
    x: np.ndarray, lo: np.ndarray, hi: np.ndarray, keys: list[str], years: np.ndarray, linked: bool = True
) -> dict[str, np.ndarray]:
    """Combine component values into dimension values per series and year, chain-linked or plain.

    ``x``, ``lo``, ``hi``: ``(series, components, years)`` scaled values and bounds (NaN = not measured /
    no bound); ``keys``: the component names in definition order; ``years``: the year labels,
    ``(years,)`` or ``(series, years)``. Returns arrays ``(series, years)``: ``value``, ``lo``, ``hi``
    (clipped to 0–1 when linked), ``n_components``, ``unlinked`` (the plain mean), and object arrays
    ``components`` (comma-separated names present) and ``coverage_change`` (what entered or left since
    the previous data year, :func:`_coverage_note`); NaN / 0 / '' where a series has no data that year.
    The plain interval is the mean of the bounds, a component without bounds counting its point value,
    NaN when no component has bounds; linked, the interval moves with the value.
    """
    x = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(x)
    n = present.sum(axis=1)
    data = n > 0
    bounded = present & ~np.isnan(lo) & ~np.isnan(hi)
    point = np.where(present, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        plain = np.where(data, point.sum(axis=1) / n, np.nan)
        some = bounded.any(axis=1)
        plain_lo = np.where(some, np.where(bounded, lo, point).sum(axis=1) / n, np.nan)
        plain_hi = np.where(some, np.where(bounded, hi, point).sum(axis=1) / n, np.nan)
    labels = np.broadcast_to(np.asarray(years), n.shape)
    components = np.full(n.shape, "", dtype=object)
    notes = np.full(n.shape, "", dtype=object)
    joined: dict[bytes, str] = {}
    for s, t in zip(*np.nonzero(data)):
        mask = present[s, :, t]
        code = mask.tobytes()
        if code not in joined:
            joined[code] = ", ".join(k for k, p in zip(keys, mask) if p)
        components[s, t] = joined[code]
    steps = np.arange(n.shape[1])
    last = np.maximum.accumulate(np.where(data, steps, -1), axis=1)
    prev = np.concatenate([np.full((n.shape[0], 1), -1), last[:, :-1]], axis=1)
    for s, t in zip(*np.nonzero(data & (prev >= 0))):
        before, now = present[s, :, prev[s, t]], present[s, :, t]
        if (before != now).any():
            notes[s, t] = _coverage_note(
                int(labels[s, prev[s, t]]),
                int(labels[s, t]),
                [k for k, p in zip(keys, before) if p],
                [k for k, p in zip(keys, now) if p],
                [k for k, p in zip(keys, before & now) if p],
            )
    out = {"value": plain, "lo": plain_lo, "hi": plain_hi, "unlinked": plain}
    if linked:
        chained = link_series(x, clip=False)
        shift = chained - plain
        out |= {
            "value": np.clip(chained, 0.0, 1.0),
            "lo": np.clip(plain_lo + shift, 0.0, 1.0),
            "hi": np.clip(plain_hi + shift, 0.0, 1.0),
        }
    return {**out, "n_components": n, "components": components, "coverage_change": notes}


__all__ = ["combine_and_link", "link_series"]
