"""Long texts from a file made elsewhere print, wrapped or cut, and never stop the PDF."""

from __future__ import annotations

import copy
import subprocess

import pytest

from socle_desktop.report import build_pdf
from socle_desktop.report.text import BOUNDS

from .conftest import TODAY, needs, page_texts, squashed

NAME = ("École " + "Jules-Ferry-des-Trois-Vallées " * 80)[:2000]


def every_text(dossier, text: str):
    dossier = copy.deepcopy(dossier)
    dossier.porteur.nom = dossier.porteur.contact.nom = text
    for commune in dossier.communes:
        commune.nom = text
    for school in dossier.ecoles:
        school.nom = school.uai = text
        for classroom in school.classes:
            classroom.nom, classroom.niveaux = text, [text] * 3
            for line in classroom.lignes:
                line.libelle = text
        for line in school.lignes + school.services:
            line.libelle = text
    return dossier


@needs("pdftoppm")
def test_a_2000_character_school_name_prints_cut_with_an_ellipsis(example, campaign, tmp_path):
    dossier = copy.deepcopy(example[0])
    dossier.ecoles[0].nom = NAME
    pdf = build_pdf(dossier, campaign, today=TODAY)
    text = squashed("\n".join(page_texts(pdf)))
    chars, _lines = BOUNDS
    assert squashed(NAME[: chars - 40]) in text  # wrapped in the table, as typed
    assert squashed(NAME) not in text and "…" in text
    (tmp_path / "long.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(tmp_path / "long.pdf"), str(tmp_path / "page")],
        check=True,
    )
    assert len(list(tmp_path.glob("page-*.png"))) == len(page_texts(pdf))


@pytest.mark.parametrize(
    "text",
    [
        NAME,
        "x" * 100_000,
        "\n".join(["ligne"] * 5000),
        "mot " * 30_000,
    ],
    ids=["2000", "100000-sans-espace", "5000-lignes", "30000-mots"],
)
def test_every_text_that_long_still_prints(example, campaign, text):
    pdf = build_pdf(every_text(example[0], text), campaign, today=TODAY)
    pages = page_texts(pdf)
    assert pdf.startswith(b"%PDF") and 3 <= len(pages) < 80
    assert "…" in "".join(pages)
