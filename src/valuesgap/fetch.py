"""``valuesgap data fetch``: download the source files, check their sha256, install them atomically.

Files come from a mirror (a local folder or an http(s) URL laid out like ../shared/data) or, where
the registry knows a direct upstream address, from upstream. Every file is downloaded into a staging
folder and checked; only when all pass are they renamed into place, so a failed fetch installs nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import httpx

from valuesgap.errors import DataMissing
from valuesgap.sources import registry
from valuesgap.sources.spec import Source, SourceFile, sha256_of

Progress = Callable[[str, int, int], None]


def _address(source: Source, file: SourceFile, mirror: str | None) -> str:
    """Return where to get ``file``: the mirror's copy, else its direct upstream address."""
    if mirror:
        return mirror.rstrip("/") + "/" + file.path
    if file.url:
        return file.url
    raise DataMissing(
        f"{file.path} has no direct download address: get it from {source.landing} and place it in a folder "
        f"as {file.path}, then run 'valuesgap data build --from FOLDER' (or 'data fetch --mirror FOLDER')"
    )


def _download(address: str, dest: Path, progress: Progress | None, label: str, optional: bool = False) -> None:
    """Copy a local file or stream an http(s) URL into ``dest`` (_Absent: an optional file is not there)."""
    if not address.startswith(("http://", "https://")):
        src = Path(address.removeprefix("file://"))
        if not src.exists():
            if optional:
                raise _Absent(address)
            raise DataMissing(f"mirror has no {src}: check --mirror")
        shutil.copyfile(src, dest)
        return
    try:
        with httpx.stream("GET", address, timeout=60, follow_redirects=True) as response:
            if response.status_code == 404 and optional:
                raise _Absent(address)
            if response.status_code != 200:
                raise DataMissing(f"download of {address} failed: HTTP {response.status_code}")
            total = int(response.headers.get("content-length", 0))
            done = 0
            with open(dest, "wb") as handle:
                for chunk in response.iter_bytes(1 << 16):
                    handle.write(chunk)
                    done += len(chunk)
                    if progress and total:
                        progress(label, done, total)
    except httpx.HTTPError as exc:
        raise DataMissing(
            f"download of {address} failed ({exc.__class__.__name__}): check the address or network"
        ) from exc


class _Absent(Exception):
    """An optional source's file is not on the mirror."""


def fetch(mirror: str | Path | None, dest: Path, progress: Progress | None = None) -> int:
    """Download every source file into ``dest``; return how many were installed.

    Optional sources the mirror lacks are skipped. A file with no published sha256 is checked against
    the hash recorded at its first download (``<dest>/recorded-sha256.json``), else recorded.
    Raises DataMissing (nothing installed) if a file cannot be had or fails its sha256 check.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    mirror_text = str(mirror) if mirror is not None else None
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=dest))
    recorded = recorded_hashes(dest)
    wanted = registry.files()
    fetched: list[SourceFile] = []
    try:
        skipped: set[str] = set()
        for i, (source, file) in enumerate(wanted):
            if source.id in skipped:
                continue
            label = f"{file.path} ({i + 1}/{len(wanted)})"
            if progress:
                progress(label, 0, 1)
            staged = staging / file.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            try:
                _download(_address(source, file, mirror_text), staged, progress, label, optional=source.optional)
            except _Absent:
                skipped.add(source.id)
                continue
            got = sha256_of(staged)
            expected = file.sha256 or recorded.get(file.path)
            if expected is None:
                recorded[file.path] = got
            elif got != expected:
                raise DataMissing(
                    f"{file.path} failed its sha256 check (got {got[:12]}…, expected {expected[:12]}…): "
                    "the download is corrupt or not the expected release; nothing was installed"
                )
            fetched.append(file)
        owner = {f.path: s.id for s, f in wanted}
        fetched = [f for f in fetched if owner[f.path] not in skipped]
        for file in fetched:
            final = dest / file.path
            final.parent.mkdir(parents=True, exist_ok=True)
            (staging / file.path).replace(final)
        _write_recorded(dest, recorded)
        return len(fetched)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


RECORDED = "recorded-sha256.json"


def recorded_hashes(dest: Path) -> dict[str, str]:
    """Return the sha256 recorded at first download of files with no published hash (path → hex)."""
    path = Path(dest) / RECORDED
    return json.loads(path.read_text()) if path.exists() else {}


def _write_recorded(dest: Path, recorded: dict[str, str]) -> None:
    if recorded:
        tmp = Path(dest) / (RECORDED + ".tmp")
        tmp.write_text(json.dumps(recorded, indent=1, sort_keys=True))
        tmp.replace(Path(dest) / RECORDED)
