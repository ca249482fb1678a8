"""Dated events around a dyad: the curated timeline (``facts/events.toml``) and both states' commitments.

``timeline(a, b)`` returns the events drawn as annotations on the brief's charts and listed in its
tables. Sources: ``valuesgap/facts/events.toml`` (curated, each entry citing an official page) and the
commitments ledger (:func:`valuesgap.analysis.commitments.commitments`) of each state.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from valuesgap.analysis.meta import annotate
from valuesgap.analysis.selection import check_period
from valuesgap.countries import resolve
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData

EVENT_COLUMNS = ["date", "year", "x", "kind", "iso3", "label", "title", "track", "source", "url"]
TRACKS = {"shared_interest", "values", "both"}
LABEL_MAX = 24


def default_events_path() -> Path:
    """Return the path of the packaged ``events.toml``."""
    return Path(str(resources.files("valuesgap") / "facts" / "events.toml"))


def parse_events(data: dict, origin: str = "events file") -> list[dict]:
    """Return the events of parsed TOML, checking every field; InputError naming the first bad entry."""
    events = []
    for i, e in enumerate(data.get("event", []), start=1):
        where = f"{origin}: event {i} ({e.get('label', '?')})"
        for key in ("states", "date", "label", "title", "track", "source", "url"):
            if not e.get(key):
                raise InputError(f"{where} lacks {key!r}")
        if not isinstance(e["date"], dt.date):
            raise InputError(f"{where}: date must be a TOML date such as 2009-03-06")
        if len(e["states"]) != 2 or len(set(e["states"])) != 2:
            raise InputError(f"{where}: states must name the two states of the dyad")
        if e["track"] not in TRACKS:
            raise InputError(f"{where}: track must be one of {', '.join(sorted(TRACKS))}")
        if len(e["label"]) > LABEL_MAX:
            raise InputError(f"{where}: label longer than {LABEL_MAX} characters")
        if not str(e["url"]).startswith("https://"):
            raise InputError(f"{where}: url must be an https address")
        events.append(e)
    return events


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> tuple[dict, ...]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"events file {path} is not valid TOML ({exc})") from exc
    return tuple(parse_events(data, origin=path))


def load_events(path: str | Path | None = None) -> list[dict]:
    """Return the curated events from ``path`` or the packaged file."""
    p = Path(path) if path is not None else default_events_path()
    if not p.exists():
        raise InputError(f"events file {p} not found: give an existing TOML file")
    return list(_load(str(p), p.stat().st_mtime))


def fractional_year(date: pd.Timestamp) -> float:
    """Return the date as a year with its fraction (1 July 2009 → about 2009.5), for drawing on a year axis."""
    start = pd.Timestamp(year=date.year, month=1, day=1)
    days = 366 if date.is_leap_year else 365
    return date.year + (date - start).days / days


@renamed_arguments(positional=2, old_order=("path",))
def curated(a: str, b: str, *, path: str | Path | None = None) -> pd.DataFrame:
    """Return the curated events of the dyad (either order), oldest first, in :data:`EVENT_COLUMNS`."""
    ia, ib = resolve(a).iso3, resolve(b).iso3
    rows = []
    for e in load_events(path):
        if {ia, ib} == set(e["states"]):
            date = pd.Timestamp(e["date"])
            rows.append(
                {
                    "date": date,
                    "year": date.year,
                    "x": fractional_year(date),
                    "kind": "timeline",
                    "iso3": f"{ia}–{ib}",
                    "label": e["label"],
                    "title": e["title"],
                    "track": e["track"],
                    "source": e["source"],
                    "url": e["url"],
                }
            )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).sort_values("date", kind="stable").reset_index(drop=True)


@renamed_arguments(positional=1, old_order=("start", "end", "ledger"))
def ledger_events(
    state: str, *, start: int | None = None, end: int | None = None, ledger: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return a state's dated commitments (ledger rows with a day) in start…end, in :data:`EVENT_COLUMNS`.

    ``ledger`` is the state's :func:`~valuesgap.analysis.commitments.commitments` frame if already at
    hand (read from the store otherwise; a state without commitments gives an empty frame).
    """
    from valuesgap.analysis.commitments import commitments

    country = resolve(state)
    if ledger is None:
        try:
            ledger = commitments(country.iso3)
        except NoData:
            return pd.DataFrame(columns=EVENT_COLUMNS)
    dated = ledger[ledger["date"].notna()].copy()
    if start is not None:
        dated = dated[dated["year"] >= start]
    if end is not None:
        dated = dated[dated["year"] <= end]
    rows = []
    for r in dated.itertuples(index=False):
        date = pd.Timestamp(r.date)
        label = f"{country.iso3}: {r.commitment} {r.action}"
        rows.append(
            {
                "date": date,
                "year": date.year,
                "x": fractional_year(date),
                "kind": "ledger",
                "iso3": country.iso3,
                "label": label,
                "title": label,
                "track": r.track,
                "source": r.source,
                "url": r.url,
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


@renamed_arguments(positional=2, old_order=("start", "end", "path", "ledgers"))
def timeline(
    a: str,
    b: str,
    *,
    start: int | None = None,
    end: int | None = None,
    path: str | Path | None = None,
    ledgers: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Return the dyad's events in start…end, oldest first: the curated timeline, then both ledgers.

    Columns: ``date, year, x`` (fractional year for charts), ``kind`` (timeline / ledger), ``iso3`` (the
    dyad for timeline events, the state for ledger rows), ``label`` (short), ``title``, ``track``
    (shared_interest / values / both), ``source``, ``url``. A ledger row on the same day as a timeline
    event of the same track is left out (the timeline already shows it). ``attrs['curated']`` says
    whether the dyad has a curated timeline. ``ledgers`` (ISO3 → commitments frame) saves re-reading them.
    """
    start, end = check_period(start, end)
    ca, cb = resolve(a), resolve(b)
    cur = curated(ca.iso3, cb.iso3, path=path)
    if start is not None:
        cur = cur[cur["year"] >= start]
    if end is not None:
        cur = cur[cur["year"] <= end]
    given = ledgers or {}
    own = [
        x
        for x in (ledger_events(s, start=start, end=end, ledger=given.get(s)) for s in (ca.iso3, cb.iso3))
        if not x.empty
    ]
    led = pd.concat(own, ignore_index=True) if own else pd.DataFrame(columns=EVENT_COLUMNS)
    if not led.empty and not cur.empty:
        seen = set(zip(cur["date"], cur["track"]))
        shared_days = set(cur.loc[cur["track"] == "both", "date"])
        keep = [(d, t) not in seen and d not in shared_days for d, t in zip(led["date"], led["track"])]
        led = led[keep]
    frames = [x for x in (cur, led) if not x.empty]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=EVENT_COLUMNS)
    out = out.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)
    out.attrs["curated"] = bool(len(curated(ca.iso3, cb.iso3, path=path)))
    return annotate(out, states=[ca, cb], start=start, end=end)


__all__ = ["curated", "fractional_year", "ledger_events", "load_events", "timeline"]
