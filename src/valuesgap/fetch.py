"""``valuesgap data fetch``: download the source files, check their sha256, install them atomically.

Files come from a mirror (a local folder or an http(s) URL laid out like ../shared/data) or, where
the registry knows a direct upstream address, from upstream. Every file is downloaded into a staging
folder and checked; only when all pass are they renamed into place, so a failed fetch installs nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import httpx

from valuesgap.errors import DataMissing
from valuesgap.sources.registry import FILES, SHA256, SourceFile, sha256_of

Progress = Callable[[str, int, int], None]


def _address(file: SourceFile, mirror: str | None) -> str:
    """Return where to get ``file``: the mirror's copy, else its direct upstream address."""
    if mirror:
        return mirror.rstrip("/") + "/" + file.path
    if file.url:
        return file.url
    raise DataMissing(
        f"{file.path} has no direct download address: get it from {file.landing} and place it in a folder "
        f"as {file.path}, then run 'valuesgap data build --from FOLDER' (or 'data fetch --mirror FOLDER')"
    )


def _download(address: str, dest: Path, progress: Progress | None, label: str) -> None:
    """Copy a local file or stream an http(s) URL into ``dest``."""
    if not address.startswith(("http://", "https://")):
        src = Path(address.removeprefix("file://"))
        if not src.exists():
            raise DataMissing(f"mirror has no {src}: check --mirror")
        shutil.copyfile(src, dest)
        return
    try:
        with httpx.stream("GET", address, timeout=60, follow_redirects=True) as response:
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


def fetch(mirror: str | Path | None, dest: Path, progress: Progress | None = None) -> int:
    """Download every source file into ``dest``; return how many were installed.

    Raises DataMissing (nothing installed) if a file cannot be had or fails its sha256 check.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    mirror_text = str(mirror) if mirror is not None else None
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=dest))
    try:
        for i, file in enumerate(FILES):
            label = f"{file.path} ({i + 1}/{len(FILES)})"
            if progress:
                progress(label, 0, 1)
            staged = staging / file.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            _download(_address(file, mirror_text), staged, progress, label)
            got = sha256_of(staged)
            if got != SHA256[file.path]:
                raise DataMissing(
                    f"{file.path} failed its sha256 check (got {got[:12]}…, expected {SHA256[file.path][:12]}…): "
                    "the download is corrupt or not the expected release; nothing was installed"
                )
        for file in FILES:
            final = dest / file.path
            final.parent.mkdir(parents=True, exist_ok=True)
            (staging / file.path).replace(final)
        return len(FILES)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
