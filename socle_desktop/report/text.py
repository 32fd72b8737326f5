"""User text on its way into the PDF: cleaned, escaped for Paragraph markup, fitted to a width.

Paragraph text is markup: « <b> », « & » or an « <img src=…> » typed by a user would be read as
tags (or even open a file), so every user string goes through ``markup`` first. Plain strings in
table cells are drawn as they are and must *not* be escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from socle_desktop.domain.money import NARROW_NBSP, NBSP
from socle_desktop.report.styles import (
    CELL_PADDING,
    CELL_SIZE,
    FONT,
    FONT_BOLD,
    register_fonts,
    stylesheet,
)

# Control characters other than the line break would reach the PDF as invisible boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A table cell cannot be split across pages: a text longer than this, or with more lines, is
# cut with « … » so that its row fits on one (a 2 000-character school name from a file made
# elsewhere). 600 characters in the 60 mm school column are about 18 lines, 200 of the page's
# 717 points; should a row still not fit, the document is laid out again with the tight bounds.
BOUNDS = (600, 12)  # characters, lines
TIGHT_BOUNDS = (150, 4)
_bounds = ContextVar("bounds", default=BOUNDS)


@contextmanager
def tight_bounds() -> Iterator[None]:
    """Within this, user texts are cut shorter (the second layout of build_pdf)."""
    token = _bounds.set(TIGHT_BOUNDS)
    try:
        yield
    finally:
        _bounds.reset(token)


def clean(text: str) -> str:
    """Normalised line breaks and tabs, no control characters, and no more than a table cell
    can hold on one page (see BOUNDS); everything else as typed."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _bounded(_CONTROL.sub("", text))


def _bounded(text: str) -> str:
    chars, lines = _bounds.get()
    if text.count("\n") >= lines:
        parts = text.split("\n")
        text = "\n".join(parts[: lines - 1] + [" ".join(parts[lines - 1 :])])
    if len(text) > chars:
        text = text[: chars - 1].rstrip() + "…"
    return text


def markup(text: str) -> str:
    """User text as Paragraph markup: escaped first, then line breaks as « <br/> »."""
    return escape(clean(text)).replace("\n", "<br/>")


class Para(Paragraph):
    """A Paragraph that never breaks a line inside an amount.

    reportlab counts U+202F (the narrow no-break space of « 12 345,67 € ») among the spaces
    it may break a line at, but keeps U+00A0 together: inside wrapped text the one becomes the
    other. Table cells drawn as plain strings keep U+202F."""

    def __init__(self, text: str, style: Any = None, *args: Any, **kwargs: Any):
        super().__init__(text.replace(NARROW_NBSP, NBSP), style, *args, **kwargs)


def para(text: str, style: str = "body") -> Para:
    """A paragraph of user (or mixed) plain text."""
    return Para(markup(text), stylesheet()[style])


@lru_cache(maxsize=4096)
def _cell_width(text: str, font: str) -> float:
    """Width of a cell text; article labels repeat a lot, so it is worth remembering."""
    register_fonts()
    return float(stringWidth(text, font, CELL_SIZE))


def cell(text: str, width: float, *, bold: bool = False) -> str | Para:
    """A table cell for user text in a column of ``width`` points: a plain string when it fits on
    one line (cheap to lay out), else a Paragraph that wraps inside the cell."""
    text = clean(text)
    font = FONT_BOLD if bold else FONT
    if "\n" not in text and _cell_width(text, font) <= width - 2 * CELL_PADDING:
        return text
    return Para(markup(text), stylesheet()["cell_bold" if bold else "cell"])


def heading(text: str, limit: int = 160) -> str:
    """User text as the markup of a heading: on one line of text, cut at ``limit`` characters
    with « … » (a title of ten lines says less than one)."""
    text = one_line(text)
    return markup(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def one_line(text: str) -> str:
    """Line breaks and runs of spaces folded into single spaces (headers, titles of tables)."""
    return " ".join(clean(text).split())


def truncate(text: str, width: float, font: str = FONT, size: float = 8) -> str:
    """``text`` on one line, cut with « … » so that it fits in ``width`` points."""
    register_fonts()
    text = one_line(text)
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
