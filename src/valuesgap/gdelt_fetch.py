"""``valuesgap events fetch gdelt``: download GDELT event files and convert them to monthly Parquet.

Reads the official file list (2.0 ``masterfilelist.txt``, 1.0 ``events/index.html``), picks the event files of
the months asked for, and for each file not yet converted: downloads it (bounded parallel downloads),
checks its size and MD5 where the list publishes them, retries a failed file, converts it to Parquet in
its month's partition (temp file + rename). A run that is interrupted resumes where it stopped: converted
files are skipped, anything half-done is redone. Files that still fail after their retries are reported,
never half-written into the partition set.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from valuesgap.errors import DataMissing, InputError
from valuesgap.sources import gdelt

#: ``progress(done_files, total_files, label)`` after each file finishes (converted, skipped or failed).
Progress = Callable[[int, int, str], None]


@dataclass
class FetchReport:
    """What a fetch did: files listed for the period, skipped (already converted), converted, failed (name → reason)."""

    version: int
    root: Path
    listed: int = 0
    skipped: int = 0
    converted: int = 0
    rows: int = 0
    bad_rows: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    no_state: Counter = field(default_factory=Counter)
    attempts: int = 0


def _get_text(url: str, client: httpx.Client) -> str:
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise DataMissing(
            f"cannot read the GDELT file list at {url} ({exc.__class__.__name__}): check --base-url"
        ) from exc
    if response.status_code != 200:
        raise DataMissing(f"cannot read the GDELT file list at {url}: HTTP {response.status_code}; check --base-url")
    return response.text


def list_files(version: int, start: str, end: str, base_url: str | None = None, client: httpx.Client | None = None):
    """Return the event files of months start..end from the official list of ``version`` (1 or 2)."""
    if version not in (1, 2):
        raise InputError(f"--version must be 1 or 2, got {version}")
    from valuesgap.analysis.selection import check_month_period  # the one period check

    check_month_period(start, end, ("--from", "--to"))
    first = gdelt.FIRST_MONTH[version]
    if end < first:
        raise InputError(f"GDELT {version}.0 event files start in {first}; choose --to {first} or later")
    base = (base_url or gdelt.BASE_URLS[version]).rstrip("/")
    own = client is None
    client = client or httpx.Client(timeout=60, follow_redirects=True)
    try:
        text = _get_text(f"{base}/{gdelt.LIST_NAMES[version]}", client)
    finally:
        if own:
            client.close()
    if version == 2:
        files = gdelt.select_files(gdelt.parse_masterfilelist(text), start, end, base)
    else:
        files = gdelt.select_files(gdelt.parse_v1_index(text, base), start, end)
    return files


class _Failed(Exception):
    """A download that failed its check (retried)."""


def _download(file: gdelt.RemoteFile, dest: Path, client: httpx.Client) -> None:
    """Stream ``file`` to ``dest``, checking its published size and MD5; raise _Failed on any mismatch."""
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    try:
        with client.stream("GET", file.url) as response:
            if response.status_code != 200:
                raise _Failed(f"HTTP {response.status_code}")
            with open(dest, "wb") as handle:
                for chunk in response.iter_bytes(1 << 16):
                    handle.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
    except httpx.HTTPError as exc:
        raise _Failed(f"download error ({exc.__class__.__name__})") from exc
    if file.size is not None and size != file.size:
        raise _Failed(f"size {size} bytes, the list says {file.size}")
    if file.md5 is not None and digest.hexdigest() != file.md5:
        raise _Failed(f"MD5 {digest.hexdigest()}, the list says {file.md5}")


def _one_file(
    file: gdelt.RemoteFile, version: int, root: Path, work: Path, client: httpx.Client, retries: int, pause: float
):
    """Download, check and convert one file, retrying; return (Conversion | None, error | None, attempts)."""
    error = ""
    for attempt in range(1, retries + 2):
        zip_path = work / f"{file.name}.part"
        try:
            _download(file, zip_path, client)
            conversion = gdelt.convert_zip(zip_path, version, gdelt.parquet_path(root, version, file))
            return conversion, None, attempt
        except (_Failed, DataMissing) as exc:
            error = str(exc).removeprefix(f"{file.name}: ")
        finally:
            zip_path.unlink(missing_ok=True)
        if attempt <= retries and pause:
            time.sleep(pause * attempt)
    return None, error, retries + 1


def fetch(
    start: str,
    end: str,
    root: Path,
    *,
    version: int = 2,
    base_url: str | None = None,
    jobs: int = 4,
    retries: int = 2,
    pause: float = 1.0,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> FetchReport:
    """Fetch GDELT ``version`` event files of months start..end into Parquet under ``root``; return a FetchReport.

    Already converted files are skipped; at most ``jobs`` downloads run at once; a file that fails its size/MD5
    check or does not unzip/parse is tried ``retries`` more times and then listed in ``report.failed``.
    ``stop`` (set from another thread) ends the run after the files in flight, as an interruption would.
    """
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    root = Path(root)
    files = list_files(version, start, end, base_url)
    report = FetchReport(version=version, root=root, listed=len(files))
    if not files:
        raise DataMissing(f"the GDELT {version}.0 file list has no event files for {start}..{end}")
    gdelt.remove_partial(root)
    todo = [f for f in files if not gdelt.parquet_path(root, version, f).exists()]
    report.skipped = len(files) - len(todo)
    done = report.skipped
    if progress:
        progress(done, len(files), f"{report.skipped} already converted")
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".download-", dir=root))
    lock = threading.Lock()
    try:
        with (
            httpx.Client(timeout=120, follow_redirects=True) as client,
            ThreadPoolExecutor(max_workers=jobs) as pool,
        ):

            def task(file: gdelt.RemoteFile):
                if stop is not None and stop.is_set():
                    return file, None, "interrupted", 0
                return (file, *_one_file(file, version, root, work, client, retries, pause))

            futures = [pool.submit(task, f) for f in todo]
            for future in as_completed(futures):
                file, conversion, error, attempts = future.result()
                with lock:
                    report.attempts += attempts
                    if conversion is not None:
                        report.converted += 1
                        report.rows += conversion.rows
                        report.bad_rows += conversion.bad_rows
                        report.no_state.update(conversion.no_state)
                    elif error != "interrupted":
                        report.failed[file.name] = error or "unknown error"
                    done += 1
                if progress:
                    progress(done, len(files), file.name)
    finally:
        for leftover in work.glob("*"):
            leftover.unlink(missing_ok=True)
        os.rmdir(work)
    return report
