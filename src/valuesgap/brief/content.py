"""The brief's content: every number, table and chart, computed from the analysis layer.

:func:`build_brief` returns a :class:`Brief`; nothing in it is typed by hand — the sentences of the
templates only join these numbers, and every number is a :class:`~valuesgap.brief.figures.Figure`
that names its source, its variable and the ``valuesgap`` command that reproduces it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from valuesgap import store
from valuesgap.analysis import changepoints as cp
from valuesgap.analysis import events as ev
from valuesgap.analysis import selection
from valuesgap.analysis import similarity as sim
from valuesgap.analysis import tracks as tr
from valuesgap.brief.figures import Figure
from valuesgap.countries import Country, resolve
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData
from valuesgap.measures.indicators import TREND_THRESHOLD, trend_word
from valuesgap.sources import registry

WINDOW = 5
CHANGE_TRACKS = ("shared_interests", "values_votes", "values_institutions")
# the shared-interest codes, then the values codes, then the others
ISSUE_ORDER = tuple(dict.fromkeys((*tr.SHARED_ISSUES, *tr.VALUES_ISSUES, *selection.ISSUE_CODES)))
LEFT = ("withdrew", "expelled", "ceased", "terminated", "suspended", "rejected", "not a party")
INDICATOR_SOURCES = registry.labels(("vdem14", "vdem15", "fh_ratings", "polity5", "fariss", "cirights", "wgi"))


@dataclass
class Brief:
    """Everything the templates show (see the module docstring)."""

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
    key: list[dict]
    summary: dict
    shared: dict
    values: dict
    commitments: dict
    linkage: dict
    compartmentalization: dict
    intersection: dict
    missing: list[str]
    sources: list[dict]
    figures: list[Figure] = field(default_factory=list)
    charts: dict = field(default_factory=dict)

    def summary_text(self) -> str:
        """Return the one-screen summary as plain text lines (for the terminal)."""
        lines = [f"{self.a.name} – {self.b.name}, {self.first}–{self.last} ({self.measure}, 0–1):"]
        for row in self.key:
            early, recent = row["early"], row["recent"]
            lines.append(
                f"  {row['label']}: {early.text} in {row['early_span']} → {recent.text} in "
                f"{row['recent_span']} ({row['trend']})"
            )
        r = self.summary.get("corr")
        if r is not None and not r.missing:
            lines.append(f"  correlation of the two vote tracks across {self.summary['corr_n']} years: r = {r.text}")
        for line in self.missing:
            lines.append(f"  missing: {line}")
        return "\n".join(lines)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


class _Builder:
    """Computes the brief's parts for one dyad and period, recording every figure it makes."""

    def __init__(self, a: Country, b: Country, first: int, last: int, frame: pd.DataFrame):
        self.a, self.b, self.first, self.last, self.frame = a, b, first, last, frame
        self.measure = frame.attrs["measure"]
        self.figures: list[Figure] = []
        self.ideal = bool(frame["ideal_distance"].notna().any() or frame["ideal_distance_hr"].notna().any())

    # ------------------------------------------------------------------ figures

    def _fig(self, **kw) -> Figure:
        f = Figure(**kw)
        self.figures.append(f)
        return f

    def _tracks_cmd(self, y1: int, y2: int, column: str, changes: bool = False) -> list[str]:
        cmd = ["tracks", self.a.name, self.b.name, "--from", str(y1), "--to", str(y2)]
        if not column.startswith("ideal_distance"):
            cmd.append("--no-ideal")
        if changes:
            cmd.append("--changes")
        return [*cmd, "--format", "csv"]

    def source_of(self, column: str) -> str:
        if column.startswith(("shared_interests", "values_votes")):
            return "UNGA roll-call votes (Voeten, Strezhnev & Bailey), store table votes"
        if column.startswith(("gap_", "values_institutions")):
            return (
                "V-Dem, Freedom House, Polity5, Fariss, CIRIGHTS, WGI (store table indicators), facts/dimensions.toml"
            )
        return "yearly ideal points estimated from the UNGA roll-call votes (valuesgap ideal points)"

    def variable_of(self, column: str) -> str:
        issues = (
            "+".join(self.frame.attrs["shared_issues"])
            if column.startswith("shared")
            else "+".join(self.frame.attrs["values_issues"])
        )
        if column.startswith(("shared_interests", "values_votes")):
            suffix = {
                "n": "roll calls where both voted",
                "lo": "lower 95% bootstrap bound",
                "hi": "upper 95% bootstrap bound",
            }.get(column.rsplit("_", 1)[-1], "")
            return f"vote {self.measure} on issue {issues}" + (f" ({suffix})" if suffix else "")
        if column == "values_institutions":
            return "mean over the value dimensions of |A − B| (0–1 scale)"
        if column.startswith("gap_"):
            return f"{column[4:]} dimension, A − B (0–1 scale)"
        return {
            "ideal_distance": "|θA − θB|, ideal points on all roll calls",
            "ideal_distance_hr": "|θA − θB|, ideal points on human-rights roll calls",
        }.get(column, column)

    def track_value(self, column: str, year: int, digits: int = 2) -> Figure:
        row = self.frame.loc[self.frame["year"] == year, column]
        value = float(row.iloc[0]) if not row.empty else math.nan
        return self._fig(
            value=value,
            source=self.source_of(column),
            variable=f"{self.variable_of(column)}, {year}",
            command=self._tracks_cmd(year, year, column),
            column=column,
            where={"year": year},
            digits=digits,
        )

    def track_mean(self, column: str, y1: int, y2: int) -> Figure:
        sel = self.frame.loc[(self.frame["year"] >= y1) & (self.frame["year"] <= y2), column].dropna()
        value = float(sel.mean()) if not sel.empty else math.nan
        return self._fig(
            value=value,
            source=self.source_of(column),
            variable=f"{self.variable_of(column)}, mean of {_span(y1, y2)}",
            command=self._tracks_cmd(y1, y2, column),
            column=column,
            reduce="mean",
        )

    def windows(self, column: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Return the early and recent windows (first/last k years with data) of a column, or None."""
        years = self.frame.loc[self.frame[column].notna(), "year"].astype(int).tolist()
        if not years:
            return None
        k = max(1, min(WINDOW, len(years) // 2 or 1))
        return (years[0], years[k - 1]), (years[-k], years[-1])

    # ------------------------------------------------------------------ parts

    def key_rows(self) -> list[dict]:
        rows = []
        columns = ["shared_interests", "values_votes", "values_institutions"]
        if self.ideal:
            columns += ["ideal_distance", "ideal_distance_hr"]
        for column in columns:
            win = self.windows(column)
            if win is None:
                continue
            (e1, e2), (r1, r2) = win
            early, recent = self.track_mean(column, e1, e2), self.track_mean(column, r1, r2)
            latest_year = r2
            row = {
                "column": column,
                "label": tr.TRACK_LABELS[column],
                "early": early,
                "recent": recent,
                "early_span": _span(e1, e2),
                "recent_span": _span(r1, r2),
                "trend": trend_word(early.value, recent.value),
                "latest_year": latest_year,
                "latest": self.track_value(column, latest_year),
            }
            if f"{column}_n" in self.frame:
                row["latest_n"] = self.track_value(f"{column}_n", latest_year, digits=0)
            if f"{column}_lo" in self.frame and self.frame[f"{column}_lo"].notna().any():
                row["latest_lo"] = self.track_value(f"{column}_lo", latest_year)
                row["latest_hi"] = self.track_value(f"{column}_hi", latest_year)
            rows.append(row)
        return rows

    def correlation(self) -> tuple[Figure | None, int]:
        both = self.frame[["shared_interests", "values_votes"]].dropna()
        if len(both) < 3:
            return None, len(both)
        r = float(np.corrcoef(both["shared_interests"], both["values_votes"])[0, 1])
        fig = self._fig(
            value=r,
            source=self.source_of("shared_interests"),
            variable=f"Pearson r of yearly shared-interest and human-rights vote {self.measure}, "
            f"{_span(self.first, self.last)}",
            command=self._tracks_cmd(self.first, self.last, "shared_interests"),
            column="shared_interests",
            reduce="corr:values_votes",
        )
        return fig, len(both)

    def change_rows(self, changes: pd.DataFrame, track: str) -> list[dict]:
        rows = []
        for r in changes[changes["track"] == track].itertuples(index=False):
            cmd = self._tracks_cmd(self.first, self.last, track, changes=True)
            where = {"track": track, "year": int(r.year)}
            src = self.source_of(track) + "; change points by ruptures Pelt (l2 cost, BIC penalty)"
            before = self._fig(
                value=float(r.before_mean),
                source=src,
                variable=f"{track}: mean of the segment {_span(r.before_from, r.before_to)}",
                command=cmd,
                column="before_mean",
                where=where,
            )
            after = self._fig(
                value=float(r.after_mean),
                source=src,
                variable=f"{track}: mean of the segment {_span(r.after_from, r.after_to)}",
                command=cmd,
                column="after_mean",
                where=where,
            )
            comp_before = comp_after = None
            if r.companion:
                comp_before = self.track_mean(r.companion, int(r.before_from), int(r.before_to))
                comp_after = self.track_mean(r.companion, int(r.after_from), int(r.after_to))
            rows.append(
                {
                    "year": int(r.year),
                    "before": before,
                    "after": after,
                    "b1": int(r.before_from),
                    "b2": int(r.before_to),
                    "a1": int(r.after_from),
                    "a2": int(r.after_to),
                    "comp_before": comp_before,
                    "comp_after": comp_after,
                    "comp_trend": trend_word(comp_before.value, comp_after.value) if comp_before else "unknown",
                    "label": cp.LABELS.get(track, track),
                    "before_span": _span(r.before_from, r.before_to),
                    "after_span": _span(r.after_from, r.after_to),
                    "verb": "rose" if r.direction == "up" else "fell",
                    "sentence": r.sentence,
                    "companion": cp.LABELS.get(r.companion, r.companion),
                    "companion_before": r.companion_before,
                    "companion_after": r.companion_after,
                }
            )
        return rows

    def hr_latest(self) -> Figure | None:
        """The latest human-rights similarity, reproduced by the similarity command (another code path)."""
        years = self.frame.loc[self.frame["values_votes"].notna(), "year"]
        if years.empty or self.frame.attrs["values_issues"] != ["hr"]:
            return None
        y = int(years.iloc[-1])
        value = float(self.frame.loc[self.frame["year"] == y, "values_votes"].iloc[0])
        return self._fig(
            value=value,
            source=self.source_of("values_votes"),
            variable=f"vote {self.measure} on human-rights roll calls (hr), {y}",
            command=[
                "similarity",
                self.a.name,
                self.b.name,
                "--issue",
                "hr",
                "--by",
                "year",
                "--from",
                str(y),
                "--to",
                str(y),
                "--format",
                "csv",
            ],
            column=self.measure,
            where={"year": y},
        )

    def dimension_rows(self, gap: pd.DataFrame, labels: dict[str, str]) -> list[dict]:
        rows = []
        for dim in tr.DIMENSIONS:
            sel = gap[(gap["dimension"] == dim) & gap["gap"].notna()]
            if sel.empty:
                rows.append({"dimension": dim, "label": labels.get(dim, dim), "present": False})
                continue
            y0, y1 = int(sel["year"].iloc[0]), int(sel["year"].iloc[-1])

            def dfig(year: int, column: str) -> Figure:
                val = float(sel.loc[sel["year"] == year, column].iloc[0])
                who = {"a_value": self.a.name, "b_value": self.b.name, "gap": f"{self.a.name} − {self.b.name}"}[column]
                return self._fig(
                    value=val,
                    source=self.source_of("gap_"),
                    variable=f"{dim}, {who}, {year}",
                    command=[
                        "values",
                        self.a.name,
                        self.b.name,
                        "--dimension",
                        dim,
                        "--from",
                        str(year),
                        "--to",
                        str(year),
                        "--format",
                        "csv",
                    ],
                    column=column,
                    where={"year": year},
                )

            first = {c: dfig(y0, c) for c in ("a_value", "b_value", "gap")}
            latest = {c: dfig(y1, c) for c in ("a_value", "b_value", "gap")}
            rows.append(
                {
                    "dimension": dim,
                    "label": labels.get(dim, dim),
                    "present": True,
                    "y0": y0,
                    "y1": y1,
                    "first": first,
                    "latest": latest,
                    "gap_trend": {"rising": "widening", "falling": "narrowing", "stable": "stable"}.get(
                        trend_word(abs(first["gap"].value), abs(latest["gap"].value)), "unknown"
                    ),
                    "b_trend": trend_word(first["b_value"].value, latest["b_value"].value),
                    "b_change": latest["b_value"].value - first["b_value"].value,
                }
            )
        return rows

    def ledger_rows(self, state: Country, ledger: pd.DataFrame | None, since: int | None = -1) -> list[dict]:
        """Return the ledger's dated rows from ``since`` (default: the brief's first year; None: all)."""
        if ledger is None or ledger.empty:
            return []
        since = self.first if since == -1 else since
        sel = ledger[ledger["year"].notna()]
        if since is not None:
            sel = sel[sel["year"] >= since]
        since_args = ["--from", str(since)] if since is not None else []
        out = []
        for r in sel.itertuples(index=False):
            date = "" if pd.isna(r.date) else pd.Timestamp(r.date).strftime("%Y-%m-%d")
            where = {"date": date, "commitment": r.commitment, "action": r.action}
            record = None
            if str(r.record):
                record = self._fig(
                    value=str(r.record),
                    source=f"commitments ledger: {r.source}",
                    variable=f"{r.commitment} {r.action}: compliance record since {int(r.year)}",
                    command=["commitments", state.name, *since_args, "--format", "csv"],
                    column="record",
                    where=where,
                    reduce="text",
                )
            out.append(
                {
                    "state": state.iso3,
                    "date": date or str(int(r.year)),
                    "commitment": r.commitment,
                    "action": r.action,
                    "track": r.track,
                    "dimensions": r.dimensions,
                    "record": record,
                    "url": r.url,
                    "source": r.source,
                    "left": any(w in str(r.action) for w in LEFT),
                }
            )
        return out

    def issue_table(self) -> tuple[pd.DataFrame, list[dict]]:
        rows, table = [], []
        for issue in ISSUE_ORDER:
            try:
                s = sim.similarity(self.a.iso3, self.b.iso3, issue=issue, by="year", start=self.first, end=self.last)
            except NoData:
                continue
            s = s[s[self.measure].notna()]
            if len(s) < 2:
                continue
            k = max(1, min(WINDOW, len(s) // 2))
            windows = {"early": s.iloc[:k], "recent": s.iloc[-k:]}
            figs = {}
            for name, w in windows.items():
                y1, y2 = int(w["year"].iloc[0]), int(w["year"].iloc[-1])
                figs[name] = self._fig(
                    value=float(w[self.measure].mean()),
                    source=self.source_of("shared_interests"),
                    variable=f"vote {self.measure} on issue {issue}, mean of {_span(y1, y2)}",
                    command=[
                        "similarity",
                        self.a.name,
                        self.b.name,
                        "--issue",
                        issue,
                        "--by",
                        "year",
                        "--from",
                        str(y1),
                        "--to",
                        str(y2),
                        "--format",
                        "csv",
                    ],
                    column=self.measure,
                    reduce="mean",
                )
                figs[f"{name}_span"] = _span(y1, y2)
            figs["n"] = int(windows["recent"]["n"].sum())
            rows.append(
                {
                    "issue": issue,
                    "label": sim.ISSUES[issue],
                    **figs,
                    "trend": trend_word(figs["early"].value, figs["recent"].value),
                }
            )
            table.append({"label": sim.ISSUES[issue], "early": figs["early"].value, "recent": figs["recent"].value})
        rows.sort(key=lambda r: -r["recent"].value)
        frame = pd.DataFrame(table)
        if not frame.empty:
            frame = frame.set_index("label").loc[[r["label"] for r in rows]].reset_index()
        return frame, rows

    def rule_of_law(self) -> list[dict]:
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

            def cfig(year: int) -> Figure:
                val = float(rows.loc[rows["year"] == year, "scaled"].iloc[0])
                return self._fig(
                    value=val,
                    source=f"{INDICATOR_SOURCES.get(source, source)} (store table indicators)",
                    variable=f"{source}:{variable} for {self.b.name}, scaled 0–1, {year}",
                    command=[
                        "values",
                        self.b.name,
                        "--dimension",
                        "rule_of_law",
                        "--components",
                        "--from",
                        str(year),
                        "--to",
                        str(year),
                        "--format",
                        "csv",
                    ],
                    column="scaled",
                    where={"source": source, "variable": variable},
                )

            first, latest = cfig(y0), cfig(y1)
            out.append(
                {
                    "component": f"{source}:{variable}",
                    "note": notes.get((source, variable), ""),
                    "y0": y0,
                    "y1": y1,
                    "first": first,
                    "latest": latest,
                    "trend": trend_word(first.value, latest.value),
                }
            )
        return out


def _standing(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split a state's values commitments bearing on a dimension into (still held, left).

    A commitment whose latest act on record is a leaving act (withdrew, expelled, ceased, …) is left
    (its leaving act is returned); otherwise all its acts are still held.
    """
    by_name: dict[str, list[dict]] = {}
    for r in rows:
        if r["track"] == "values" and r["dimensions"]:
            by_name.setdefault(r["commitment"], []).append(r)
    held, left = [], []
    for acts in by_name.values():
        latest = max(acts, key=lambda r: r["date"])
        if latest["left"]:
            left.append(latest)
        else:
            held.extend(acts)
    return sorted(held, key=lambda r: r["date"]), sorted(left, key=lambda r: r["date"])


def _instrument_table(rows: list[dict], a: Country, b: Country) -> list[dict]:
    """Return one row per instrument: its name and each state's acts on record ("signed 2010-04-08; …")."""
    table: dict[str, dict] = {}
    for r in rows:
        entry = table.setdefault(r["commitment"], {"commitment": r["commitment"], "url": r["url"], "a": [], "b": []})
        entry["a" if r["state"] == a.iso3 else "b"].append(f"{r['action']} {r['date']}")
    return [{**e, "a": "; ".join(e["a"]) or "–", "b": "; ".join(e["b"]) or "–"} for e in table.values()]


def _coverage(iso3s: list[str], first: int, last: int) -> list[str]:
    """Return one line per indicator source with no data for a state in the period."""
    got = store.query(
        "SELECT iso3, source, min(year) AS lo, max(year) AS hi FROM indicators WHERE iso3 IN (?, ?) "
        "AND year BETWEEN ? AND ? GROUP BY iso3, source",
        [*iso3s, first, last],
    )
    lines = []
    for iso3 in iso3s:
        have = set(got.loc[got["iso3"] == iso3, "source"])
        for source, label in INDICATOR_SOURCES.items():
            if source not in have:
                lines.append(f"{label} has no data for {resolve(iso3).name} in {first}–{last}")
    return lines


def _sources() -> list[dict]:
    prov = store.query("SELECT DISTINCT source, citation, version, upstream FROM provenance ORDER BY source")
    return prov.to_dict(orient="records")


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
    cols = list(CHANGE_TRACKS)
    changes = cp.change_points(frame, cols)

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
    missing += _coverage([ca.iso3, cb.iso3], first, last)

    key = builder.key_rows()
    corr, corr_n = builder.correlation()
    summary = {"corr": corr, "corr_n": corr_n, "changes": {t: builder.change_rows(changes, t) for t in cols}}
    dims = builder.dimension_rows(gap, labels) if gap is not None else []
    issue_frame, issue_rows = builder.issue_table()
    ledger_a, ledger_b = builder.ledger_rows(ca, ledgers[ca.iso3]), builder.ledger_rows(cb, ledgers[cb.iso3])

    shared_treaties = _instrument_table([r for r in ledger_a + ledger_b if r["track"] == "shared_interest"], ca, cb)
    invoke, left = _standing(builder.ledger_rows(cb, ledgers[cb.iso3], since=None))
    present_dims = [d for d in dims if d["present"]]
    falls = sorted(present_dims, key=lambda d: d["b_change"])
    si_up = [r for r in summary["changes"].get("shared_interests", []) if r["verb"] == "rose"]
    si_win = builder.windows("shared_interests")
    comp = {"si_up": si_up}
    if si_win is not None:
        (e1, e2), (r1, r2) = si_win
        comp.update(
            {
                "e_span": _span(e1, e2),
                "r_span": _span(r1, r2),
                "si_early": builder.track_mean("shared_interests", e1, e2),
                "si_recent": builder.track_mean("shared_interests", r1, r2),
                "vv_early": builder.track_mean("values_votes", e1, e2),
                "vv_recent": builder.track_mean("values_votes", r1, r2),
                "gap_early": builder.track_mean("values_institutions", e1, e2),
                "gap_recent": builder.track_mean("values_institutions", r1, r2),
            }
        )
        for k in ("si", "vv", "gap"):
            comp[f"{k}_trend"] = trend_word(comp[f"{k}_early"].value, comp[f"{k}_recent"].value)
        # the institutional gap over each rise of the shared-interest track
        for r in si_up:
            b1, b2, a1, a2 = r["b1"], r["b2"], r["a1"], r["a2"]
            r["gap_before"] = builder.track_mean("values_institutions", b1, b2)
            r["gap_after"] = builder.track_mean("values_institutions", a1, a2)
            r["vv_before"] = builder.track_mean("values_votes", b1, b2)
            r["vv_after"] = builder.track_mean("values_votes", a1, a2)

    inst_changes = summary["changes"].get("values_institutions", [])
    brief = Brief(
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
        summary=summary,
        shared={"changes": summary["changes"].get("shared_interests", []), "treaties": shared_treaties},
        values={
            "changes": summary["changes"].get("values_votes", []),
            "hr_latest": builder.hr_latest(),
            "dims": dims,
            "labels": labels,
            "inst_changes": inst_changes,
        },
        commitments={"a": ledger_a, "b": ledger_b},
        linkage={"issues": issue_rows, "issue_frame": issue_frame, "treaties": shared_treaties},
        compartmentalization=comp,
        intersection={
            "invoke": invoke,
            "left": left,
            "rule_of_law": builder.rule_of_law(),
            "falls": falls,
            "largest_fall": falls[0] if falls and falls[0]["b_change"] < -TREND_THRESHOLD else None,
            "last_inst_change": inst_changes[-1] if inst_changes else None,
        },
        missing=list(dict.fromkeys(missing)),
        sources=_sources(),
        figures=builder.figures,
    )
    return brief


__all__ = ["Brief", "build_brief"]
