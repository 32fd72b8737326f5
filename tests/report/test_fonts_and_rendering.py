"""DejaVu Sans is shipped, embedded, and prints « € », « œ » and U+202F; every page renders."""

from __future__ import annotations

import subprocess

from socle_desktop.domain.money import NARROW_NBSP
from socle_desktop.resources import resource

from .conftest import needs, page_texts


def test_the_font_and_its_licence_are_shipped():
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert resource("fonts", name).is_file()
    assert "Bitstream" in resource("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_the_font_has_the_glyphs_french_needs():
    from reportlab.pdfbase import pdfmetrics

    from socle_desktop.report.styles import FONT, FONT_BOLD, register_fonts

    register_fonts()
    for name in (FONT, FONT_BOLD):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        for char in "€œŒÉÈÀÇéèêëàâîïôöùûüç«»’\u202f\u00a0":
            assert glyphs.get(ord(char)), f"{name} : pas de glyphe pour {char!r}"


def _pdffonts(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


@needs("pdffonts")
def test_only_embedded_dejavu_fonts(example_pdf, large_pdf, tmp_path):
    for name, pdf in (("exemple", example_pdf), ("grand", large_pdf)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        fonts = _pdffonts(path)
        assert {row[0].split("+")[-1] for row in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
        for row in fonts:
            emb, sub, uni = row[-5:-2]
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_narrow_no_break_space_is_in_the_text_layer(example_pdf):
    """The amounts of the tables carry U+202F itself (pypdf reads it back from the font's
    ToUnicode map; pdftotext would show a plain space), drawn with DejaVu's own glyph."""
    text = "\n".join(page_texts(example_pdf))
    assert f"15{NARROW_NBSP}648,00" in text
    assert f"32{NARROW_NBSP}670,00" in text


def test_oe_ligature_and_euro_print(example, campaign):
    import copy

    from socle_desktop.report import build_pdf

    dossier = copy.deepcopy(example[0])
    dossier.ecoles[0].nom = "École Sœur Thérèse — cœur de bourg"
    text = "\n".join(page_texts(build_pdf(dossier, campaign)))
    assert "École Sœur Thérèse — cœur de bourg" in text
    assert "€" in text


@needs("pdftoppm")
def test_every_page_renders(example_pdf, tmp_path):
    from PIL import Image

    path = tmp_path / "exemple.pdf"
    path.write_bytes(example_pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(page_texts(example_pdf))
    for image_path in images:
        with Image.open(image_path) as image:
            assert image.size[1] > image.size[0]  # A4 portrait
            grey = image.convert("L")
            assert grey.getextrema()[0] < 100, f"{image_path.name} est vide"
