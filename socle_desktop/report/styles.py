"""The one style sheet of the PDF dossier: fonts, colours, paragraph and table styles."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from socle_desktop.resources import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

# Sober, print-friendly colours: one dark blue for titles and table heads, greys for rules.
INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d3f6e")
MUTED = colors.HexColor("#5b6673")
RULE = colors.HexColor("#b8c2cc")
HEAD_BG = colors.HexColor("#e3e9f1")
ZEBRA = colors.HexColor("#f4f6f9")
TOTAL_BG = colors.HexColor("#dfe6ef")
SECTION_BG = colors.HexColor("#eef1f5")
BOX_BG = colors.HexColor("#f2f5f9")
GOOD = colors.HexColor("#1e6b3a")
WARN = colors.HexColor("#9a5b00")
BAD = colors.HexColor("#a11d1d")

# Page geometry (A4): the header and footer live in the top and bottom margins.
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm

BODY_SIZE = 9.5
CELL_SIZE = 8.5
CELL_PADDING = 3  # left and right padding of table cells, points


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (shipped in resources/fonts) once; reportlab embeds a subset."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)


@cache
def stylesheet() -> dict[str, ParagraphStyle]:
    """Every paragraph style of the dossier, by name."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35,
                          textColor=INK, spaceAfter=3, bulletFontName=FONT)
    cell = ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.25,
                          spaceAfter=0)
    styles = {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=20, leading=25,
                                textColor=ACCENT, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11.5, leading=15, textColor=MUTED,
                                   spaceAfter=10),
        "h1": ParagraphStyle("h1", base, fontName=FONT_BOLD, fontSize=14, leading=18,
                             textColor=ACCENT, spaceBefore=6, spaceAfter=6),
        "h2": ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=11.5, leading=15,
                             textColor=ACCENT, spaceBefore=10, spaceAfter=3),
        "h3": ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=9.5, leading=13,
                             textColor=INK, spaceBefore=6, spaceAfter=3),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "bullet": ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=2),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", cell, fontName=FONT_BOLD),
        "cell_head": ParagraphStyle("cell_head", cell, fontName=FONT_BOLD, textColor=ACCENT),
        "cell_head_right": ParagraphStyle("cell_head_right", cell, fontName=FONT_BOLD,
                                          textColor=ACCENT, alignment=TA_RIGHT),
        "cell_right": ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        "signature": ParagraphStyle("signature", base, fontSize=10.5, leading=15),
        "centered": ParagraphStyle("centered", base, alignment=TA_CENTER),
    }
    return styles


def plain_style() -> list[tuple]:
    """Every table cell in DejaVu Sans, even an empty one (else reportlab declares Helvetica)."""
    register_fonts()
    return [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK)]


def grid_style(*, header_rows: int = 1, right_from: int | None = None,
               zebra: bool = True) -> list[tuple]:
    """The look of every table: a tinted header, light horizontal rules, optional zebra rows,
    and amounts (columns ``right_from`` onwards) aligned right."""
    commands = plain_style() + [
        ("LEADING", (0, 0), (-1, -1), CELL_SIZE * 1.25),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
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
    if right_from is not None:
        commands.append(("ALIGN", (right_from, 0), (-1, -1), "RIGHT"))
    return commands


def bold_row(row: int) -> list[tuple]:
    """A total or subtotal row."""
    return [
        ("FONTNAME", (0, row), (-1, row), FONT_BOLD),
        ("BACKGROUND", (0, row), (-1, row), TOTAL_BG),
        ("LINEABOVE", (0, row), (-1, row), 0.6, ACCENT),
    ]
