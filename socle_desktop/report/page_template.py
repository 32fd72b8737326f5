"""The page frame of every page: a header with the porteur and the campaign, a footer with the
generation date and « page x / y ».

The total page count is only known at the end, so the canvas keeps each page until ``save`` and
then stamps « page x / y » on all of them (one layout pass, no second build).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from socle_desktop.report.styles import (
    ACCENT,
    FONT,
    FONT_BOLD,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    RULE,
    Flowable,
    register_fonts,
)
from socle_desktop.report.text import truncate

PAGE_WIDTH, PAGE_HEIGHT = A4
HEADER_SIZE = 8
FOOTER_SIZE = 7.5
HEADER_Y = PAGE_HEIGHT - 13 * mm
FOOTER_Y = 10 * mm


@dataclass(frozen=True)
class Running:
    """The texts repeated on every page."""

    porteur: str
    campaign: str
    footer: str  # left of the footer: generation date


def page_label(number: int, total: int) -> str:
    return f"page {number} / {total}"


def _draw_frame(canvas: Canvas, running: Running) -> None:
    width = PAGE_WIDTH - 2 * MARGIN_X
    canvas.saveState()
    # The porteur comes first; the campaign gets what is left, both cut with « … » if need be.
    left = truncate(running.porteur, width * 0.55, FONT_BOLD, HEADER_SIZE)
    room = width - stringWidth(left, FONT_BOLD, HEADER_SIZE) - 6 * mm
    right = truncate(running.campaign, room, FONT, HEADER_SIZE)
    canvas.setFillColor(ACCENT)
    canvas.setFont(FONT_BOLD, HEADER_SIZE)
    canvas.drawString(MARGIN_X, HEADER_Y, left)
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, HEADER_SIZE)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, HEADER_Y, right)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, HEADER_Y - 4, PAGE_WIDTH - MARGIN_X, HEADER_Y - 4)
    canvas.line(MARGIN_X, FOOTER_Y + 10, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 10)
    canvas.setFont(FONT, FOOTER_SIZE)
    canvas.drawString(MARGIN_X, FOOTER_Y, truncate(running.footer, width * 0.75, FONT, FOOTER_SIZE))
    canvas.restoreState()


class NumberedCanvas(Canvas):
    """A canvas that holds its pages back until ``save`` to write « page x / y » on each."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self.saveState()
            self.setFont(FONT, FOOTER_SIZE)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_Y, page_label(number, total))
            self.restoreState()
            super().showPage()
        super().save()


class DossierDocTemplate(BaseDocTemplate):
    """A4, one frame, the running header and footer on every page."""

    def __init__(self, file: Any, running: Running, *, title: str, author: str, subject: str):
        register_fonts()
        super().__init__(
            file,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="Socle",
            lang="fr-FR",
            initialFontName=FONT,  # else the canvas declares an unembedded Helvetica
        )
        self.running = running
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._on_page)])

    def _on_page(self, canvas: Canvas, _doc: Any) -> None:
        _draw_frame(canvas, self.running)

    def build(self, flowables: list[Flowable]) -> None:  # noqa: D102 - same as the base, with the numbered canvas
        super().build(flowables, canvasmaker=NumberedCanvas)
