"""Shared fixtures of the PDF tests: the example dossier, a hostile one, a 60-school one, and
helpers that read a PDF back as text."""

from __future__ import annotations

import copy
import datetime
import re
import shutil

import pytest
from pypdf import PdfReader

from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.jsonio import loads
from socle_desktop.domain.model import Line
from socle_desktop.domain.rules import compute
from socle_desktop.domain.samples import HOSTILE_NAMES, large_dossier
from socle_desktop.report import build_pdf
from socle_desktop.resources import example_dossier_path

TODAY = datetime.date(2026, 11, 23)


def page_texts(pdf: bytes) -> list[str]:
    import io

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def spaced(text: str) -> str:
    """Every kind of space (U+202F, U+00A0, line breaks) as one plain space."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def squashed(text: str) -> str:
    """No whitespace at all: a name wrapped over several lines still matches as typed."""
    return re.sub(r"\s+", "", text)


def needs(tool: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        shutil.which(tool) is None, reason=f"{tool} absent (paquet Debian poppler-utils)"
    )


@pytest.fixture(scope="session")
def campaign():
    return load_campaign("snee-2021")


@pytest.fixture(scope="session")
def example(campaign):
    dossier = loads(example_dossier_path().read_text(encoding="utf-8"))
    return dossier, compute(dossier, campaign)


@pytest.fixture(scope="session")
def example_pdf(example, campaign) -> bytes:
    dossier, result = example
    return build_pdf(dossier, campaign, result=result, today=TODAY)


@pytest.fixture(scope="session")
def example_text(example_pdf) -> str:
    return "\n".join(page_texts(example_pdf))


def hostile_dossier(dossier):
    """The example with every user text replaced by a hostile name."""
    dossier = copy.deepcopy(dossier)
    template = dossier.ecoles[0]
    dossier.porteur.nom = HOSTILE_NAMES[0]
    dossier.porteur.contact.nom = HOSTILE_NAMES[5]
    dossier.communes[0].nom = HOSTILE_NAMES[1]
    dossier.ecoles = []
    for n, name in enumerate(HOSTILE_NAMES):
        school = copy.deepcopy(template)
        school.id = f"hostile{n}"
        school.nom = name
        school.classes[0].nom = name
        school.lignes.append(Line("vpi", name, 1, template.lignes[0].prix_unitaire))
        dossier.ecoles.append(school)
    return dossier


@pytest.fixture(scope="session")
def hostile(example, campaign):
    dossier = hostile_dossier(example[0])
    return dossier, compute(dossier, campaign)


@pytest.fixture(scope="session")
def hostile_pdf(hostile, campaign) -> bytes:
    dossier, result = hostile
    return build_pdf(dossier, campaign, result=result, today=TODAY)


@pytest.fixture(scope="session")
def large(campaign):
    dossier = large_dossier()
    return dossier, compute(dossier, campaign)


@pytest.fixture(scope="session")
def large_pdf(large, campaign) -> bytes:
    dossier, result = large
    return build_pdf(dossier, campaign, result=result, today=TODAY)


@pytest.fixture(scope="session")
def large_pages(large_pdf) -> list[str]:
    return page_texts(large_pdf)
