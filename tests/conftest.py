"""Shared fixtures: the real mirror data and a store built from it once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def mirror_dir() -> Path:
    """Return the local mirror of the sources (``$VALUESGAP_MIRROR`` or ../shared/data)."""
    return Path(os.environ.get("VALUESGAP_MIRROR", REPO.parent / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The mirror folder; the suite fails (not skips) when it is absent."""
    path = mirror_dir()
    if not (path / "unga").is_dir():
        pytest.fail(f"the source mirror is missing at {path}: set VALUESGAP_MIRROR to ../shared/data")
    return path


@pytest.fixture(scope="session")
def store(mirror: Path, tmp_path_factory: pytest.TempPathFactory):
    """A store built from the real mirror into a temporary VALUESGAP_HOME (set for the whole session)."""
    from valuesgap import store as store_module

    home = tmp_path_factory.mktemp("vg-home")
    previous = os.environ.get("VALUESGAP_HOME")
    os.environ["VALUESGAP_HOME"] = str(home)
    store_module.build(mirror)
    yield store_module
    if previous is None:
        os.environ.pop("VALUESGAP_HOME", None)
    else:
        os.environ["VALUESGAP_HOME"] = previous


@pytest.fixture(scope="session")
def fitted(store):
    """The yearly ideal points on all votes and on human-rights votes, fitted into the disk cache: the API
    never fits inside a request (it answers 503 + Retry-After and fits in the background)."""
    from valuesgap.analysis.idealpoints import ideal_points

    for issue in ("all", "hr"):
        ideal_points(issue=issue, by="year")
