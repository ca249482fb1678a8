"""State ideal points per UNGA session or year: the table behind ``vg.ideal_points``.

Source: the UNGA roll-call votes in the store (:func:`valuesgap.rollcall.vote_matrix`, plus the
roll calls' descriptions for bridging); the model is
:class:`valuesgap.measures.idealpoints.DynamicIdealPoints` (Bailey, Strezhnev & Voeten 2017: dynamic
one-dimensional ordinal probit, yes > abstain > no, absences and non-membership missing).

Bridging (``bridge=True``, as Bailey, Strezhnev & Voeten do): roll calls on resolutions whose full
description recurs word for word in different periods (amendment and paragraph votes excluded)
share one set of roll-call parameters, which ties the scale of one period to the next through the
agenda as well as through the states' random walks.

Results are cached on disk in ``<store folder>/cache/`` keyed by the store's data version and every
parameter; the store itself is never written.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.errors import InputError, NoData
from valuesgap.measures.idealpoints import INTERVAL_METHOD, DynamicIdealPoints

ISSUE_CODES = ("me", "nu", "di", "hr", "co", "ec")
GROUPINGS = ("session", "year")
CACHE_FORMAT = 1  # bump when the model or the output columns change
Progress = Callable[[str, int, int], None]


def check_issues(issue: str | Iterable[str]) -> tuple[str, ...]:
    """Return the issue codes as a sorted tuple (``("all",)`` for all roll calls); InputError otherwise."""
    items = [issue] if isinstance(issue, str) else list(issue)
    codes = sorted({str(i).strip().lower() for i in items})
    if not codes:
        raise InputError("give an issue: 'all' or codes among me, nu, di, hr, co, ec")
    if codes == ["all"]:
        return ("all",)
    bad = [c for c in codes if c not in ISSUE_CODES]
    if bad or "all" in codes:
        raise InputError(
            f"unknown issue {bad[0] if bad else 'all'!r} in a list: use 'all' alone, "
            f"or codes among {', '.join(ISSUE_CODES)}"
        )
    return tuple(codes)


def _check_args(by: str, boot: int, start: int | None, end: int | None) -> str:
    """Return the grouping key after checking the arguments; InputError with a way out otherwise."""
    key = str(by).strip().lower()
    if key not in GROUPINGS:
        raise InputError(f"unknown grouping {by!r}: use 'session' or 'year'")
    if not isinstance(boot, (int, np.integer)) or boot < 0:
        raise InputError(f"boot must be a whole number ≥ 0, got {boot!r}")
    for name, value in (("start", start), ("end", end)):
        if value is not None and not isinstance(value, (int, np.integer)):
            raise InputError(f"{name} must be a calendar year (an integer), got {value!r}")
    if start is not None and end is not None and start > end:
        raise InputError(f"period start {start} is after its end {end}: swap them")
    return key


def _vote_matrix():
    from valuesgap import rollcall

    return rollcall.vote_matrix()


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
    return np.where(frame["text"].isin(recurring), frame["text"], None)


def votes_frame(issues: tuple[str, ...], by: str, start: int | None, end: int | None, bridge: bool) -> pd.DataFrame:
    """Return the long vote frame for the model: ``state``, ``<by>``, ``rollcall``, ``vote`` (+ ``item``).

    Only yes/abstain/no are kept (absent, non-member and no record are missing). NoData when the
    selection holds no roll call.
    """
    matrix = _vote_matrix()
    rc = matrix.rollcalls
    mask = np.ones(len(rc), dtype=bool)
    if issues != ("all",):
        mask &= rc[list(issues)].fillna(False).astype(bool).any(axis=1).to_numpy()
    years = rc["year"].to_numpy()
    if start is not None:
        mask &= years >= start
    if end is not None:
        mask &= years <= end
    if not mask.any():
        label = "all roll calls" if issues == ("all",) else "issue " + "+".join(issues)
        period = f" in {start if start is not None else '…'}–{end if end is not None else '…'}"
        raise NoData(f"no roll calls for {label}{period}: the vote data cover {int(years.min())}–{int(years.max())}")
    cols = np.flatnonzero(mask)
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


def ideal_points(
    issue: str | Iterable[str] = "all",
    by: str = "session",
    boot: int = 0,
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
    state voted on), and with ``boot > 0`` ``lo``/``hi`` (95 % interval: estimate ± 1.96·sd combining the posterior variance, the aligned parametric-bootstrap variance and its squared bias; see :mod:`valuesgap.measures.idealpoints`).
    ``issue``: ``"all"``, an issue code (``me nu di hr co ec``) or a list of codes (their union);
    ``start``/``end``: calendar years of the roll calls (inclusive). ``walk_sd``: sd of a state's
    random-walk step per period (prior positions start N(0, 1)). ``progress(phase, done, total)``
    is called while fitting. Source: UNGA votes in the store (Voeten et al.).
    Raises InputError for bad arguments, NoData when the selection has too few contested roll calls.
    """
    from valuesgap import store

    issues = check_issues(issue)
    key_by = _check_args(by, boot, start, end)
    key = {
        "format": CACHE_FORMAT,
        "data": store.data_version(),
        "issues": issues,
        "by": key_by,
        "boot": int(boot),
        "start": start,
        "end": end,
        "bridge": bool(bridge),
        "walk_sd": float(walk_sd),
    }
    if boot:
        key["interval"] = INTERVAL_METHOD  # a new interval method must not reuse old cached bounds
    path = _cache_path(key)
    if cache and path.exists():
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError):
            pass
    votes = votes_frame(issues, key_by, start, end, bridge)
    model = DynamicIdealPoints(walk_sd=walk_sd, n_boot=int(boot), positive_state="USA")
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
    if boot:
        out["lo"], out["hi"] = est["lo"].to_numpy(), est["hi"].to_numpy()
    out = out.sort_values([key_by, "iso3"], ignore_index=True)
    if cache:
        _write_atomic(out, path)
    return out
