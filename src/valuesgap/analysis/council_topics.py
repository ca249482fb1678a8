"""Topic groups of Security Council drafts: the curated mapping (``facts/council_topics.toml``) or the
user's own file, and the assignment of each draft to one group.

Precedence: the draft's symbol, then its ``Topic``, then its ``Agenda item``; a draft none of them
matches falls back to its ``Region`` (Africa, Americas, Asia, Europe, Middle East; no region: thematic)
and is listed in ``unmapped``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from valuesgap.errors import InputError

KINDS = ("shared", "contested", "regional", "thematic")
REGION_GROUPS = {
    "Africa": "africa",
    "Americas": "americas",
    "Asia": "asia",
    "Europe": "europe",
    "Middle East": "middle_east",
}
FALLBACK_GROUP = "thematic"


@dataclass(frozen=True)
class TopicMap:
    """Groups (name → kind, label) and the three lookup tables (value → group, reason)."""

    groups: dict[str, tuple[str, str]]
    drafts: dict[str, tuple[str, str]] = field(default_factory=dict)
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)
    agenda_items: dict[str, tuple[str, str]] = field(default_factory=dict)
    origin: str = "council_topics.toml"

    def kind_of(self, group: str) -> str:
        return self.groups[group][0]

    def label_of(self, group: str) -> str:
        return self.groups[group][1]

    def groups_of_kind(self, kind: str) -> list[str]:
        return [g for g, (k, _) in self.groups.items() if k == kind]


def default_path() -> Path:
    """Return the packaged mapping file."""
    return Path(str(resources.files("valuesgap") / "facts" / "council_topics.toml"))


def load(path: str | Path | None = None) -> TopicMap:
    """Return the topic mapping in ``path`` (default: the packaged file); InputError naming what is wrong."""
    source = Path(path) if path is not None else default_path()
    if not source.is_file():
        raise InputError(f"topic mapping file {source} does not exist: pass an existing TOML file")
    try:
        with open(source, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"topic mapping file {source} is not valid TOML ({exc})") from None
    groups: dict[str, tuple[str, str]] = {}
    for name, spec in (data.get("groups") or {}).items():
        kind = spec.get("kind") if isinstance(spec, dict) else None
        if kind not in KINDS:
            raise InputError(f"{source.name}: group {name!r} needs kind = one of {', '.join(KINDS)}")
        groups[name] = (kind, str(spec.get("label", name)))
    for fallback in (*REGION_GROUPS.values(), FALLBACK_GROUP):
        groups.setdefault(fallback, ("regional" if fallback != FALLBACK_GROUP else "thematic", fallback))
    tables = {}
    for section in ("drafts", "topics", "agenda_items"):
        table = {}
        for value, spec in (data.get(section) or {}).items():
            if not isinstance(spec, dict) or spec.get("group") not in groups or not spec.get("reason"):
                raise InputError(
                    f"{source.name}: [{section}] {value!r} needs group = a group declared under [groups] and a reason"
                )
            table[value] = (spec["group"], spec["reason"])
        tables[section] = table
    if not any(tables.values()):
        raise InputError(f"{source.name}: no [topics], [agenda_items] or [drafts] entries")
    return TopicMap(groups, tables["drafts"], tables["topics"], tables["agenda_items"], source.name)


def assign(drafts: pd.DataFrame, topics: TopicMap) -> tuple[pd.Series, list[str]]:
    """Return each draft's group (aligned with ``drafts``: symbol, topic, agenda_item, region) and the
    source values the mapping does not cover (the draft fell back to its region)."""
    groups = []
    unmapped: list[str] = []
    for symbol, topic, agenda, region in zip(
        drafts["symbol"], drafts["topic"], drafts["agenda_item"], drafts["region"]
    ):
        for table, key in ((topics.drafts, symbol), (topics.topics, topic), (topics.agenda_items, agenda)):
            if isinstance(key, str) and key in table:
                groups.append(table[key][0])
                break
        else:
            groups.append(REGION_GROUPS.get(region, FALLBACK_GROUP) if isinstance(region, str) else FALLBACK_GROUP)
            unmapped.append(str(topic if isinstance(topic, str) else agenda))
    return pd.Series(groups, index=drafts.index, name="group"), sorted(set(unmapped))


def select(topic: str | None, topics: TopicMap) -> tuple[str, list[str]]:
    """Return (selection label, groups) for ``topic``: None or 'all' (every group), a kind ('shared',
    'contested', 'regional', 'thematic') or one group name; InputError listing the choices."""
    if topic is None or str(topic).strip().lower() == "all":
        return "all", list(topics.groups)
    key = str(topic).strip().lower()
    if key in KINDS:
        return key, topics.groups_of_kind(key)
    if key in topics.groups:
        return key, [key]
    choices = ["all", *KINDS, *topics.groups]
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise InputError(
        f"unknown topic group {topic!r}: {hint}use all, a kind ({', '.join(KINDS)}) or a group: "
        f"{', '.join(topics.groups)}",
        params=("topic",),
    )
