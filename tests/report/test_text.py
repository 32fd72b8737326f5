"""User text on its way into reportlab: escaped for markup, plain in cells, cut in headers."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from socle_desktop.domain.presentation import plural
from socle_desktop.report.styles import FONT, register_fonts
from socle_desktop.report.text import Para, cell, clean, markup, truncate


def test_markup_escapes_then_keeps_line_breaks():
    assert markup("<b>A & B</b>\r\nC") == "&lt;b&gt;A &amp; B&lt;/b&gt;<br/>C"


def test_clean_drops_control_characters_and_tabs():
    assert clean("a\x00b\tc\rd\x1b") == "ab c\nd"


def test_short_cell_text_stays_a_plain_string_drawn_as_typed():
    assert cell("<École & co>", 300) == "<École & co>"


def test_long_or_multiline_cell_text_wraps_in_an_escaped_paragraph():
    long = cell("É" * 200, 100)
    assert isinstance(long, Para)
    assert long.getPlainText() == "É" * 200
    two_lines = cell("a <b>\nc", 300)
    assert isinstance(two_lines, Para)
    assert two_lines.text == "a &lt;b&gt;<br/>c"


def test_paragraphs_never_break_inside_an_amount():
    para = Para("Plafond = 144\u202f000,00\u00a0€", None)
    assert "\u202f" not in para.getPlainText()


def test_truncate_fits_the_width_with_an_ellipsis():
    register_fonts()
    text = "Communauté de communes " * 10
    cut = truncate(text, 200, FONT, 8)
    assert cut.endswith("…")
    assert stringWidth(cut, FONT, 8) <= 200
    assert truncate("Court\nnom", 200) == "Court nom"


def test_plural_french_style():
    assert plural(0, "école") == "0 école"
    assert plural(1, "classe") == "1 classe"
    assert plural(2, "élève") == "2 élèves"
