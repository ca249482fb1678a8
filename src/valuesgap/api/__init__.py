"""The read-only REST API over the analysis layer (FastAPI): ``create_app()`` builds it."""

from __future__ import annotations

from valuesgap.api.app import create_app

__all__ = ["create_app"]
