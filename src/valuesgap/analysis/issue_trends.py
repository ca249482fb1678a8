"""How a dyad's vote similarity moved in each issue area: early years against recent years.

:func:`issue_trends` compares, for every issue area with at least two calendar years of roll calls both
states voted on, the mean yearly similarity of the early and the recent window
(:func:`valuesgap.analysis.trends.windows`), and ranks the areas by their recent level, closest first.
Source: the UNGA roll-call votes in the store, through :func:`valuesgap.analysis.similarity.similarity`.
"""

from __future__ import annotations

from dataclasses import dataclass

from valuesgap.analysis import selection
from valuesgap.analysis import similarity as sim
from valuesgap.analysis.trends import Span, span_text, windows
from valuesgap.errors import NoData
from valuesgap.measures.indicators import trend_word

MIN_YEARS = 2


@dataclass(frozen=True)
class IssueTrend:
    """One issue area's early and recent vote similarity of a dyad (yearly means over each window)."""

    issue: str
    label: str
    measure: str
    early: Span
    early_mean: float
    recent: Span
    recent_mean: float
    recent_n: int  # roll calls both voted on in the recent window
    trend: str  # rising / falling / stable (measures.indicators.trend_word)

    @property
    def early_span(self) -> str:
        """Return the early window as printed (``1992–1996``)."""
        return span_text(*self.early)

    @property
    def recent_span(self) -> str:
        """Return the recent window as printed."""
        return span_text(*self.recent)


def issue_codes() -> tuple[str, ...]:
    """Return the issue areas compared by default: every issue code (:data:`valuesgap.issues.ISSUE_CODES`)."""
    return selection.ISSUE_CODES


def issue_trends(
    a: str,
    b: str,
    *,
    start: int | None = None,
    end: int | None = None,
    measure: str = "agreement",
    issues: tuple[str, ...] | None = None,
) -> list[IssueTrend]:
    """Return the dyad's :class:`IssueTrend` per issue area over start…end, highest recent similarity first.

    Areas with fewer than two years in which both states voted on their roll calls are left out;
    an empty list means no area qualifies.
    """
    measure = selection.check_measure(measure)
    codes = selection.check_issues(issues) if issues is not None else issue_codes()
    out = []
    for issue in codes:
        try:
            yearly = sim.similarity(a, b, issue=issue, by="year", start=start, end=end)
        except NoData:
            continue
        yearly = yearly[yearly[measure].notna()].reset_index(drop=True)
        if len(yearly) < MIN_YEARS:
            continue
        found = windows(yearly["year"].astype(int).tolist())
        assert found is not None  # at least MIN_YEARS years
        early, recent = found
        in_early = yearly[(yearly["year"] >= early[0]) & (yearly["year"] <= early[1])]
        in_recent = yearly[(yearly["year"] >= recent[0]) & (yearly["year"] <= recent[1])]
        early_mean, recent_mean = float(in_early[measure].mean()), float(in_recent[measure].mean())
        out.append(
            IssueTrend(
                issue=issue,
                label=selection.ISSUES[issue],
                measure=measure,
                early=early,
                early_mean=early_mean,
                recent=recent,
                recent_mean=recent_mean,
                recent_n=int(in_recent["n"].sum()),
                trend=trend_word(early_mean, recent_mean),
            )
        )
    out.sort(key=lambda t: -t.recent_mean)
    return out


__all__ = ["IssueTrend", "issue_codes", "issue_trends"]
