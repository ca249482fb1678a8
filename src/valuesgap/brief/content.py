"""The brief's content: every number, table and chart, assembled from the analysis layer.

:func:`build_brief` returns a :class:`Brief` whose parts are the typed sections of
:mod:`valuesgap.brief.sections`; nothing in it is typed by hand — the sentences of the template only join
these numbers, and every number is a :class:`~valuesgap.brief.figures.Figure` that names its source, its
variable and the ``valuesgap`` command that reproduces it (a :class:`~valuesgap.brief.provenance.Call`
spelled out from the CLI's own definitions). The analysis itself — windows and trends, issue areas,
commitment standing, source coverage — lives in :mod:`valuesgap.analysis`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from valuesgap import coverage, store
from valuesgap.analysis import changepoints as cp
from valuesgap.analysis import events as ev
from valuesgap.analysis import selection
from valuesgap.analysis import tracks as tr
from valuesgap.analysis.coverage import coverage_gaps
from valuesgap.analysis.issue_trends import issue_trends
from valuesgap.analysis.standing import dated_acts, is_leaving, standing
from valuesgap.analysis.trends import column_windows, correlation, span_text, value_in, window_mean
from valuesgap.brief import arenas as arena_section
from valuesgap.brief import sources
from valuesgap.brief.figures import Figure
from valuesgap.brief.map_section import Placement, placement
from valuesgap.brief.provenance import Call
from valuesgap.brief.sections import (
    Change,
    Changes,
    CommitmentsSection,
    CompartmentalizationSection,
    Component,
    DimensionRow,
    DimensionYear,
    Instrument,
    IntersectionSection,
    IssueRow,
    KeyRow,
    LedgerRow,
    LinkageSection,
    Rise,
    SharedSection,
    SourceNote,
    Summary,
    TrackWindows,
    ValuesSection,
)
from valuesgap.countries import Country, resolve
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData
from valuesgap.measures.indicators import TREND_THRESHOLD, trend_word

CHANGE_TRACKS = ("shared_interests", "values_votes", "values_institutions")
# the issue areas of option 5.1: the shared-interest codes, then the values codes, then the others
ISSUE_ORDER = tuple(dict.fromkeys((*tr.SHARED_ISSUES, *tr.VALUES_ISSUES, *selection.ISSUE_CODES)))
GAP_TRENDS = {"rising": "widening", "falling": "narrowing", "stable": "stable"}


@dataclass
class Brief:
    """Everything the template shows (see the module docstring)."""

    a: Country
    b: Country
    first: int
    last: int
    measure: str
    generated: str
    data_version: str
    tracks: pd.DataFrame
    changes: pd.DataFrame
    events: pd.DataFrame
    curated: bool
    gap: pd.DataFrame | None
    key: list[KeyRow]
    summary: Summary
    shared: SharedSection
    values: ValuesSection
    commitments: CommitmentsSection
    linkage: LinkageSection
    compartmentalization: CompartmentalizationSection
    intersection: IntersectionSection
    missing: list[str]
    sources: list[SourceNote]
    figures: list[Figure] = field(default_factory=list)
    placement: Placement | None = None  # B among A's partners (the two-track map), None if no map
    data_ends: list[dict] = field(default_factory=list)
    arenas: arena_section.ArenasSection | None = None  # the three arenas, Council cooperation and vetoes

    def summary_text(self) -> str:
        """Return the one-screen summary as plain text lines (for the terminal)."""
        lines = [f"{self.a.name} – {self.b.name}, {self.first}–{self.last} ({self.measure}, 0–1):"]
        for row in self.key:
            lines.append(
                f"  {row.label}: {row.early.text} in {row.early_span} → {row.recent.text} in "
                f"{row.recent_span} ({row.trend})"
            )
        r = self.summary.corr
        if r is not None and not r.missing:
            lines.append(f"  correlation of the two vote tracks across {self.summary.corr_n} years: r = {r.text}")
        for line in self.missing:
            lines.append(f"  missing: {line}")
        return "\n".join(lines)


class _Builder:
    """Turns the analysis results of one dyad and period into figures and section rows, recording every figure."""

    def __init__(self, a: Country, b: Country, first: int, last: int, frame: pd.DataFrame):
        self.a, self.b, self.first, self.last, self.frame = a, b, first, last, frame
        self.measure: str = frame.attrs["measure"]
        self.figures: list[Figure] = []
        self.ideal = bool(frame["ideal_distance"].notna().any() or frame["ideal_distance_hr"].notna().any())

    # ------------------------------------------------------------------ figures

    def fig(self, call: Call, **kw: Any) -> Figure:
        """Return a new figure reproduced by ``call`` (its command spelled from the CLI) and record it."""
        f = Figure(command=call.argv(), call=call, **kw)
        self.figures.append(f)
        return f

    def tracks_call(self, y1: int, y2: int, column: str, changes: bool = False) -> Call:
        params: dict[str, Any] = {"a": self.a.name, "b": self.b.name, "start": y1, "end": y2}
        if not column.startswith("ideal_distance"):
            params["no_ideal"] = True
        if changes:
            params["changes"] = True
        return Call("tracks", {**params, "fmt": "csv"})

    def similarity_call(self, issue: str, y1: int, y2: int) -> Call:
        return Call(
            "similarity",
            {"a": self.a.name, "b": self.b.name, "issue": issue, "by": "year", "start": y1, "end": y2, "fmt": "csv"},
        )

    def source_of(self, column: str) -> str:
        return sources.track_source(column)

    def variable_of(self, column: str) -> str:
        attrs = self.frame.attrs
        return sources.track_variable(column, self.measure, attrs["shared_issues"], attrs["values_issues"])

    def track_value(self, column: str, year: int, digits: int = 2) -> Figure:
        return self.fig(
            self.tracks_call(year, year, column),
            value=value_in(self.frame, column, year),
            source=self.source_of(column),
            variable=f"{self.variable_of(column)}, {year}",
            column=column,
            where={"year": year},
            digits=digits,
        )

    def track_mean(self, column: str, y1: int, y2: int) -> Figure:
        return self.fig(
            self.tracks_call(y1, y2, column),
            value=window_mean(self.frame, column, y1, y2),
            source=self.source_of(column),
            variable=f"{self.variable_of(column)}, mean of {span_text(y1, y2)}",
            column=column,
            reduce="mean",
        )

    # ------------------------------------------------------------------ section 1

    def key_rows(self) -> list[KeyRow]:
        rows = []
        columns = ["shared_interests", "values_votes", "values_institutions"]
        if self.ideal:
            columns += ["ideal_distance", "ideal_distance_hr"]
        for column in columns:
            win = column_windows(self.frame, column)
            if win is None:
                continue
            (e1, e2), (r1, r2) = win
            early, recent = self.track_mean(column, e1, e2), self.track_mean(column, r1, r2)
            row = KeyRow(
                column=column,
                label=tr.TRACK_LABELS[column],
                early=early,
                recent=recent,
                early_span=span_text(e1, e2),
                recent_span=span_text(r1, r2),
                trend=trend_word(early.amount, recent.amount),
                latest_year=r2,
                latest=self.track_value(column, r2),
            )
            if f"{column}_n" in self.frame:
                row.latest_n = self.track_value(f"{column}_n", r2, digits=0)
            if f"{column}_lo" in self.frame and self.frame[f"{column}_lo"].notna().any():
                row.latest_lo = self.track_value(f"{column}_lo", r2)
                row.latest_hi = self.track_value(f"{column}_hi", r2)
            rows.append(row)
        return rows

    def correlation(self) -> tuple[Figure | None, int]:
        r, n = correlation(self.frame, "shared_interests", "values_votes")
        if r is None:
            return None, n
        fig = self.fig(
            self.tracks_call(self.first, self.last, "shared_interests"),
            value=r,
            source=self.source_of("shared_interests"),
            variable=f"Pearson r of yearly shared-interest and human-rights vote {self.measure}, "
            f"{span_text(self.first, self.last)}",
            column="shared_interests",
            reduce="corr:values_votes",
        )
        return fig, n

    def change_rows(self, changes: pd.DataFrame, track: str) -> list[Change]:
        rows = []
        for r in changes[changes["track"] == track].itertuples(index=False):
            call = self.tracks_call(self.first, self.last, track, changes=True)
            where = {"track": track, "year": int(r.year)}
            src = f"{self.source_of(track)}; {sources.CHANGE_POINTS}"
            before_years, after_years = (int(r.before_from), int(r.before_to)), (int(r.after_from), int(r.after_to))
            before = self.fig(
                call,
                value=float(r.before_mean),
                source=src,
                variable=f"{track}: mean of the segment {span_text(*before_years)}",
                column="before_mean",
                where=where,
            )
            after = self.fig(
                call,
                value=float(r.after_mean),
                source=src,
                variable=f"{track}: mean of the segment {span_text(*after_years)}",
                column="after_mean",
                where=where,
            )
            comp_before = comp_after = None
            if r.companion:
                comp_before = self.track_mean(r.companion, *before_years)
                comp_after = self.track_mean(r.companion, *after_years)
            rows.append(
                Change(
                    track=track,
                    label=cp.LABELS.get(track, track),
                    year=int(r.year),
                    verb="rose" if r.direction == "up" else "fell",
                    before=before,
                    after=after,
                    before_years=before_years,
                    after_years=after_years,
                    before_span=span_text(*before_years),
                    after_span=span_text(*after_years),
                    companion=cp.LABELS.get(r.companion, r.companion),
                    comp_before=comp_before,
                    comp_after=comp_after,
                    comp_trend=trend_word(comp_before.amount, comp_after.amount)
                    if comp_before and comp_after
                    else "unknown",
                )
            )
        return rows

    # ------------------------------------------------------------------ section 3

    def hr_latest(self) -> Figure | None:
        """The latest human-rights similarity, reproduced by the similarity command (another code path)."""
        years = self.frame.loc[self.frame["values_votes"].notna(), "year"]
        if years.empty or self.frame.attrs["values_issues"] != ["hr"]:
            return None
        y = int(years.iloc[-1])
        return self.fig(
            self.similarity_call("hr", y, y),
            value=value_in(self.frame, "values_votes", y),
            source=self.source_of("values_votes"),
            variable=f"vote {self.measure} on human-rights roll calls (hr), {y}",
            column=self.measure,
            where={"year": y},
        )

    def dimension_rows(self, gap: pd.DataFrame, labels: dict[str, str]) -> list[DimensionRow]:
        rows = []
        for dim in tr.DIMENSIONS:
            sel = gap[(gap["dimension"] == dim) & gap["gap"].notna()]
            if sel.empty:
                rows.append(DimensionRow(dimension=dim, label=labels.get(dim, dim), present=False))
                continue
            y0, y1 = int(sel["year"].iloc[0]), int(sel["year"].iloc[-1])
            first, latest = self.dimension_year(sel, dim, y0), self.dimension_year(sel, dim, y1)
            # where a source enters or leaves inside the period (values are chain-linked across it)
            moved = sel[(sel["year"] > y0) & (sel["coverage_change"] != "")] if "coverage_change" in sel else sel[:0]
            coverage = [f"{int(r.year)}: {r.coverage_change}" for r in moved.itertuples()]
            rows.append(
                DimensionRow(
                    dimension=dim,
                    label=labels.get(dim, dim),
                    present=True,
                    y0=y0,
                    y1=y1,
                    first=first,
                    latest=latest,
                    gap_trend=GAP_TRENDS.get(trend_word(abs(first.gap.amount), abs(latest.gap.amount)), "unknown"),
                    b_trend=trend_word(first.b_value.amount, latest.b_value.amount),
                    b_change=latest.b_value.amount - first.b_value.amount,
                    coverage=coverage,
                )
            )
        return rows

    def dimension_year(self, sel: pd.DataFrame, dim: str, year: int) -> DimensionYear:
        """Return both states' values of dimension ``dim`` and their gap in ``year`` (rows ``sel`` of values_gap)."""
        call = Call(
            "values",
            {"a": self.a.name, "b": self.b.name, "dimension": dim, "start": year, "end": year, "fmt": "csv"},
        )
        who = {"a_value": self.a.name, "b_value": self.b.name, "gap": f"{self.a.name} − {self.b.name}"}

        def one(column: str) -> Figure:
            return self.fig(
                call,
                value=float(sel.loc[sel["year"] == year, column].iloc[0]),
                source=self.source_of("gap_"),
                variable=f"{dim}, {who[column]}, {year}",
                column=column,
                where={"year": year},
            )

        return DimensionYear(a_value=one("a_value"), b_value=one("b_value"), gap=one("gap"))

    # ------------------------------------------------------------------ section 4

    def ledger_rows(self, state: Country, ledger: pd.DataFrame | None, start: int | None) -> list[LedgerRow]:
        """Return the ledger's dated acts from ``start`` on (None: all), each with its record as a figure."""
        if ledger is None or ledger.empty:
            return []
        return [self.ledger_row(state, r, start) for r in dated_acts(ledger, start).itertuples(index=False)]

    def ledger_row(self, state: Country, r: Any, start: int | None) -> LedgerRow:
        """Return one act (a row of :func:`~valuesgap.analysis.standing.dated_acts`) as a ledger row.

        Its record's footnote runs ``valuesgap commitments`` from ``start`` (None: all years).
        """
        date = "" if pd.isna(r.date) else pd.Timestamp(r.date).strftime("%Y-%m-%d")
        record = None
        if str(r.record):
            record = self.fig(
                Call("commitments", {"state": state.name, "start": start, "fmt": "csv"}),
                value=str(r.record),
                source=f"commitments ledger: {r.source}",
                variable=f"{r.commitment} {r.action}: compliance record since {int(r.year)}",
                column="record",
                where={"date": date, "commitment": r.commitment, "action": r.action},
                reduce="text",
            )
        return LedgerRow(
            state=state.iso3,
            date=r.when,
            commitment=r.commitment,
            action=r.action,
            track=r.track,
            dimensions=r.dimensions,
            record=record,
            url=r.url,
            source=r.source,
            left=is_leaving(r.action),
        )

    # ------------------------------------------------------------------ section 5

    def issue_rows(self) -> list[IssueRow]:
        rows = []
        trends = issue_trends(
            self.a.iso3, self.b.iso3, start=self.first, end=self.last, measure=self.measure, issues=ISSUE_ORDER
        )
        for t in trends:

            def mean(years: tuple[int, int], value: float) -> Figure:
                return self.fig(
                    self.similarity_call(t.issue, *years),
                    value=value,
                    source=self.source_of("shared_interests"),
                    variable=f"vote {self.measure} on issue {t.issue}, mean of {span_text(*years)}",
                    column=self.measure,
                    reduce="mean",
                )

            rows.append(
                IssueRow(
                    issue=t.issue,
                    label=t.label,
                    early=mean(t.early, t.early_mean),
                    recent=mean(t.recent, t.recent_mean),
                    early_span=t.early_span,
                    recent_span=t.recent_span,
                    n=t.recent_n,
                    trend=t.trend,
                )
            )
        return rows

    def track_windows(self) -> TrackWindows | None:
        win = column_windows(self.frame, "shared_interests")
        if win is None:
            return None
        (e1, e2), (r1, r2) = win
        means = {
            (key, when): self.track_mean(column, *years)
            for key, column in (("si", "shared_interests"), ("vv", "values_votes"), ("gap", "values_institutions"))
            for when, years in (("early", (e1, e2)), ("recent", (r1, r2)))
        }

        def trend(key: str) -> str:
            return trend_word(means[key, "early"].amount, means[key, "recent"].amount)

        return TrackWindows(
            early_span=span_text(e1, e2),
            recent_span=span_text(r1, r2),
            si_early=means["si", "early"],
            si_recent=means["si", "recent"],
            si_trend=trend("si"),
            vv_early=means["vv", "early"],
            vv_recent=means["vv", "recent"],
            vv_trend=trend("vv"),
            gap_early=means["gap", "early"],
            gap_recent=means["gap", "recent"],
            gap_trend=trend("gap"),
        )

    def rise(self, change: Change) -> Rise:
        """Return a rise of the shared-interest track with the other two tracks over the same segments."""
        return Rise(
            change=change,
            vv_before=self.track_mean("values_votes", *change.before_years),
            vv_after=self.track_mean("values_votes", *change.after_years),
            gap_before=self.track_mean("values_institutions", *change.before_years),
            gap_after=self.track_mean("values_institutions", *change.after_years),
        )

    def rule_of_law(self) -> list[Component]:
        from valuesgap.analysis.values import dimension_catalog, value_components

        try:
            comp = value_components(self.b.iso3, dimension="rule_of_law", start=self.first, end=self.last)
        except NoData:
            return []
        notes = dimension_catalog().set_index(["source", "variable"])["note"].to_dict()
        out = []
        for (source, variable), rows in comp.groupby(["source", "variable"], sort=False):
            rows = rows[rows["scaled"].notna()].sort_values("year")
            if rows.empty:
                continue
            y0, y1 = int(rows["year"].iloc[0]), int(rows["year"].iloc[-1])

            def scaled(year: int) -> Figure:
                return self.fig(
                    Call(
                        "values",
                        {
                            "a": self.b.name,
                            "dimension": "rule_of_law",
                            "components": True,
                            "start": year,
                            "end": year,
                            "fmt": "csv",
                        },
                    ),
                    value=float(rows.loc[rows["year"] == year, "scaled"].iloc[0]),
                    source=sources.indicator_source(source),
                    variable=f"{source}:{variable} for {self.b.name}, scaled 0–1, {year}",
                    column="scaled",
                    where={"source": source, "variable": variable},
                )

            first, latest = scaled(y0), scaled(y1)
            out.append(
                Component(
                    component=f"{source}:{variable}",
                    note=notes.get((source, variable), ""),
                    y0=y0,
                    y1=y1,
                    first=first,
                    latest=latest,
                    trend=trend_word(first.amount, latest.amount),
                )
            )
        return out


def _instrument_table(rows: list[LedgerRow], a: Country) -> list[Instrument]:
    """Return one row per instrument: its name and each state's acts on record ("signed 2010-04-08; …")."""
    acts: dict[str, tuple[str, list[str], list[str]]] = {}
    for r in rows:
        url, of_a, of_b = acts.setdefault(r.commitment, (r.url, [], []))
        (of_a if r.state == a.iso3 else of_b).append(f"{r.action} {r.date}")
    return [
        Instrument(commitment=name, url=url, a="; ".join(of_a) or "–", b="; ".join(of_b) or "–")
        for name, (url, of_a, of_b) in acts.items()
    ]


def _ledger(state: Country, missing: list[str]) -> pd.DataFrame | None:
    from valuesgap.analysis.commitments import commitments

    try:
        return commitments(state.iso3)
    except NoData as exc:
        missing.append(f"commitments: {exc}")
        return None


@renamed_arguments(positional=2, old_order=("since", "until"), since="start", until="end")
def build_brief(a: str, b: str, *, start: int | None = None, end: int | None = None) -> Brief:
    """Return the brief's content for states ``a`` (the reader's side) and ``b`` over start…end.

    Period: start…end, trimmed at either end to the years in which both voted on the shared-interest
    or human-rights roll calls (the trimming is listed in ``Brief.missing``). Raises InputError/UnknownCountry/NoData only when there is no brief
    to write (same state, unknown name, no joint votes); anything else missing is listed in
    ``Brief.missing``.
    """
    from valuesgap.analysis.values import load_dimensions, values_gap

    ca, cb = resolve(a), resolve(b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    since, until = selection.check_period(start, end)
    frame = tr.tracks(ca.iso3, cb.iso3, start=since, end=until)
    voted = frame.loc[frame[["shared_interests", "values_votes"]].notna().any(axis=1), "year"]
    if voted.empty:
        raise NoData(
            f"{ca.name} and {cb.name} have no shared-interest or human-rights votes together in "
            f"{int(frame['year'].min())}–{int(frame['year'].max())}: try another period"
        )
    # the brief covers the asked years, trimmed to those with votes on the two tracks at either end
    first = max(int(since), int(voted.iloc[0])) if since is not None else int(voted.iloc[0])
    last = min(int(until), int(voted.iloc[-1])) if until is not None else int(voted.iloc[-1])
    missing = []
    if since is not None and first > since:
        missing.append(f"no shared-interest or human-rights votes by both before {first}: the brief starts there")
    if until is not None and last < until:
        missing.append(f"no shared-interest or human-rights votes by both after {last}: the brief ends there")
    frame = frame[(frame["year"] >= first) & (frame["year"] <= last)].reset_index(drop=True)
    missing += list(frame.attrs["missing"])
    builder = _Builder(ca, cb, first, last, frame)

    # the ideal points follow a random walk (smoothed paths): a change-in-mean model would cut their
    # trend into steps, so change points are sought on the three tracks only
    changes = cp.change_points(frame, list(CHANGE_TRACKS))

    ledgers = {s.iso3: _ledger(s, missing) for s in (ca, cb)}
    events = ev.timeline(
        ca.iso3, cb.iso3, start=first, end=last, ledgers={k: v for k, v in ledgers.items() if v is not None}
    )
    curated = bool(events.attrs.get("curated"))
    if not curated:
        missing.append(
            f"no curated timeline for {ca.name} – {cb.name}: the charts mark only the two states' "
            "own dated commitments (add events to facts/events.toml)"
        )

    labels = {k: d.label for k, d in load_dimensions().items()}
    try:
        gap = values_gap(ca.iso3, cb.iso3, start=first, end=last)
    except NoData:
        gap = None
    missing += [g.sentence() for g in coverage_gaps([ca.iso3, cb.iso3], first, last)]

    key = builder.key_rows()
    arenas = arena_section.build(builder.fig, ca, cb, first, last, frame, builder.measure, builder.track_mean)
    arenas.timeline = arena_section.timeline(events if curated else events.iloc[0:0], arenas)
    corr, corr_n = builder.correlation()
    by_track = Changes(**{t: builder.change_rows(changes, t) for t in CHANGE_TRACKS})
    dims = builder.dimension_rows(gap, labels) if gap is not None else []
    issue_rows = builder.issue_rows()
    issue_frame = pd.DataFrame(
        {
            "label": [r.label for r in issue_rows],
            "early": [r.early.amount for r in issue_rows],
            "recent": [r.recent.amount for r in issue_rows],
        }
    )
    ledger_a = builder.ledger_rows(ca, ledgers[ca.iso3], start=first)
    ledger_b = builder.ledger_rows(cb, ledgers[cb.iso3], start=first)
    shared_treaties = _instrument_table([r for r in ledger_a + ledger_b if r.track == "shared_interest"], ca)

    # B's standing on its values commitments is judged on its whole ledger, not only the brief's years
    ledger_of_b = ledgers[cb.iso3]
    held: list[LedgerRow] = []
    left: list[LedgerRow] = []
    if ledger_of_b is not None and not ledger_of_b.empty:
        stand = standing(ledger_of_b)
        held = [builder.ledger_row(cb, r, None) for r in stand.held.itertuples(index=False)]
        left = [builder.ledger_row(cb, r, None) for r in stand.left.itertuples(index=False)]
    falls = sorted([d for d in dims if d.present], key=lambda d: d.b_change)
    windows = builder.track_windows()
    # the institutional gap and the human-rights votes over each rise of the shared-interest track
    rises = [builder.rise(c) for c in by_track.shared_interests if c.verb == "rose"] if windows is not None else []

    placed = placement(ca, cb, first, last, builder.fig)  # before Brief(): it records figures

    return Brief(
        a=ca,
        b=cb,
        first=first,
        last=last,
        measure=builder.measure,
        generated=dt.date.today().isoformat(),
        data_version=store.data_version(),
        tracks=frame,
        changes=changes,
        events=events,
        curated=curated,
        gap=gap,
        key=key,
        summary=Summary(corr=corr, corr_n=corr_n, changes=by_track),
        shared=SharedSection(changes=by_track.shared_interests, treaties=shared_treaties),
        values=ValuesSection(
            changes=by_track.values_votes,
            hr_latest=builder.hr_latest(),
            dims=dims,
            labels=labels,
            inst_changes=by_track.values_institutions,
        ),
        commitments=CommitmentsSection(a=ledger_a, b=ledger_b),
        linkage=LinkageSection(issues=issue_rows, issue_frame=issue_frame, treaties=shared_treaties),
        compartmentalization=CompartmentalizationSection(windows=windows, rises=rises),
        intersection=IntersectionSection(
            held=held,
            left=left,
            rule_of_law=builder.rule_of_law(),
            falls=falls,
            largest_fall=falls[0] if falls and falls[0].b_change < -TREND_THRESHOLD else None,
            last_inst_change=by_track.values_institutions[-1] if by_track.values_institutions else None,
        ),
        missing=list(dict.fromkeys(missing)),
        sources=sources.source_notes(),
        figures=builder.figures,
        placement=placed,
        data_ends=coverage.data_ends().to_dict(orient="records"),
        arenas=arenas,
    )


__all__ = ["Brief", "build_brief"]
