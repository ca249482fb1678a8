"""What a registry entry is (:class:`Source`, :class:`SourceFile`) and the contract of a reader module.

A reader module (``valuesgap/sources/<reader>.py``) names its build step and turns the files of its
installed sources into store tables::

    STEP = "V-Dem"                          # the label the build's progress bar shows

    def load(found: Found) -> Loaded:       # found: the installed sources of this reader, their files
        ...
        return Loaded({"indicators": frame})

Several sources may share one reader (e.g. the two UNGA sources are merged by ``unga``); the build
calls each reader once, in registry order, with those of its sources that are installed. A source is
installed in one of two forms: its ``files`` (the forms kept in a mirror folder such as
../shared/data) or its ``upstream`` files (as the publisher publishes them, fetched by
``valuesgap data fetch``); ``found.form(source)`` says which, and the reader reads either.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pandas as pd

MIRROR = "mirror"
UPSTREAM = "upstream"


@dataclass(frozen=True)
class Dataverse:
    """A file of a Dataverse dataset, found through the Native API by the dataset's persistent id and
    the file's name (its label, or its original name for a table Dataverse ingested)."""

    server: str
    pid: str
    filename: str
    version: str = ":latest-published"

    def listing(self) -> str:
        """Return the Native API address listing the files of the dataset version."""
        return f"{self.server}/api/datasets/:persistentId/versions/{self.version}/files?persistentId={quote(self.pid, safe=':/')}"

    def access(self, file_id: int, original: bool) -> str:
        """Return the Data Access API address of one file (``format=original`` for an ingested table)."""
        return f"{self.server}/api/access/datafile/{file_id}" + ("?format=original" if original else "")

    def landing(self) -> str:
        """Return the dataset's page."""
        return f"{self.server}/dataset.xhtml?persistentId={self.pid}"


@dataclass(frozen=True)
class SourceFile:
    """One file of a source: the reader's key for it, where it sits in a data folder, its sha256.

    ``sha256`` is None for a file whose publisher pins no bytes: ``data fetch`` records the hash of
    the first download and later fetches are checked against it. ``url`` (with ``fallbacks`` tried
    on a 404) or ``dataverse`` say where the file is published; ``note`` says what is uncertain.
    """

    key: str
    path: str
    sha256: str | None
    url: str | None = None
    size: int | None = None
    fallbacks: tuple[str, ...] = ()
    dataverse: Dataverse | None = None
    note: str = ""

    def address(self) -> str | None:
        """Return the address shown to the user (for Dataverse, the file-list query and the name)."""
        if self.dataverse is not None:
            return f"{self.dataverse.listing()} → {self.dataverse.filename}"
        return self.url


@dataclass(frozen=True)
class Source:
    """One registry entry: a dataset release, its files, the reader that loads it and how to cite it.

    ``files`` are the forms a mirror folder holds; ``upstream`` the files as published (empty when
    the publisher offers no file address: ``no_address`` says why). ``tables`` are the store tables
    the reader fills. An ``optional`` source may be absent: the build goes on without it and
    ``data status`` lists it as not installed.
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
    upstream: tuple[SourceFile, ...] = ()
    no_address: str = ""
    validate: str = ""
    release_in_address: bool = False

    def forms(self) -> dict[str, tuple[SourceFile, ...]]:
        """Return the source's forms: mirror files, and upstream files where there are any."""
        return {MIRROR: self.files, **({UPSTREAM: self.upstream} if self.upstream else {})}

    def file(self, key: str, form: str = MIRROR) -> SourceFile:
        """Return the file the reader knows as ``key`` in ``form``."""
        for f in self.forms().get(form, ()):
            if f.key == key:
                return f
        raise KeyError(f"source {self.id} has no {form} file {key!r}")

    def form_in(self, folder: Path) -> str | None:
        """Return the form in which this source is complete in ``folder`` (mirror first), or None."""
        for form, files in self.forms().items():
            if files and all((Path(folder) / f.path).exists() for f in files):
                return form
        return None

    def installed_in(self, folder: Path) -> bool:
        """Return True when every file of one form of this source is in ``folder``."""
        return self.form_in(folder) is not None


@dataclass(frozen=True)
class Found:
    """The installed sources handed to one reader, the form each is in, and where their files are."""

    mirror: Path
    sources: dict[str, Source]
    forms: dict[str, str] = field(default_factory=dict)

    def has(self, source: str) -> bool:
        """Return True when ``source`` is installed (and so is passed to the reader)."""
        return source in self.sources

    def form(self, source: str) -> str:
        """Return the form ``source`` is installed in: ``"mirror"`` or ``"upstream"``."""
        return self.forms.get(source, MIRROR)

    def path(self, source: str, key: str) -> Path:
        """Return the path of file ``key`` of ``source`` (in its installed form) inside the folder."""
        return Path(self.mirror) / self.sources[source].file(key, self.form(source)).path


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
