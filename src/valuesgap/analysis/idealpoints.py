"""State ideal points per UNGA session or year: the table behind ``vg.ideal_points``.

Source: the UNGA roll-call votes in the store (:func:`valuesgap.rollcall.vote_matrix`, plus the
roll calls' descriptions for bridging); the model is
:class:`valuesgap.measures.idealpoints.DynamicIdealPoints` (Bailey, Strezhnev & Voeten 2017: dynamic
one-dimensional ordinal probit, yes > abstain > no, absences and non-membership missing).

Bridging (``bridge=True``, as Bailey, Strezhnev & Voeten do): roll calls on resolutions whose full
description recurs word for word in different periods (amendment and paragraph votes excluded)
share one set of roll-call parameters, which ties the scale of one period to the next through the
agenda as well as through the states' random walks.

Results are cached on disk in ``<store folder>/cache/`` keyed by the store's data version, the
selection (issues, grouping, period, bridging) and the model's ``get_params()``; the store itself is
never written.

A server does not fit inside its request workers: within :func:`deferred_fits`, a call that would fit
(nothing cached) raises :class:`FitPending` carrying the arguments, and the server runs the fit elsewhere
(:mod:`valuesgap.api.fits`). The disk cache is always read before any lock.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.analysis import selection
from valuesgap.analysis.meta import annotate
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import NoData
from valuesgap.measures.idealpoints import INTERVAL_METHOD, DynamicIdealPoints

_DEFER_FITS: ContextVar[bool] = ContextVar("valuesgap_defer_fits", default=False)


class FitPending(Exception):
    """Raised instead of fitting within :func:`deferred_fits`: ``kwargs`` are the :func:`ideal_points`
    arguments of the fit that is needed (its result then lands in the disk cache)."""

    def __init__(self, kwargs: dict) -> None:
        super().__init__(f"ideal points not fitted yet: {kwargs}")
        self.kwargs = kwargs


@contextmanager
def deferred_fits(on: bool = True) -> Iterator[None]:
    """Within this context (and threads started from it with its context), a fit raises FitPending."""
    token = _DEFER_FITS.set(on)
    try:
        yield
    finally:
        _DEFER_FITS.reset(token)


CACHE_FORMAT = 1  # bump when the model or the output columns change
Progress = Callable[[str, int, int], None]

# Each bootstrap replicate is a whole refit (~10 s on all votes): more than this is refused before work.
MAX_N_BOOT = 1000


def _bridge_items(rcids: np.ndarray, periods: np.ndarray) -> np.ndarray:
    """Return one item label per roll call: its description when that recurs in another period, else NaN."""
    from valuesgap import store

    info = store.query("SELECT rcid, descr, amend, para FROM rollcalls").set_index("rcid").reindex(rcids)
    plain = ~(info["amend"].fillna(False).astype(bool) | info["para"].fillna(False).astype(bool))
    text = info["descr"].where(plain & info["descr"].notna())
    text = text.str.strip().str.lower()
    frame = pd.DataFrame({"text": text.to_numpy(), "period": periods})
    spread = frame.dropna().groupby("text")["period"].nunique()
    recurring = set(spread.index[spread > 1])
    items = frame["text"].to_numpy(dtype=object)
    items[~frame["text"].isin(recurring).to_numpy()] = None
    return items


def votes_frame(
    issues: tuple[str, ...], by: str, *, start: int | None = None, end: int | None = None, bridge: bool = True
) -> pd.DataFrame:
    """Return the long vote frame for the model: ``state``, ``<by>``, ``rollcall``, ``vote`` (+ ``item``).

    Only yes/abstain/no are kept (absent, non-member and no record are missing). NoData when the
    selection holds no roll call.
    """
    matrix = selection.vote_matrix()
    rc = matrix.rollcalls
    cols = np.flatnonzero(selection.select_rollcalls(rc, issues, start=start, end=end).mask)
    codes = matrix.codes[:, cols]
    si, ci = np.nonzero((codes >= 1) & (codes <= 3))
    periods = rc[by].to_numpy()[cols]
    frame = pd.DataFrame(
        {
            "state": matrix.states[si],
            by: periods[ci],
            "rollcall": rc["rcid"].to_numpy()[cols][ci],
            "vote": codes[si, ci],
        }
    )
    if bridge:
        items = _bridge_items(rc["rcid"].to_numpy()[cols], periods)
        frame["item"] = items[ci]
    return frame


def _cache_path(key: dict) -> Path:
    from valuesgap import store

    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return store.home() / "cache" / f"idealpoints-{digest}.parquet"


def _write_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path`` through a temporary file and an atomic rename; ignore read-only folders."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except OSError:
        return


@renamed_arguments(
    old_order=("issue", "by", "boot", "start", "end", "progress", "bridge", "walk_sd", "cache"), boot="n_boot"
)
def ideal_points(
    *,
    issue: str | Iterable[str] = "all",
    by: str = "session",
    n_boot: int = 0,
    start: int | None = None,
    end: int | None = None,
    progress: Progress | None = None,
    bridge: bool = True,
    walk_sd: float = 0.1,
    cache: bool = True,
) -> pd.DataFrame:
    """Return dynamic ideal points of every state per session (or year) from UNGA votes.

    Columns: ``iso3``, ``name``, ``session`` (or ``year``), ``ideal_point`` (standardised over all
    state-periods: mean 0, sd 1; the United States positive), ``n_votes`` (contested roll calls the
    state voted on), and with ``n_boot > 0`` ``lo``/``hi`` (95 % interval: estimate ± 1.96·sd combining the posterior variance, the aligned parametric-bootstrap variance and its squared bias; see :mod:`valuesgap.measures.idealpoints`).
    ``issue``: ``"all"``, an issue code (``me nu di hr co ec``) or a list of codes (their union);
    ``start``/``end``: calendar years of the roll calls (inclusive). ``walk_sd``: sd of a state's
    random-walk step per period (prior positions start N(0, 1)). ``progress(phase, done, total)``
    is called while fitting. Source: UNGA votes in the store (Voeten et al.).
    Raises InputError for bad arguments, NoData when the selection has too few contested roll calls.
    """
    from valuesgap import store

    issues = tuple(sorted(selection.check_issues(issue)))
    key_by = selection.check_by(by)
    n_boot = selection.check_n_boot(n_boot, minimum=0, maximum=MAX_N_BOOT)
    start, end = selection.check_period(start, end)
    model = DynamicIdealPoints(walk_sd=float(walk_sd), n_boot=int(n_boot), positive_state="USA")
    key = {
        "format": CACHE_FORMAT,
        "data": store.data_version(),
        "issues": issues,
        "by": key_by,
        "start": start,
        "end": end,
        "bridge": bool(bridge),
        "model": model.get_params(),  # every model parameter, defaults included
    }
    if n_boot:
        key["interval"] = INTERVAL_METHOD  # a new interval method must not reuse old cached bounds
    path = _cache_path(key)
    if cache and path.exists():
        try:
            return annotate(pd.read_parquet(path), start=start, end=end)
        except (OSError, ValueError):
            pass
    if _DEFER_FITS.get():
        raise FitPending(
            {
                "issue": list(issues),
                "by": key_by,
                "n_boot": int(n_boot),
                "start": start,
                "end": end,
                "bridge": bool(bridge),
                "walk_sd": float(walk_sd),
            }
        )
    votes = votes_frame(issues, key_by, start=start, end=end, bridge=bridge)
    model.fit(votes, time=key_by, progress=progress)
    est = model.ideal_points_
    names = {iso3: countries.name_of(iso3) for iso3 in est["state"].unique()}
    out = pd.DataFrame(
        {
            "iso3": est["state"].astype(str),
            "name": est["state"].map(names),
            key_by: est[key_by].astype(int),
            "ideal_point": est["ideal_point"],
            "n_votes": est["n_votes"].astype(int),
        }
    )
    if n_boot:
        out["lo"], out["hi"] = est["lo"].to_numpy(), est["hi"].to_numpy()
    out = out.sort_values([key_by, "iso3"], ignore_index=True)
    if cache:
        _write_atomic(out, path)
    return annotate(out, start=start, end=end)


_FIT_LOCK = threading.Lock()  # one yearly fit at a time: concurrent callers wait, then read its cache


def _from_disk(issue: str, n_boot: int) -> pd.DataFrame | None:
    """Return the cached yearly ideal points, or None when they would have to be fitted."""
    token = _DEFER_FITS.set(True)
    try:
        return ideal_points(issue=issue, by="year", n_boot=n_boot)
    except FitPending:
        return None
    finally:
        _DEFER_FITS.reset(token)


def ideal_points_of(
    states: Iterable[str] = (),
    *,
    issue: str = "all",
    start: int | None = None,
    end: int | None = None,
    n_boot: int = 0,
) -> pd.DataFrame:
    """Return the yearly ideal points of ``states`` (all states when empty) in start…end.

    The model is fitted on every year (so a period shows the same positions as the whole series) and the
    rows are then cut to the period. Columns: ``iso3``, ``name``, ``year``, ``ideal_point``, ``n_votes``
    and, with ``n_boot > 0`` replicates, ``lo``, ``hi``. Source: :func:`ideal_points` (yearly, cached on
    disk by data version).
    """
    start, end = selection.check_period(start, end)
    wanted = [countries.resolve(s) for s in states]
    issue = selection.check_issue(issue)
    points = _from_disk(issue, int(n_boot))  # no lock: a cached answer never waits for a fit
    if points is None:
        with _FIT_LOCK:
            points = ideal_points(issue=issue, by="year", n_boot=int(n_boot))
    codes = [c.iso3 for c in wanted]
    if codes:
        points = points[points["iso3"].isin(codes)]
        absent = [w for w in codes if w not in set(points["iso3"])]
        if absent:
            raise NoData(f"no ideal points for {', '.join(absent)} on issue {issue}")
    if start is not None:
        points = points[points["year"] >= start]
    if end is not None:
        points = points[points["year"] <= end]
    if points.empty:
        span = f"{start if start is not None else '…'}–{end if end is not None else '…'}"
        raise NoData(f"no ideal points in {span} for issue {issue}")
    cols = ["iso3", "year", "ideal_point", "n_votes"] + [c for c in ("lo", "hi") if c in points.columns]
    out = points[cols].copy()
    out.insert(1, "name", [countries.name_of(i) for i in out["iso3"]])
    out["year"] = out["year"].astype(int)
    out = out.sort_values(["iso3", "year"]).reset_index(drop=True)
    return annotate(out, states=wanted, start=start, end=end)
