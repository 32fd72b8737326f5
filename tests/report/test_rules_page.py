"""The rules page and each school's figures: the settings in French, the VAT of each article,
the cap pooled per commune and each school's share of its commune's subsidy."""

from __future__ import annotations

import copy
from decimal import Decimal

from socle_desktop.domain.catalogue import load_default_catalogue
from socle_desktop.domain.model import Line
from socle_desktop.domain.money import euros
from socle_desktop.domain.rules import compute
from socle_desktop.report import build_pdf

from .conftest import TODAY, page_texts, spaced


def _text(dossier, campaign) -> str:
    result = compute(dossier, campaign)
    return spaced("\n".join(page_texts(build_pdf(dossier, campaign, result=result, today=TODAY))))


def _rules(text: str) -> str:
    return text.split("Règles et paramètres de calcul")[1].split("Signature")[0]


def test_prices_typed_ht_say_each_articles_rate_and_the_rounding_per_line(example, campaign):
    dossier = copy.deepcopy(example[0])
    dossier.parametres.prix_saisis = "HT"
    dossier.catalogue["manuels-numeriques"] = load_default_catalogue()["manuels-numeriques"]
    dossier.ecoles[0].services.append(
        Line("manuels-numeriques", "Manuels numériques", 96, Decimal("10.00"))
    )
    rules = _rules(_text(dossier, campaign))
    assert (
        "HT, convertis en TTC ligne par ligne au taux de TVA de chaque article ; chaque "
        "ligne convertie est arrondie au centime"
    ) in rules
    assert "20 %, taux du dossier (lignes hors catalogue)" in rules
    assert "Manuels numériques, deux années scolaires (par élève) : 5,5 %" in rules


def test_prices_typed_ttc_say_the_rate_changes_nothing(example_text):
    rules = _rules(spaced(example_text))
    assert "Prix saisis TTC" in rules
    assert "sans effet ici, les prix étant saisis TTC" in rules
    assert "de chaque commune, le volet équipement étant la somme des communes" in rules


def test_the_pooled_cap_and_each_schools_share_are_printed(example, campaign):
    dossier = copy.deepcopy(example[0])
    dossier.parametres.plafond_par_classe = "projet"
    tilleuls = dossier.ecoles[1]
    for classroom in tilleuls.classes:  # 4 000 € for a cap of 7 000 €: Jules Ferry, above
        classroom.lignes = []  # its own cap, takes the 3 000 € left
    tilleuls.lignes = [Line("vpi", "Vidéoprojecteur interactif", 1, Decimal("4000"))]
    result = compute(dossier, campaign)
    ferry, other = result.schools
    assert ferry.pooled == Decimal("3000.00")
    assert ferry.subsidy + other.subsidy == result.communes[0].subsidy
    text = _text(dossier, campaign)
    assert "appliqué par commune (mis en commun entre les écoles de chaque commune)" in text
    assert (
        spaced(f"part laissée libre par les autres écoles de la commune {euros(ferry.pooled)}")
        in text
    )
    for sr in (ferry, other):
        assert spaced(f"(au prorata de la dépense éligible) {euros(sr.subsidy)}") in text
