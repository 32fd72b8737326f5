"""The fiche de dépôt: the form's values in the order of the dossier, amounts as the form's
number fields take them, and the attachments."""

from __future__ import annotations

from decimal import Decimal

from socle_desktop.domain.rules import compute
from socle_desktop.export.depot import (
    ATTACHMENTS_RUBRIQUE,
    depot_data,
    depot_text,
    fiche,
    form_amount,
)


def values(entries, rubrique):
    return {e.champ: e.valeur for e in entries if e.rubrique == rubrique}


def test_order_of_the_dossier_de_candidature(epci, campaign):
    entries = fiche(epci, campaign)
    rubriques = list(dict.fromkeys(e.rubrique for e in entries))
    assert rubriques == [
        "Porteur du projet",
        "Contact",
        "Communes concernées",
        "Écoles",
        "École 1",
        "École 2",
        "Volet équipement",
        "Volet services et ressources",
        "Plan de financement",
        ATTACHMENTS_RUBRIQUE,
    ]


def test_every_value_of_a_multi_commune_dossier(epci, campaign):
    entries = fiche(epci, campaign)
    result = compute(epci, campaign)
    porteur = values(entries, "Porteur du projet")
    assert porteur == {
        "Type de porteur": "EPCI (intercommunalité)",
        "Nom (raison sociale)": "Communauté de communes du Val d'Exemple",
        "Numéro SIREN": "243500000",
    }
    assert values(entries, "Communes concernées") == {
        "Nombre de communes": "2",
        "Commune 1": "Saint-Exemple-sur-Vilaine (35999)",
        "Commune 2": "Exemple-le-Petit (35998)",
    }
    second = values(entries, "École 2")
    school = epci.ecoles[1]
    assert second["UAI"] == school.uai and second["Commune"] == "Exemple-le-Petit (35998)"
    assert second["Élèves"] == str(school.eleves)
    assert second["Classes de cycles 2 et 3"] == str(result.schools[1].classes_cycles_2_3)
    plan = values(entries, "Plan de financement")
    assert plan["Subvention de l'État demandée"] == form_amount(result.subsidy)
    assert Decimal(plan["Dépense totale (TTC)"].replace(",", ".")) == result.expense
    assert values(entries, "Volet équipement")["Subvention demandée"] == form_amount(
        result.equipment.subsidy
    )
    attachments = values(entries, ATTACHMENTS_RUBRIQUE)
    assert any("conseil communautaire" in name for name in attachments)
    assert any("RIB" in name for name in attachments)
    assert any("compétence scolaire" in name for name in attachments)  # not a commune


def test_amounts_as_the_form_wants_them():
    assert form_amount(Decimal("15648")) == "15648,00"
    assert form_amount(Decimal("1234567.8")) == "1234567,80"


def test_json_shape_and_text(epci, campaign):
    entries = fiche(epci, campaign)
    data = depot_data(entries)
    assert all(set(item) == {"rubrique", "champ", "valeur"} for item in data)
    assert all(isinstance(item["valeur"], str) for item in data)
    text = depot_text(entries, epci)
    assert "  Numéro SIREN : 243500000" in text
    assert "  [ ] Relevé d'identité bancaire (RIB)" in text


def test_fctva_only_when_asked(example, campaign):
    assert "FCTVA estimé (hors subvention)" not in values(
        fiche(example, campaign), "Plan de financement"
    )
    example.parametres.fctva = True
    plan = values(fiche(example, campaign), "Plan de financement")
    expense = compute(example, campaign).equipment.expense
    assert plan["FCTVA estimé (hors subvention)"] == form_amount(expense * Decimal("0.16404"))
