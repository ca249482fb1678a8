"""Releases of files whose publisher pins no bytes: the sha256 recorded at the first download of each
release, and the release date a publisher writes into a file's address.

``data fetch`` keeps, in ``recorded-sha256.json`` of the data folder, for each file path the sha256 and
the address it was downloaded from. A later fetch from the same address must give the same bytes; a
fetch from another address (a new release, e.g. the UN Digital Library's
``…/files/2026_06_30_ga_voting.csv`` after ``…/2026_02_06_ga_voting.csv``) records the new release.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

RECORDED = "recorded-sha256.json"
# The UN Digital Library names each release of its voting files by date: 2026_02_06_ga_voting.csv.
RELEASE_IN_NAME = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[_-](?P<m>[01]\d)[_-](?P<d>[0-3]\d)(?=[_-][^/]*$)")


def release_date(address: str | None) -> str | None:
    """Return the release date (YYYY-MM-DD) written in the file name of ``address``, or None."""
    if not address:
        return None
    name = address.split("?", 1)[0]
    match = RELEASE_IN_NAME.search(name)
    if match is None:
        return None
    return f"{match['y']}-{match['m']}-{match['d']}"


def recorded(folder: Path) -> dict[str, dict]:
    """Return path → {"sha256", "address", "recorded"} as recorded by fetches into ``folder`` ({} if none)."""
    path = Path(folder) / RECORDED
    try:
        data = json.loads(path.read_text()) if path.exists() else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
