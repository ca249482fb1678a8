"""What a query selects, checked in one place: issue codes, period, grouping, measure, interval level,
bootstrap count, and the roll calls and states of the vote matrix.

Every analysis module (and the faces, for their choices and help texts) imports these; none checks its
arguments its own way. Messages name the Python/API parameters (``start``, ``end``, ``level``,
``n_boot``) and list them in :attr:`valuesgap.errors.InputError.params` so that the CLI can say
``--from``/``--to``, ``--ci``, ``--boot`` instead.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from valuesgap import countries
from valuesgap.errors import DataMissing, InputError, NoData
from valuesgap.issues import ISSUE_CODES, ISSUE_LABELS
from valuesgap.measures.similarity import MEASURES

if TYPE_CHECKING:
    from valuesgap.rollcall import VoteMatrix

ISSUES = {"all": "all roll calls", **ISSUE_LABELS}
GROUPINGS = ("session", "year")
DEFAULT_N_BOOT = 1000
DEFAULT_LEVEL = 0.95
#: Fewest roll calls in common for a partner to be ranked (everywhere a ranking is made: the
#: ``partners`` table, the API and the dashboard). On fewer, a share is too noisy to order states by.
DEFAULT_MIN_N = 10
#: Vote codes of a member (yes, abstain, no, absent) and of a position taken (yes, abstain, no).
MEMBER_CODES = (1, 2, 3, 8)
POSITION_CODES = (1, 2, 3)

__all__ = [
    "DEFAULT_LEVEL",
    "DEFAULT_MIN_N",
    "DEFAULT_N_BOOT",
    "GROUPINGS",
    "ISSUES",
    "ISSUE_CODES",
    "MEASURES",
    "Selection",
    "check_by",
    "check_dyad",
    "check_issue",
    "check_issues",
    "check_level",
    "check_measure",
    "check_n_boot",
    "check_period",
    "check_year",
    "empty_reason",
    "group_index",
    "no_joint_reason",
    "no_position_reason",
    "select_rollcalls",
    "state_row",
    "vote_matrix",
]


# ---------------------------------------------------------------- choices


def check_issue(issue: str) -> str:
    """Return the issue code in lower case ('all' or one code); InputError naming the valid codes."""
    code = str(issue).strip().lower()
    if code not in ISSUES:
        choices = ", ".join(f"{k} ({v})" for k, v in ISSUE_LABELS.items())
        raise InputError(f"unknown issue {issue!r}: use 'all' or one of {choices}")
    return code


def check_issues(issues: str | Iterable[str], what: str = "the issue") -> tuple[str, ...]:
    """Return issue codes for a union of slices, in the order given without repeats.

    ``issues``: a code, a comma-separated string ("nu,di") or a sequence. ``("all",)`` for all roll
    calls; 'all' cannot be combined with codes. ``what`` names the argument in messages.
    """
    items = str(issues).split(",") if isinstance(issues, str) else [str(i) for i in issues]
    codes = tuple(dict.fromkeys(check_issue(i) for i in items if i.strip()))
    if not codes:
        raise InputError(f"give at least one issue code for {what}, e.g. nu,di (or 'all')")
    if "all" in codes and len(codes) > 1:
        raise InputError(f"{what}: 'all' already covers every issue; give it alone")
    return codes


def check_by(by: str) -> str:
    """Return the grouping ('session' or 'year'); InputError otherwise."""
    key = str(by).strip().lower()
    if key not in GROUPINGS:
        raise InputError(f"unknown grouping {by!r}: use 'session' or 'year'")
    return key


def check_measure(measure: str) -> str:
    """Return the vote-similarity measure name; InputError naming the five measures."""
    key = str(measure).strip().lower()
    if key not in MEASURES:
        raise InputError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")
    return key


# ---------------------------------------------------------------- numbers


def check_year(name: str, value: object) -> int | None:
    """Return ``value`` as a calendar year (None stays None); InputError if it is not a whole number."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputError(f"{name} must be a calendar year such as 2009, got {value!r}", params=(name,))
    if not 1 <= int(value) <= 9999:
        raise InputError(f"{name} {value} is not a calendar year: use e.g. 2009", params=(name,))
    return int(value)


def check_period(start: object = None, end: object = None) -> tuple[int | None, int | None]:
    """Return (start, end) as calendar years (inclusive; None = open); InputError if start > end."""
    first, last = check_year("start", start), check_year("end", end)
    if first is not None and last is not None and first > last:
        raise InputError(f"start {first} is after end {last}: swap start and end", params=("start", "end"))
    return first, last


def check_month_period(start: str, end: str, names: tuple[str, str] = ("start", "end")) -> tuple[str, str]:
    """Return (start, end) as months YYYY-MM (inclusive); InputError if either is no month or start > end."""
    import re

    for name, value in zip(names, (start, end)):
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            raise InputError(f"{name} must be a month as YYYY-MM, got {value!r}", params=(name,))
    if start > end:
        raise InputError(f"{names[0]} {start} is after {names[1]} {end}: swap them", params=names)
    return start, end


def check_year_or_month(name: str, value: object) -> tuple[int, int | None] | None:
    """Return ``value`` as (year, month) — month None for a year — from 2009, '2009' or '2009-03'; None stays None.

    InputError (naming ``name``) for anything else.
    """
    import re

    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        year = check_year(name, value)
        assert year is not None
        return year, None
    text = value.strip() if isinstance(value, str) else ""
    match = re.fullmatch(r"(\d{4})(?:-(0[1-9]|1[0-2]))?", text)
    if not match:
        raise InputError(
            f"{name} must be a year (YYYY) or a month (YYYY-MM), got {value!r}: use e.g. 2022 or 2022-01",
            params=(name,),
        )
    return int(match[1]), (int(match[2]) if match[2] else None)


def check_month_keys(start: object, end: object) -> tuple[int | None, int | None]:
    """Return (start, end) as YYYYMM integers from years or months (a year: its first/last month; None = open).

    InputError if either is no year/month or start is after end.
    """
    s_got, e_got = check_year_or_month("start", start), check_year_or_month("end", end)
    s = None if s_got is None else s_got[0] * 100 + (s_got[1] or 1)
    e = None if e_got is None else e_got[0] * 100 + (e_got[1] or 12)
    if s is not None and e is not None and s > e:
        shown = (f"{s // 100:04d}-{s % 100:02d}", f"{e // 100:04d}-{e % 100:02d}")
        raise InputError(f"start {shown[0]} is after end {shown[1]}: swap start and end", params=("start", "end"))
    return s, e


def check_level(level: object) -> float | None:
    """Return the interval level, strictly between 0 and 1; None means no interval."""
    if level is None:
        return None
    if isinstance(level, bool):
        raise InputError(f"level {level!r} is not a number: use e.g. 0.95", params=("level",))
    try:
        value = float(level)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"level {level!r} is not a number: use e.g. 0.95", params=("level",)) from None
    if not 0 < value < 1:
        raise InputError(f"level {level} must lie strictly between 0 and 1: use e.g. 0.95", params=("level",))
    return value


MAX_N_BOOT = 100_000


def check_n_boot(n_boot: object, minimum: int = 1, maximum: int = MAX_N_BOOT) -> int:
    """Return the bootstrap count as an int in ``minimum … maximum``; InputError otherwise (before any work)."""
    if isinstance(n_boot, bool) or not isinstance(n_boot, numbers.Integral) or n_boot < minimum:
        raise InputError(f"n_boot must be a whole number ≥ {minimum}, got {n_boot!r}", params=("n_boot",))
    if int(n_boot) > maximum:
        shown = str(n_boot) if len(str(n_boot)) <= 12 else f"{str(n_boot)[:12]}…"
        raise InputError(f"n_boot {shown} is more than {maximum:,}: use a smaller count", params=("n_boot",))
    return int(n_boot)


# ---------------------------------------------------------------- roll calls and states


@dataclass(frozen=True)
class Selection:
    """Roll calls picked by issue, importance and period: ``mask`` over the vote matrix columns."""

    mask: np.ndarray
    label: str


def _span(start: int | None, end: int | None) -> str:
    return f"{start if start is not None else '…'}–{end if end is not None else '…'}"


def select_rollcalls(
    rollcalls: pd.DataFrame,
    issue: str | Iterable[str] = "all",
    *,
    important: bool = False,
    start: int | None = None,
    end: int | None = None,
) -> Selection:
    """Return the roll calls of an issue slice (or a union of slices), optionally important only, held
    in calendar years start…end (inclusive).

    Raises InputError for a bad issue or period, NoData (one line, with the years the data cover) when
    nothing is selected.
    """
    codes = check_issues(issue)
    start, end = check_period(start, end)
    mask = np.ones(len(rollcalls), dtype=bool)
    parts = []
    if codes != ("all",):
        mask &= np.logical_or.reduce([rollcalls[c].to_numpy(dtype=bool, na_value=False) for c in codes])
        parts.append("issue " + "+".join(codes))
    if important:
        mask &= rollcalls["important"].to_numpy(dtype=bool, na_value=False)
        parts.append("important votes")
    years = rollcalls["year"].to_numpy()
    if start is not None:
        mask &= years >= start
    if end is not None:
        mask &= years <= end
    if start is not None or end is not None:
        parts.append(f"years {_span(start, end)}")
    label = ", ".join(parts) or "all roll calls"
    if not mask.any():
        hint = ""
        if any(v is not None and v < 1900 for v in (start, end)):
            hint = " (start and end are calendar years, not session numbers)"
        reason = empty_reason(rollcalls, codes, important=important, start=start, end=end)
        raise NoData(f"no roll calls for {label}{hint}: {reason}")
    return Selection(mask, label)


def _years(values: np.ndarray) -> str:
    lo, hi = int(values.min()), int(values.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def empty_reason(
    rollcalls: pd.DataFrame,
    codes: tuple[str, ...],
    *,
    important: bool = False,
    start: int | None = None,
    end: int | None = None,
) -> str:
    """Return why a roll-call selection is empty, as one clause the data can show.

    In order: the period lies outside the vote data; the important-vote flags (US State Department,
    sessions 38–72, 1983–2017) do not reach the period; no roll call of the period carries the issue
    code(s); no important vote of the period does. Otherwise the years the vote data cover.
    """
    years = rollcalls["year"].to_numpy()
    covered = f"the vote data cover {_years(years)}"
    if "date" in rollcalls.columns:
        covered += f" (last roll call {pd.to_datetime(rollcalls['date']).max().date()}; {FETCH_HINT})"
    if (start is not None and start > years.max()) or (end is not None and end < years.min()):
        return covered
    in_period = np.ones(len(rollcalls), dtype=bool)
    if start is not None:
        in_period &= years >= start
    if end is not None:
        in_period &= years <= end
    span = f"{_span(start, end)}" if start is not None or end is not None else _years(years)
    flagged = rollcalls["important"].to_numpy(dtype=bool, na_value=False) if important else in_period
    if important:
        if not flagged.any():
            return "the data carry no important-vote flags"
        sessions = rollcalls["session"].to_numpy()[flagged]
        first, last = int(sessions.min()), int(sessions.max())
        flag_years = _years(years[flagged])
        if not (flagged & in_period).any():
            if start is not None and start > years[flagged].max():
                return f"the important-vote flags end with session {last} ({flag_years})"
            if end is not None and end < years[flagged].min():
                return f"the important-vote flags start with session {first} ({flag_years})"
            return f"the important-vote flags cover sessions {first}–{last} ({flag_years}) only"
    if codes != ("all",):
        coded = np.logical_or.reduce([rollcalls[c].to_numpy(dtype=bool, na_value=False) for c in codes])
        name = "+".join(codes)
        if not (coded & in_period).any():
            cleared = _cleared_years(codes, start, end)
            if cleared:
                return (
                    f"{name} is left out for {_years(np.array(cleared))}: {ISSUE_REPAIR_REASON} "
                    "(see 'valuesgap data report')"
                )
            where = f"roll calls coded {name} span {_years(years[coded])}" if coded.any() else "none is coded"
            return f"no roll call held in {span} is coded {name} ({where})"
        if important and not (coded & in_period & flagged).any():
            return f"none of the important votes held in {span} is coded {name}"
    return covered


ISSUE_REPAIR_REASON = (
    "the Voeten data code every disarmament roll call of those years as colonialism and economic development "
    "too (an upstream defect)"
)


def _cleared_years(codes: tuple[str, ...], start: int | None, end: int | None) -> list[int]:
    """Return the years of the period in which the build cleared all of ``codes`` (issue_repairs)."""
    from valuesgap import store

    try:
        if not store.has_table("issue_repairs"):
            return []
        repairs = store.query("SELECT year, code FROM issue_repairs")
    except (DataMissing, OSError):
        return []
    years = None
    for code in codes:
        mine = set(repairs.loc[repairs["code"] == code, "year"].astype(int))
        years = mine if years is None else years & mine
    lo, hi = start if start is not None else -9999, end if end is not None else 9999
    return sorted(y for y in years or set() if lo <= y <= hi)


def _membership(matrix: VoteMatrix, row: int) -> tuple[int, int] | None:
    """Return the first and last year in which the state was coded a member (None if never)."""
    member = np.isin(matrix.codes[row], MEMBER_CODES)
    if not member.any():
        return None
    years = matrix.rollcalls["year"].to_numpy()[member]
    return int(years.min()), int(years.max())


def no_position_reason(matrix: VoteMatrix, row: int, mask: np.ndarray) -> str | None:
    """Return why the state in ``row`` took no position on the roll calls in ``mask``, or None if it did.

    Known reasons: it was not (yet, or any longer) a UN member then; it was absent from all of them.
    """
    codes = matrix.codes[row, mask]
    if np.isin(codes, POSITION_CODES).any():
        return None
    name = countries.name_of(np.asarray(matrix.states)[row])
    years = matrix.rollcalls["year"].to_numpy()[mask]
    span = _years(years)
    if not np.isin(codes, MEMBER_CODES).any():
        member = _membership(matrix, row)
        if member is None:
            return f"{name} has no UNGA votes in the data"
        if member[0] > years.max():
            return f"{name} was not yet a UN member in {span} (its votes start in {member[0]})"
        if member[1] < years.min():
            return f"{name} was no longer a UN member in {span} (its votes end in {member[1]})"
        return f"{name} was not a UN member in {span} (its votes cover {member[0]}–{member[1]})"
    return f"{name} was absent from all {codes.size} of these roll calls ({span})"


def no_joint_reason(matrix: VoteMatrix, rows: Iterable[int], mask: np.ndarray) -> str:
    """Return why the states in ``rows`` never both took a position on the roll calls in ``mask``."""
    for row in rows:
        reason = no_position_reason(matrix, row, mask)
        if reason is not None:
            return reason
    return "each voted, but never on the same roll calls"


FETCH_HINT = "for later votes add the UN Digital Library file: valuesgap data fetch --only undl_ga"


def data_end() -> pd.Timestamp:
    """Return the date of the last Assembly roll call in the store."""
    return pd.to_datetime(vote_matrix().rollcalls["date"]).max()


def vote_matrix() -> VoteMatrix:
    """Return the store's vote matrix (:func:`valuesgap.rollcall.vote_matrix`, cached per data version)."""
    from valuesgap import rollcall

    return rollcall.vote_matrix()


def check_dyad(a: str, b: str) -> tuple[countries.Country, countries.Country]:
    """Return the two resolved states of a dyad; InputError when both name the same state."""
    ca, cb = countries.resolve(a), countries.resolve(b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"{a!r} and {b!r} are the same state ({ca.name}): a dyad needs two different states")
    return ca, cb


def state_row(matrix: VoteMatrix, query: str) -> tuple[int, str]:
    """Return (row in the vote matrix, ISO3) of a state; UnknownCountry, or NoData if it has no votes."""
    country = countries.resolve(query)
    rows = np.flatnonzero(np.asarray(matrix.states) == country.iso3)
    if rows.size == 0:
        raise NoData(f"{country.name} ({country.iso3}) has no UNGA votes in the data")
    return int(rows[0]), country.iso3


def group_index(rollcalls: pd.DataFrame, by: str, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (group index per roll call, −1 outside ``mask``; sorted group labels) for ``by``."""
    values = rollcalls[by].to_numpy()
    labels, inverse = np.unique(values[mask], return_inverse=True)
    groups = np.full(len(values), -1, dtype=np.int64)
    groups[mask] = inverse
    return groups, labels.astype(np.int64)
