"""``/docs``: Swagger UI served from the app's own copy of ``swagger-ui-dist`` (installed from npm by
scripts/install_web_assets.sh), so the API docs work offline."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from valuesgap.web import VENDOR_URL, missing_assets

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    """The interactive API docs, every asset local."""
    missing = missing_assets()
    if "swagger-ui-bundle.js" in missing:
        return HTMLResponse(
            "<h1>API docs unavailable</h1><p>The Swagger UI assets are not installed: run "
            "<code>bash scripts/install_web_assets.sh</code>. The schema is at <a href='/openapi.json'>/openapi.json</a>.</p>",
            status_code=503,
        )
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="valuesgap API",
        swagger_js_url=f"{VENDOR_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR_URL}/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR_URL}/favicon-32x32.png",
    )
