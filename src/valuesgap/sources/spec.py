"""What a registry entry is (:class:`Source`, :class:`SourceFile`) and the contract of a reader module.

A reader module (``valuesgap/sources/<reader>.py``) names its build step and turns the files of its
installed sources into store tables::

    STEP = "V-Dem"                          # the label the build's progress bar shows

    def load(found: Found) -> Loaded:       # found: the installed sources of this reader, their files
        ...
        return Loaded({"indicators": frame})

Several sources may share one reader (e.g. the two UNGA sources are merged by ``unga``); the build
calls each reader once, in registry order, with those of its sources that are installed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class SourceFile:
    """One file of a source: the reader's key for it, its path inside a mirror, its published sha256.

    ``sha256`` is None for a file published at an address that does not pin its bytes: ``data fetch``
    records the hash of the first download and later fetches are checked against it.
    """

    key: str
    path: str
    sha256: str | None
    url: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Source:
    """One registry entry: a dataset release, its files, the reader that loads it and how to cite it.

    ``tables`` are the store tables the reader fills from it. An ``optional`` source may be absent
    from a mirror: the build goes on without it and ``data status`` lists it as not installed.
    """

    id: str
    label: str
    reader: str
    tables: tuple[str, ...]
    files: tuple[SourceFile, ...]
    version: str
    citation: str
    landing: str
    licence: str
    optional: bool = False

    def file(self, key: str) -> SourceFile:
        """Return the file the reader knows as ``key``."""
        for f in self.files:
            if f.key == key:
                return f
        raise KeyError(f"source {self.id} has no file {key!r}")

    def installed_in(self, mirror: Path) -> bool:
        """Return True when every file of this source is in ``mirror``."""
        return all((Path(mirror) / f.path).exists() for f in self.files)


@dataclass(frozen=True)
class Found:
    """The installed sources handed to one reader, and where their files are."""

    mirror: Path
    sources: dict[str, Source]

    def has(self, source: str) -> bool:
        """Return True when ``source`` is installed (and so is passed to the reader)."""
        return source in self.sources

    def path(self, source: str, key: str) -> Path:
        """Return the path of file ``key`` of ``source`` inside the mirror."""
        return Path(self.mirror) / self.sources[source].file(key).path


@dataclass
class Loaded:
    """What a reader returns: store table name → rows to append, and optionally rows read per file.

    ``rows`` maps (source id, file key) to the rows read from that file; a file not listed is credited
    with the rows of its source id in the returned tables' ``source`` column.
    """

    tables: dict[str, pd.DataFrame]
    rows: dict[tuple[str, str], int] = field(default_factory=dict)


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
