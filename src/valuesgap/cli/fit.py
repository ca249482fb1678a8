"""Choosing which columns of a table fit the terminal, and splitting the rest into blocks that fit too.

Pure functions over column widths (characters), so the choice is testable without a terminal. A Rich
table with vertical borders takes ``sum(width + 3) + 1`` characters: one space either side of each cell
and one border character per column plus the closing one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: Text columns (names, reasons) wrap inside their cell; they count at most this wide when fitting.
TEXT_WRAP = 12


def table_width(widths: Sequence[int]) -> int:
    """Return the characters a bordered table with columns of these widths takes."""
    return sum(w + 3 for w in widths) + 1


def column_order(columns: Sequence[str], first: Sequence[str] = ()) -> list[str]:
    """Return ``columns`` with those named in ``first`` (that exist) at the front, in ``first``'s order."""
    head = [c for c in first if c in columns]
    return head + [c for c in columns if c not in head]


def choose(widths: Mapping[str, int], order: Sequence[str], width: int, *, keep: int = 1) -> list[str]:
    """Return the leading columns of ``order`` whose table fits ``width`` characters.

    The first ``keep`` columns are always chosen (a table needs its key column even in a very narrow
    terminal; a wrapping text cell then folds). Stops at the first column that does not fit, so a column
    never appears without the ones ranked before it (an interval without its measure).
    """
    chosen: list[str] = []
    for col in order:
        if len(chosen) >= keep and table_width([widths[c] for c in [*chosen, col]]) > width:
            break
        chosen.append(col)
    return chosen


def blocks(widths: Mapping[str, int], order: Sequence[str], width: int, *, key: Sequence[str] = ()) -> list[list[str]]:
    """Split ``order`` into consecutive blocks that each fit ``width``, every block led by the ``key`` columns.

    The first block is :func:`choose` over ``order``; each further block repeats ``key`` (the row's
    label, e.g. the session) and takes as many of the remaining columns as fit (at least one).
    """
    first = choose(widths, order, width, keep=max(len(key), 1))
    out = [first]
    rest = [c for c in order if c not in first and c not in key]
    while rest:
        block = choose(widths, [*key, *rest], width, keep=len(key) + 1)
        out.append(block)
        rest = rest[len(block) - len(key) :]
    return out
