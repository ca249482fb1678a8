"""The pure pieces of the API: ETag canonicalisation and matching, the answer cache, trimming chart years."""

from __future__ import annotations

import pandas as pd

from valuesgap.api.caching import AnswerCache, _matches, etag_for
from valuesgap.api.specs import trim_years


def test_etag_ignores_parameter_order_but_not_values_or_version():
    one = etag_for("abc123", "/api/similarity", "a=USA&b=RUS&issue=hr")
    assert one == etag_for("abc123", "/api/similarity", "issue=hr&b=RUS&a=USA")
    assert one.startswith('"abc123-') and one.endswith('"')
    assert one != etag_for("abc124", "/api/similarity", "a=USA&b=RUS&issue=hr")  # rebuilt data
    assert one != etag_for("abc123", "/api/similarity", "a=USA&b=RUS&issue=nu")
    assert one != etag_for("abc123", "/api/tracks", "a=USA&b=RUS&issue=hr")


def test_if_none_match_forms():
    tag = '"v1-abc"'
    assert _matches(tag, tag) and _matches(f"W/{tag}", tag) and _matches(f'"x", {tag}', tag) and _matches("*", tag)
    assert not _matches(None, tag) and not _matches('"v0-abc"', tag)


def test_answer_cache_keeps_the_most_recent():
    cache = AnswerCache(max_entries=2)
    for key in ("a", "b", "c"):
        cache.put(key, (key.encode(), "text/plain", {}))
    assert cache.get("a") is None and len(cache) == 2
    cache.get("b")  # now the most recent
    cache.put("d", (b"d", "text/plain", {}))
    assert cache.get("b") is not None and cache.get("c") is None


def test_trim_years_keeps_inner_gaps():
    frame = pd.DataFrame(
        {"year": [1990, 1991, 1992, 1993, 1994], "x": [None, 0.5, None, 0.7, None], "y": [None, None, None, 0.1, None]}
    )
    out = trim_years(frame, ["x", "y"])
    assert out["year"].tolist() == [1991, 1992, 1993]  # 1992 stays: a gap in the line, not an edge
    assert trim_years(frame.assign(x=None, y=None), ["x", "y"]).empty
