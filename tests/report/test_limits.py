"""The text limits of domain/validation.py are those the PDF can print: a dossier with every
field at its limit at once lays out, in wide letters, on five lines per text."""

from __future__ import annotations

import copy

import pytest

from socle_desktop.domain import validation as V
from socle_desktop.report import build_pdf

from .conftest import page_texts


def _text(length: int, lines: int, letter: str) -> str:
    per_line = length // lines
    return "\n".join([letter * (per_line - 1)] * lines)[:length]


@pytest.mark.parametrize("letter", ["W", "é"])
def test_every_text_at_its_limit_prints(example, campaign, letter):
    dossier = copy.deepcopy(example[0])
    name, label = _text(V.MAX_NAME, V.MAX_LINES, letter), _text(V.MAX_LABEL, V.MAX_LINES, letter)
    dossier.porteur.nom = name
    contact = dossier.porteur.contact
    contact.nom, contact.fonction = letter * V.MAX_NAME, letter * V.MAX_FONCTION
    contact.telephone, contact.courriel = "W" * V.MAX_TELEPHONE, letter * V.MAX_COURRIEL
    for commune in dossier.communes:
        commune.nom = name
    for school in dossier.ecoles:
        school.nom = name
        for classroom in school.classes:
            classroom.nom = name
        for line in school.equipment_lines() + school.services:
            line.libelle = label
    for item in dossier.catalogue.values():
        item.libelle, item.unite = label, letter * V.MAX_CODE
    V.check_dossier(dossier)  # every value is one the window could save
    pages = page_texts(build_pdf(dossier, campaign))
    assert len(pages) > 3
    assert (letter * 40) in "".join(pages)
