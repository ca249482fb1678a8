"""The US–Russia brief of the README, built once per test process and shared by the brief's test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def us_ru(store):
    """Return (the brief content, its rendered HTML) for United States – Russia from 1992."""
    from valuesgap.brief import build_brief, render_html

    brief = build_brief("United States", "Russia", start=1992)
    return brief, render_html(brief)
