"""Issue codes (me nu di hr co ec) for roll calls from the official UN file, by a curated mapping.

The rules live in ``facts/undl_issue_codes.toml``, each with its reason; they match subject headings and
the title case-insensitively. :func:`quality` measures the mapping against Voeten's own codes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.issues import ISSUE_CODES


@dataclass(frozen=True)
class Rule:
    """One curated rule: the issue code, its compiled pattern and the reason it is there."""

    code: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class Mapping:
    """The rules that set a code and those that remove it again."""

    include: tuple[Rule, ...]
    exclude: tuple[Rule, ...]


def _rules(entries: list[dict], where: str) -> tuple[Rule, ...]:
    rules = []
    for entry in entries:
        code = entry.get("code")
        if code not in ISSUE_CODES or not entry.get("pattern") or not entry.get("reason"):
            raise DataMissing(f"{where}: each rule needs code (one of {' '.join(ISSUE_CODES)}), pattern and reason")
        rules.append(Rule(code, re.compile(entry["pattern"], re.IGNORECASE), entry["reason"]))
    return tuple(rules)


def load_mapping(path: Path | None = None) -> Mapping:
    """Return the mapping from ``path`` (default: the curated file shipped with valuesgap)."""
    if path is None:
        return _default_mapping()
    try:
        data = tomllib.loads(Path(path).read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataMissing(f"cannot read the issue-code mapping {path} ({exc.__class__.__name__})") from exc
    return Mapping(_rules(data.get("rule", []), str(path)), _rules(data.get("exclude", []), str(path)))


@lru_cache(maxsize=1)
def _default_mapping() -> Mapping:
    text = resources.files("valuesgap.facts").joinpath("undl_issue_codes.toml").read_text()
    data = tomllib.loads(text)
    return Mapping(
        _rules(data["rule"], "undl_issue_codes.toml"), _rules(data.get("exclude", []), "undl_issue_codes.toml")
    )


def codes_for(subjects: list[str], title: str, mapping: Mapping | None = None) -> dict[str, bool]:
    """Return {code: bool} for one roll call from its subject headings and title."""
    mapping = mapping or _default_mapping()
    texts = [s for s in subjects if s] + ([title] if title else [])
    found = {code: False for code in ISSUE_CODES}
    for rule in mapping.include:
        if not found[rule.code] and any(rule.pattern.search(t) for t in texts):
            found[rule.code] = True
    for rule in mapping.exclude:
        if found[rule.code] and any(rule.pattern.search(t) for t in texts):
            found[rule.code] = False
    return found


def assign(rollcalls: pd.DataFrame, mapping: Mapping | None = None) -> pd.DataFrame:
    """Return the issue flags (columns me…ec, bool) for frames with ``subjects`` (list) and ``title``."""
    rows = [codes_for(list(s), str(t), mapping) for s, t in zip(rollcalls["subjects"], rollcalls["title"])]
    return pd.DataFrame(rows, columns=list(ISSUE_CODES), index=rollcalls.index).astype(bool)


def quality(predicted: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Return per code: n, reference_positives, predicted_positives, true_positives, precision, recall.

    Both frames hold bool columns me…ec for the same roll calls in the same order. Precision or recall
    is NaN (not 0) when its denominator is 0.
    """
    rows = []
    for code in ISSUE_CODES:
        p = predicted[code].to_numpy(bool)
        r = reference[code].to_numpy(bool)
        tp = int((p & r).sum())
        rows.append(
            {
                "code": code,
                "n": len(p),
                "reference_positives": int(r.sum()),
                "predicted_positives": int(p.sum()),
                "true_positives": tp,
                "precision": tp / p.sum() if p.sum() else np.nan,
                "recall": tp / r.sum() if r.sum() else np.nan,
            }
        )
    return pd.DataFrame(rows)
