"""User text never breaks the PDF: markup characters, quotes, emoji, 200 characters and line
breaks print as typed, wherever they appear."""

from __future__ import annotations

import pytest

from socle_desktop.domain.samples import HOSTILE_NAMES

from .conftest import page_texts, squashed

EMOJI_NAME = "École 🏫 du Soleil ☀️"


@pytest.fixture(scope="module")
def hostile_text(hostile_pdf) -> str:
    return "\n".join(page_texts(hostile_pdf))


@pytest.mark.parametrize("name", [n for n in HOSTILE_NAMES if n != EMOJI_NAME])
def test_hostile_name_survives_as_typed(name, hostile_text):
    # Wrapped names come back over several lines: compare without whitespace.
    assert squashed(name) in squashed(hostile_text)


def test_markup_is_printed_not_interpreted(hostile_text):
    assert "<img src='/etc/passwd'/> <b>gras</b> &amp;" in hostile_text
    assert "École <Jules Ferry> & annexe" in hostile_text
    assert "&lt;" not in hostile_text.replace("&amp;", "")  # no double escaping


def test_emoji_the_font_lacks_leave_the_text_around_intact(hostile_text):
    """DejaVu Sans has « ☀ » but no « 🏫 »: reportlab draws its empty box (.notdef glyph) in
    its place, which reads back as U+0000 or nothing; every other character prints."""
    assert "du Soleil ☀" in hostile_text
    lines = [line for line in hostile_text.splitlines() if "du Soleil" in line]
    assert len(lines) >= 4  # title, class, line, summary…
    for line in lines:
        kept = line.replace("\x00", "").replace("🏫", "").replace("\ufe0f", "")
        assert "École du Soleil ☀" in " ".join(kept.split())


def test_line_breaks_are_kept(hostile_text):
    assert "Première ligne\nseconde ligne" in hostile_text


def test_long_name_is_cut_in_the_header(hostile, campaign):
    import copy

    from socle_desktop.report import build_pdf

    dossier = copy.deepcopy(hostile[0])
    dossier.porteur.nom = "Syndicat intercommunal " + "É" * 200
    pages = page_texts(build_pdf(dossier, campaign))
    header = pages[1].splitlines()[0]
    assert header.startswith("Syndicat intercommunal ÉÉÉ") and header.endswith("…")
    assert len(header) < 100


def test_an_empty_dossier_still_prints(campaign):
    from socle_desktop.domain.model import Dossier
    from socle_desktop.report import build_pdf

    text = "\n".join(page_texts(build_pdf(Dossier(), campaign)))
    assert "Le dossier ne compte encore aucune école." in text
    assert "page 1 /" in text


def test_control_characters_are_dropped(example, campaign):
    import copy

    from socle_desktop.report import build_pdf

    dossier = copy.deepcopy(example[0])
    dossier.ecoles[0].nom = "École\x00 du\tBourg\r\nannexe\x07"
    text = "\n".join(page_texts(build_pdf(dossier, campaign)))
    assert "École du Bourg\nannexe" in text
