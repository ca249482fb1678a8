"""The dashboard: static HTML/JS/CSS (``static/``) and browser libraries installed from npm into
``static/vendor/`` by scripts/install_web_assets.sh (never from a CDN)."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/static"
VENDOR_URL = f"{STATIC_URL}/vendor"
VENDOR_FILES = (
    "vega.min.js",
    "vega-lite.min.js",
    "vega-embed.min.js",
    "countries-110m.json",
    "swagger-ui-bundle.js",
    "swagger-ui.css",
)
INSTALL_HINT = "run 'bash scripts/install_web_assets.sh' (npm) to install the dashboard's assets"


def missing_assets() -> list[str]:
    """Return the vendor files the dashboard needs that are not installed (empty when all are there)."""
    return [name for name in VENDOR_FILES if not (VENDOR_DIR / name).is_file()]
