"""The one style sheet of the PDF dossier: fonts, colours, paragraph and table styles."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.tables import CellStyle, Table, TableStyle

from socle_desktop.resources import resource_file

# reportlab has no type hints: its flowables and table commands are named for the reader.
Flowable = Any
Command = tuple[Any, ...]

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

# Sober, print-friendly colours: one dark blue for titles and table heads, greys for rules.
INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d3f6e")
MUTED_HEX = "#5b6673"  # also used in Paragraph markup
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#b8c2cc")
HEAD_BG = colors.HexColor("#e3e9f1")
ZEBRA = colors.HexColor("#f4f6f9")
TOTAL_BG = colors.HexColor("#dfe6ef")
SECTION_BG = colors.HexColor("#eef1f5")
BOX_BG = colors.HexColor("#f2f5f9")
GOOD = colors.HexColor("#1e6b3a")
WARN = colors.HexColor("#9a5b00")
BAD_HEX = "#a11d1d"
BAD = colors.HexColor(BAD_HEX)

# Page geometry (A4): the header and footer live in the top and bottom margins.
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = 210 * mm - 2 * MARGIN_X  # 174 mm: every table spans it

BODY_SIZE = 9.5
CELL_SIZE = 8.5
CELL_PADDING = 3  # left and right padding of table cells, points


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (shipped in resources/fonts) once; reportlab embeds a subset."""
    for name, filename in FONT_FILES.items():
        with resource_file("fonts", filename) as path:  # read whole here: the path may go
            font = TTFont(name, str(path))
            # Each glyph's characters serve only to compute the widths, done by now: 6 000
            # lists per font (about 2 MiB for the two).
            font.face.glyphToChar = {}
            pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@cache
def stylesheet() -> dict[str, ParagraphStyle]:
    """Every paragraph style of the dossier, by name."""
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.35,
        textColor=INK,
        spaceAfter=3,
        bulletFontName=FONT,
    )
    cell = ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.25, spaceAfter=0)
    styles = {
        "body": base,
        "title": ParagraphStyle(
            "title",
            base,
            fontName=FONT_BOLD,
            fontSize=20,
            leading=25,
            textColor=ACCENT,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=13,
            textColor=INK,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "bullet": ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", cell, fontName=FONT_BOLD),
        "signature": ParagraphStyle("signature", base, fontSize=10.5, leading=15),
    }
    return styles


class CellLook(CellStyle):
    """The default look of a table cell. Set on the class rather than by style commands, which
    reportlab applies cell by cell: on a 3 000-row dossier that would double the layout time."""

    fontname = FONT
    fontsize = CELL_SIZE
    leading = CELL_SIZE * 1.25
    leftPadding = CELL_PADDING
    rightPadding = CELL_PADDING
    topPadding = 2.2
    bottomPadding = 2.8
    color = INK
    valign = "TOP"


class AmountCellLook(CellLook):
    alignment = "RIGHT"


def make_table(
    rows: list[list[Any]],
    widths: list[float],
    commands: Sequence[Command] = (),
    *,
    right_from: int | None = None,
    repeat_rows: int = 1,
    **kwargs: Any,
) -> Table:
    """A table in the dossier's look; columns ``right_from`` onwards (amounts) aligned right.
    Long tables split across pages and repeat their first ``repeat_rows`` rows."""
    register_fonts()
    looks = [
        CellLook if right_from is None or col < right_from else AmountCellLook
        for col in range(len(widths))
    ]
    cell_styles = [[look("cell") for look in looks] for _ in rows]
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=repeat_rows,
        hAlign="LEFT",
        cellStyles=cell_styles,
        **kwargs,
    )
    table.setStyle(TableStyle(list(commands)))
    return table


def grid_style(*, header_rows: int = 1, zebra: bool = True) -> list[Command]:
    """The look of every data table: a tinted header, light horizontal rules, zebra rows."""
    commands: list[Command] = [
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), ACCENT),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return commands


def bold_row(row: int) -> list[Command]:
    """A total or subtotal row."""
    return [
        ("FONTNAME", (0, row), (-1, row), FONT_BOLD),
        ("BACKGROUND", (0, row), (-1, row), TOTAL_BG),
        ("LINEABOVE", (0, row), (-1, row), 0.6, ACCENT),
    ]
