"""Fixtures of the GDELT tests (helpers in gdelt_testing.py)."""

from __future__ import annotations

import pytest
from gdelt_testing import FileServer


@pytest.fixture
def file_server(tmp_path):
    """Start a FileServer on a fresh folder (``server.folder``); stop it after the test."""
    folder = tmp_path / "served"
    folder.mkdir()
    server = FileServer(folder)
    yield server
    server.close()
