"""Dossiers for the export tests: the example, a multi-commune EPCI, and hostile names."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from socle_desktop.domain import jsonio
from socle_desktop.domain.model import Commune, PorteurType
from socle_desktop.domain.samples import HOSTILE_NAMES
from socle_desktop.resources import example_dossier_path

# Texts a spreadsheet would take for formulas, and markup; each must come back as typed.
FORMULA_NAMES = ("=1+1", "+33 6 12", "-5 élèves", "@SUM(A1:A2)", '=HYPERLINK("http://x")')


def example_data() -> dict:
    return json.loads(example_dossier_path().read_text(encoding="utf-8"))


@pytest.fixture
def example():
    return jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))


@pytest.fixture
def epci():
    """An EPCI of two communes, one school each (the example's schools)."""
    data = example_data()
    data["porteur"].update(
        type="epci", nom="Communauté de communes du Val d'Exemple", siren="243500000"
    )
    data["communes"] = [
        {"insee": "35999", "nom": "Saint-Exemple-sur-Vilaine"},
        {"insee": "35998", "nom": "Exemple-le-Petit"},
    ]
    data["ecoles"][1]["commune"] = "35998"
    return jsonio.from_data(data)


@pytest.fixture
def hostile(example):
    """The example with a hostile name on everything a user types."""
    dossier = copy.deepcopy(example)
    names = FORMULA_NAMES + HOSTILE_NAMES
    dossier.porteur.nom = names[0]
    dossier.porteur.contact.nom = "=cmd|' /C calc'!A0"
    dossier.communes[0].nom = names[1]
    dossier.communes.append(Commune("35998", names[2]))
    dossier.porteur.type = PorteurType.RPI
    for school, name in zip(dossier.ecoles, (names[3], names[4]), strict=False):
        school.nom = name
    dossier.ecoles[0].classes[0].nom = HOSTILE_NAMES[0]
    lines = dossier.ecoles[0].lignes
    for line, name in zip(lines, HOSTILE_NAMES[1:], strict=False):
        line.libelle = name
    lines[0].prix_unitaire = Decimal("0.01")
    return dossier
