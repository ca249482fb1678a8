"""A TestClient over the app, on the session's real store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(store, fitted):
    """A TestClient of ``create_app()`` reading the store built from the mirror."""
    from valuesgap.api import create_app

    with TestClient(create_app(), base_url="http://127.0.0.1") as test_client:
        yield test_client
