"""The API face: a read-only REST API over the analysis layer (FastAPI), ``create_app()`` builds it.

One router per ``routes_<topic>.py``; shared query parameters in ``params.py``; tables answered by
``tables.table_response``. Routes compute nothing themselves (that is :mod:`valuesgap.analysis`) and do not
import each other (docs/internals.md, "Adding a route")."""

from __future__ import annotations

from valuesgap.api.app import create_app

__all__ = ["create_app"]
