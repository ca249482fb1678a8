"""``valuesgap data fetch``: download the source files, check them, install each source atomically.

Without a mirror every source comes from its publisher (the registry's ``upstream`` files: a direct
address, with fallbacks tried on a 404, or a Dataverse file found by dataset id and file name);
with a mirror (a folder or an http(s) URL laid out like ../shared/data) the mirror's forms come from
there. Sources are fetched up to ``workers`` at a time. Each file is streamed into
``<dest>/.partial/`` (an interrupted download resumes there with an HTTP Range request) and checked:
HTTP status, not an HTML page, the expected size, a complete zip/gzip/xls container, sha256 (as
published, or as recorded at the first download in ``recorded-sha256.json``) and Dataverse's MD5.
Only when every file of a source passes are they renamed into place, so a failing source leaves
nothing of itself half-installed and does not stop the others.

``VALUESGAP_UPSTREAM_BASE`` (tests, private mirrors) sends every upstream request to that base URL,
keeping the path and query.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import os
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from valuesgap.errors import DataMissing, InputError
from valuesgap.sources import registry, releases
from valuesgap.sources.releases import RECORDED
from valuesgap.sources.spec import MIRROR, UPSTREAM, Source, SourceFile, sha256_of

Progress = Callable[[str, int, int], None]
PARTIAL = ".partial"
WORKERS = 4
CHUNK = 1 << 16
TIMEOUT = httpx.Timeout(60.0, connect=20.0)
HEADERS = {"User-Agent": "valuesgap data fetch (https://github.com/valuesgap)"}


class FetchError(Exception):
    """One file could not be had or failed a check; the message is one line."""


@dataclass(frozen=True)
class Planned:
    """One file to fetch: its source, the form, the registry entry and the address to ask."""

    source: Source
    form: str
    file: SourceFile
    address: str | None

    @property
    def label(self) -> str:
        return f"{self.source.id}: {Path(self.file.path).name}"


@dataclass(frozen=True)
class Outcome:
    """What became of one source: ``ok`` (installed), or ``message`` (one line) why not."""

    source: str
    ok: bool
    message: str
    skipped: bool = False


# --------------------------------------------------------------------------- plan


def parse_urls(pairs: Iterable[str]) -> dict[str, str]:
    """Return {"source" or "source.key": url} from ``--url SOURCE[.KEY]=URL`` options."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, url = pair.partition("=")
        if not sep or not url.startswith(("http://", "https://", "file://", "/")):
            raise InputError(f"--url {pair!r}: give SOURCE=URL (e.g. --url unvotes=https://…/unvotes_0.3.0.tar.gz)")
        sid = name.split(".", 1)[0]
        try:
            registry.source(sid)
        except KeyError:
            raise InputError(f"--url {pair!r}: no source {sid!r}; see 'valuesgap data fetch --dry-run'") from None
        out[name] = url
    return out


def selected(only: Iterable[str] | None) -> list[Source]:
    """Return the registry sources named in ``only`` (all when empty); InputError for an unknown id."""
    names = list(only or [])
    known = [s.id for s in registry.SOURCES]
    for name in names:
        if name not in known:
            raise InputError(f"--only {name}: no such source; choose from {', '.join(known)}")
    return [s for s in registry.SOURCES if not names or s.id in names]


def plan(
    mirror: str | Path | None = None, only: Iterable[str] | None = None, urls: dict[str, str] | None = None
) -> list[Planned]:
    """Return the files a fetch would download, with the address of each (None: landing page only)."""
    urls = urls or {}
    out = []
    for source in selected(only):
        if mirror is not None:
            base = str(mirror).rstrip("/")
            out += [Planned(source, MIRROR, f, base + "/" + f.path) for f in source.files]
            continue
        form, files = (UPSTREAM, source.upstream) if source.upstream else (MIRROR, source.files)
        for f in files:
            override = urls.get(f"{source.id}.{f.key}") or (urls.get(source.id) if len(files) == 1 else None)
            address = override or (f.url if f.dataverse is None else None)
            if address is None and f.dataverse is None and override is None:
                out.append(Planned(source, form, f, None))
            else:
                out.append(Planned(source, form, f, address))
    return out


def dry_run(items: list[Planned]) -> list[dict]:
    """Return one row per planned file: source, file, address, version, size, sha256, fallbacks, note."""
    rows = []
    for p in items:
        if p.address is not None:
            address = p.address
        elif p.file.dataverse is not None:
            address = p.file.address()
        else:
            address = f"no file address ({p.source.no_address}); landing page {p.source.landing}"
        rows.append(
            {
                "source": p.source.id,
                "file": p.file.path,
                "address": address,
                "version": p.source.version,
                "size": p.file.size,
                "sha256": p.file.sha256 or "recorded on first download",
                "fallbacks": " ".join(p.file.fallbacks) if p.address == p.file.url else "",
                "note": p.file.note,
            }
        )
    return rows


# --------------------------------------------------------------------------- fetch


def fetch(
    dest: Path,
    *,
    mirror: str | Path | None = None,
    only: Iterable[str] | None = None,
    urls: dict[str, str] | None = None,
    progress: Progress | None = None,
    workers: int = WORKERS,
) -> list[Outcome]:
    """Fetch the selected sources into ``dest``; return one Outcome per source (in registry order).

    A source with no file address is skipped with a note saying where to get it; a source whose
    download or checks fail is reported and leaves nothing installed; the others are installed.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    items = plan(mirror, only, urls)
    by_source: dict[str, list[Planned]] = {}
    for p in items:
        by_source.setdefault(p.source.id, []).append(p)
    recorded = _Recorded(dest)
    optional_missing = mirror is not None
    with httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers=HEADERS) as client:
        job = _Job(dest, client, recorded, progress, absent_ok=optional_missing)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            outcomes = list(pool.map(job.source, by_source.values()))
    recorded.save()
    return outcomes


def failures(outcomes: list[Outcome]) -> list[Outcome]:
    """Return the outcomes of sources that failed (not those skipped for lack of an address)."""
    return [o for o in outcomes if not o.ok and not o.skipped]


class _Recorded:
    """The sha256 recorded at the first download of files with no published hash (thread-safe)."""

    def __init__(self, dest: Path) -> None:
        self.path = dest / RECORDED
        self.lock = threading.Lock()
        self.data: dict[str, dict] = releases.recorded(dest)
        self.changed = False

    def get(self, path: str, address: str | None = None) -> str | None:
        """Return the sha256 recorded for ``path`` — for a file named by release, only for that release."""
        with self.lock:
            entry = self.data.get(path)
            if not entry:
                return None
            release = releases.release_date(address)
            if release is not None and release != releases.release_date(entry.get("address")):
                return None  # another release of the file: its bytes are new, recorded below
            return entry["sha256"]

    def put(self, path: str, sha256: str, address: str) -> None:
        with self.lock:
            stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
            self.data[path] = {"sha256": sha256, "address": address, "recorded": stamp}
            self.changed = True

    def save(self) -> None:
        if self.changed:
            tmp = self.path.with_name(RECORDED + ".tmp")
            tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True))
            os.replace(tmp, self.path)


def recorded_hashes(dest: Path) -> dict[str, str]:
    """Return path → sha256 recorded at first download in ``dest`` (files with no published hash)."""
    return {k: v["sha256"] for k, v in _Recorded(Path(dest)).data.items()}


class _Absent(Exception):
    """An optional source's file is not on the mirror."""


@dataclass
class _Job:
    dest: Path
    client: httpx.Client
    recorded: _Recorded
    progress: Progress | None
    absent_ok: bool

    def source(self, items: list[Planned]) -> Outcome:
        """Fetch, check and install every file of one source; never raises."""
        source = items[0].source
        if any(p.address is None and p.file.dataverse is None for p in items):
            where = ", ".join(str(self.dest / p.file.path) for p in items)
            return Outcome(
                source.id,
                False,
                f"{source.id}: no file address ({source.no_address}): download it from {source.landing} "
                f"and place it as {where}",
                skipped=True,
            )
        staged: list[tuple[Path, Path]] = []
        try:
            for p in items:
                staged.append((self._file(p), self.dest / p.file.path))
        except _Absent:
            return Outcome(source.id, False, f"{source.id}: not on the mirror (optional source)", skipped=True)
        except FetchError as exc:
            hint = f"get it from {source.landing} and place it as {self.dest / items[0].file.path}"
            return Outcome(source.id, False, f"{source.id}: {exc}; {hint}")
        for part, final in staged:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, final)
        return Outcome(source.id, True, f"{source.id}: installed ({len(staged)} file{'s' * (len(staged) > 1)})")

    def _file(self, p: Planned) -> Path:
        """Download one file into the partial folder and check it; return the checked file."""
        part = self.dest / PARTIAL / (p.file.path + ".part")
        part.parent.mkdir(parents=True, exist_ok=True)
        if p.address is not None and not p.address.startswith(("http://", "https://")):
            return self._copy(p, part)
        md5 = None
        if p.address is None:  # a Dataverse file: look it up by name
            address, md5, size = self._dataverse(p)
        else:
            address, size = p.address, p.file.size
        for candidate in [address, *(() if p.address != p.file.url else p.file.fallbacks)]:
            try:
                self._stream(_rewrite(candidate), part, p.label, p.source.optional and self.absent_ok)
                address = candidate
                break
            except _NotFound as exc:
                last = exc
        else:
            raise FetchError(str(last))
        try:
            _check(part, p, size, md5, self.recorded, address)
        except FetchError:
            part.unlink(missing_ok=True)
            raise
        return part

    def _copy(self, p: Planned, part: Path) -> Path:
        src = Path(str(p.address).removeprefix("file://"))
        if not src.exists():
            if p.source.optional and self.absent_ok:
                raise _Absent(str(src))
            raise FetchError(f"the mirror has no {src}: check --mirror")
        shutil.copyfile(src, part)
        try:
            _check(part, p, p.file.size, None, self.recorded, str(src))
        except FetchError:
            part.unlink(missing_ok=True)
            raise
        return part

    def _dataverse(self, p: Planned) -> tuple[str, str | None, int | None]:
        """Return (download address, md5, size) of a Dataverse file found by name in its dataset."""
        dv = p.file.dataverse
        assert dv is not None
        listing = dv.listing()
        try:
            response = self.client.get(_rewrite(listing))
        except httpx.HTTPError as exc:
            raise FetchError(f"Dataverse file list {listing} unreachable ({exc.__class__.__name__})") from exc
        if response.status_code != 200:
            raise FetchError(f"Dataverse file list {listing}: HTTP {response.status_code}")
        try:
            entries = response.json()["data"]
        except (ValueError, KeyError, TypeError) as exc:
            raise FetchError(f"Dataverse file list {listing} is not the API's JSON answer") from exc
        for entry in entries:
            data = entry.get("dataFile", {})
            names = {entry.get("label"), data.get("filename")}
            original = data.get("originalFileName")
            if dv.filename in names or dv.filename == original:
                use_original = dv.filename == original and dv.filename not in names
                md5 = data.get("md5") or (data.get("checksum") or {}).get("value")
                size = data.get("originalFileSize") if use_original else data.get("filesize")
                # An ingested table's checksum is of the original upload; only check it on that form.
                tabular = bool(data.get("originalFileFormat"))
                return dv.access(int(data["id"]), use_original), (md5 if use_original or not tabular else None), size
        raise FetchError(f"no file named {dv.filename} in {dv.pid} (version {dv.version}) on {dv.server}")

    def _stream(self, address: str, part: Path, label: str, absent_ok: bool) -> None:
        """Stream ``address`` into ``part``, resuming a partial download with a Range request."""
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with self.client.stream("GET", address, headers=headers) as response:
                if response.status_code == 416 and have:
                    part.unlink()
                    return self._stream(address, part, label, absent_ok)
                if response.status_code == 404:
                    if absent_ok:
                        raise _Absent(address)
                    raise _NotFound(f"{address}: HTTP 404 (not found)")
                if response.status_code not in (200, 206):
                    raise FetchError(f"{address}: HTTP {response.status_code}")
                append = response.status_code == 206
                done = have if append else 0
                total = int(response.headers.get("content-length", 0)) + done
                kind = response.headers.get("content-type", "")
                if "text/html" in kind and not address.endswith((".html", ".htm")):
                    raise FetchError(f"{address} served an HTML page instead of the file (an error or sign-in page)")
                with open(part, "ab" if append else "wb") as handle:
                    for chunk in response.iter_bytes(CHUNK):
                        handle.write(chunk)
                        done += len(chunk)
                        if self.progress:
                            self.progress(label, done, total)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise FetchError(
                f"{address}: unreachable ({exc.__class__.__name__}): check the address (--url) and the connection"
            ) from exc
        except httpx.HTTPError as exc:
            got = part.stat().st_size if part.exists() else 0
            raise FetchError(
                f"{address}: download interrupted ({exc.__class__.__name__}) after {got:,} bytes; "
                "run the fetch again to resume"
            ) from exc


class _NotFound(FetchError):
    """A 404: try the next fallback address."""


def _rewrite(address: str) -> str:
    """Return ``address`` sent to ``$VALUESGAP_UPSTREAM_BASE`` when set (same path and query)."""
    base = os.environ.get("VALUESGAP_UPSTREAM_BASE")
    if not base:
        return address
    parts, to = urlsplit(address), urlsplit(base)
    return urlunsplit((to.scheme, to.netloc, parts.path, parts.query, ""))


HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml version", b"<head")


def _check(part: Path, p: Planned, size: int | None, md5: str | None, recorded: _Recorded, address: str) -> None:
    """Raise FetchError unless the downloaded file is what the registry (or the first download) says."""
    name = p.file.path
    got_size = part.stat().st_size
    with open(part, "rb") as handle:
        head = handle.read(512)
    if head.lstrip().lower().startswith(HTML_STARTS) and not name.endswith((".html", ".xml")):
        raise FetchError(f"{address} sent an HTML page instead of {Path(name).name} (an error or sign-in page)")
    if size is not None and got_size != int(size):
        raise FetchError(
            f"{Path(name).name} has {got_size:,} bytes, expected {int(size):,}: truncated or another release"
        )
    _check_container(part, name)
    if md5 is not None:
        digest = hashlib.md5(part.read_bytes(), usedforsecurity=False).hexdigest()
        if digest != md5:
            raise FetchError(f"{Path(name).name} failed Dataverse's MD5 check: the download is corrupt")
    _check_layout(part, p)
    got = sha256_of(part)
    expected = p.file.sha256 or recorded.get(name, address)
    if expected is None:
        recorded.put(name, got, address)
    elif got != expected:
        how = "published" if p.file.sha256 else "recorded at the first download"
        raise FetchError(
            f"{Path(name).name} failed its sha256 check (got {got[:12]}…, {how} {expected[:12]}…): "
            "corrupt, or the publisher changed the file"
        )


def _check_layout(part: Path, p: Planned) -> None:
    """Raise FetchError when the source's reader refuses the file's content (``Source.validate``):
    a corrupt, truncated or foreign file is caught before it replaces an installed one."""
    if not p.source.validate:
        return
    module = importlib.import_module(f"valuesgap.sources.{p.source.validate}")
    try:
        module.validate(part, Path(p.file.path).name)
    except DataMissing as exc:
        raise FetchError(str(exc)) from exc


def _check_container(part: Path, name: str) -> None:
    """Raise FetchError when a zip/xlsx, gzip or xls file is not a complete container."""
    lower = name.lower()
    try:
        if lower.endswith((".zip", ".xlsx")):
            if not zipfile.is_zipfile(part):
                raise FetchError(f"{Path(name).name} is not a complete zip archive (truncated download?)")
            with zipfile.ZipFile(part) as archive:
                bad = archive.testzip()
            if bad is not None:
                raise FetchError(f"{Path(name).name}: member {bad} is corrupt")
        elif lower.endswith(".gz"):
            with gzip.open(part, "rb") as handle:
                while handle.read(1 << 20):
                    pass
        elif lower.endswith(".xls"):
            with open(part, "rb") as handle:
                if handle.read(8) != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                    raise FetchError(f"{Path(name).name} is not an Excel 97–2003 workbook")
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise FetchError(f"{Path(name).name} is damaged ({exc.__class__.__name__}): truncated download?") from exc


def install_report(outcomes: list[Outcome]) -> str:
    """Return a one-line summary: installed, skipped (no address) and failed counts."""
    ok = sum(o.ok for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    return f"{ok} source(s) installed, {skipped} skipped, {len(failures(outcomes))} failed"


def raise_for(outcomes: list[Outcome], dest: Path) -> None:
    """Raise DataMissing (exit code 2) naming the failed sources, when any failed."""
    failed = failures(outcomes)
    if failed:
        names = ", ".join(o.source for o in failed)
        raise DataMissing(
            f"{len(failed)} source(s) failed ({names}; reasons above); what succeeded is installed in {dest}"
        )
