"""``/api/version``: which code and data answer."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from valuesgap import __version__, store

router = APIRouter(prefix="/api", tags=["meta"])


class VersionOut(BaseModel):
    """The package version and the id of the built data (the store's file name, never its folder)."""

    package: str
    data_version: str
    store: str


@router.get("/version", response_model=VersionOut, summary="Package and data versions")
def version() -> VersionOut:
    """The package version, the data version (part of every ETag) and the store's file name."""
    return VersionOut(package=__version__, data_version=store.data_version(), store=store.store_path().name)
