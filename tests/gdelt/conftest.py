"""Fixtures of the GDELT tests (helpers in gdelt_testing.py)."""

from __future__ import annotations

import shutil

import pytest
from gdelt_testing import FileServer


def pytest_runtest_setup(item):
    """A Spark test fails at once, saying what to install, when Java or pyspark is missing (never a skip)."""
    if item.get_closest_marker("spark") is None:
        return
    if shutil.which("java") is None:
        pytest.fail(
            "the Spark tests need Java 17: run 'bash scripts/install.sh --test' (it installs Debian's "
            "openjdk-17-jre-headless), or deselect them with -m 'not spark'",
            pytrace=False,
        )
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail(
            "the Spark tests need pyspark: run 'bash scripts/install.sh --test', or deselect them with -m 'not spark'",
            pytrace=False,
        )


@pytest.fixture
def file_server(tmp_path):
    """Start a FileServer on a fresh folder (``server.folder``); stop it after the test."""
    folder = tmp_path / "served"
    folder.mkdir()
    server = FileServer(folder)
    yield server
    server.close()
