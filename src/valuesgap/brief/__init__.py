"""The written brief: content from the analysis layer, HTML from templates, PDF by headless Chromium."""

from __future__ import annotations

from valuesgap.brief.content import Brief, build_brief
from valuesgap.brief.render import render_html, screenshot, write_html, write_pdf

__all__ = ["Brief", "build_brief", "render_html", "screenshot", "write_html", "write_pdf"]
