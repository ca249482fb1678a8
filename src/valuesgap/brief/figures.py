"""Numbers that carry their footnote: the value, where it comes from, and the command that reproduces it.

A :class:`Figure` records how to get its value back from the CLI: run ``valuesgap`` with ``command``
(which ends in ``--format csv``; the brief builds it from ``call``, a
:class:`~valuesgap.brief.provenance.Call`, with the flags read from the CLI's definitions), keep the rows matching ``where``, and reduce ``column`` with
``reduce`` (``value``: the single row; ``mean``: the mean over the rows, missing values left out; ``sum``: the sum
over the rows;
``corr:<other>``: the Pearson correlation with column ``other`` over the rows where both are present;
``text``: the single row's text). :class:`Footnotes` numbers the figures in order of appearance;
figures with the same source, variable and command share a footnote.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from valuesgap.brief.provenance import Call


def shell_quote(arg: str) -> str:
    """Return ``arg`` quoted for a POSIX shell with double quotes when needed ("United States")."""
    text = str(arg)
    if text and all(c.isalnum() or c in "-_.,:/=+" for c in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'


@dataclass
class Figure:
    """One number of the brief and its provenance."""

    value: float | str
    source: str
    variable: str
    command: list[str]
    column: str
    where: dict = field(default_factory=dict)
    reduce: str = "value"
    digits: int = 2
    number: int = 0  # the footnote number, set by Footnotes
    call: Call | None = None  # the command by name and parameters, when ``command`` was built from one

    @property
    def text(self) -> str:
        """Return the value as printed in the brief ('–' where missing)."""
        if isinstance(self.value, str):
            return self.value
        if self.value is None or (isinstance(self.value, float) and math.isnan(self.value)):
            return "–"
        if self.digits == 0:
            return f"{int(round(self.value))}"
        return f"{self.value:.{self.digits}f}"

    @property
    def amount(self) -> float:
        """Return the value as a number (NaN for a text value or a missing one)."""
        if isinstance(self.value, str) or self.value is None:
            return math.nan
        return float(self.value)

    @property
    def missing(self) -> bool:
        return self.text == "–"

    @property
    def shell(self) -> str:
        """Return the reproducing command as one shell line."""
        return "valuesgap " + " ".join(shell_quote(x) for x in self.command)

    @property
    def how(self) -> str:
        """Return how to read the value off the command's output."""
        rows = ", ".join(f"{k} = {v}" for k, v in self.where.items())
        pick = f"rows with {rows}" if rows else "all rows"
        if self.reduce == "median":
            return f"median of column {self.column} over {pick}"
        if self.reduce == "mean":
            return f"mean of column {self.column} over {pick} (missing years left out)"
        if self.reduce == "sum":
            return f"sum of column {self.column} over {pick}"
        if self.reduce.startswith("corr:"):
            return f"Pearson correlation of columns {self.column} and {self.reduce[5:]} over {pick}"
        return f"column {self.column}, {pick.replace('rows', 'row')}"

    def key(self) -> tuple:
        return (self.source, self.variable, self.shell, self.how)


class Footnotes:
    """The brief's footnotes, numbered in order of first use."""

    def __init__(self) -> None:
        self.items: list[Figure] = []
        self._index: dict[tuple, int] = {}
        self.figures: list[Figure] = []

    def cite(self, fig: Figure) -> Figure:
        """Give ``fig`` its footnote number (a new one, or the one of an identical note) and return it."""
        key = fig.key()
        if key not in self._index:
            self.items.append(fig)
            self._index[key] = len(self.items)
        fig.number = self._index[key]
        self.figures.append(fig)
        return fig

    def markup(self, fig: Figure) -> Markup:
        """Return the number with its footnote mark as HTML."""
        if fig.number == 0:
            self.cite(fig)
        return Markup('<span class="num">{}</span><sup class="fn"><a href="#fn{}" id="ref{}-{}">{}</a></sup>').format(
            escape(fig.text), fig.number, fig.number, len(self.figures), fig.number
        )
