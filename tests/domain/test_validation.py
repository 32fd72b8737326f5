"""The one validation of every value: each limit, each refusal in French with its limit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socle_desktop.domain import validation as V
from socle_desktop.domain.model import Classroom, Contact, Dossier, Line, School
from socle_desktop.domain.validation import InvalidValue, check_dossier, check_field


def refusal(kind: str, field: str, value) -> str:
    with pytest.raises(InvalidValue) as caught:
        check_field(kind, field, value)
    assert caught.value.field == field
    return str(caught.value)


@pytest.mark.parametrize(
    ("kind", "field", "value", "words"),
    [
        ("ligne", "quantite", 100_001, "ne peut pas dépasser 100\u202f000"),
        ("ligne", "quantite", -1, "négatif"),
        ("ligne", "quantite", True, "nombre entier"),
        ("ligne", "quantite", "12", "nombre entier"),
        ("ecole", "eleves", 125_000_015, "ne peut pas dépasser 5\u202f000"),
        ("classe", "eleves", 101, "ne peut pas dépasser 100"),
        ("ligne", "prix_unitaire", Decimal("10000000.01"), "10\u202f000\u202f000,00\u00a0€"),
        ("ligne", "prix_unitaire", Decimal("NaN"), "montant exact"),
        ("ligne", "prix_unitaire", Decimal("Infinity"), "montant exact"),
        ("ligne", "prix_unitaire", Decimal("1E+999999"), "ne peut pas dépasser"),
        ("ligne", "prix_unitaire", Decimal("2.455"), "2 décimales"),
        ("ligne", "prix_unitaire", 2.5, "montant exact"),
        ("parametres", "taux_tva", Decimal("100.01"), "100,00\u00a0%"),
        ("contact", "fonction", "x" * 10_000, "10\u202f000 caractères, au plus 200"),
        ("ecole", "nom", "É" * 251, "au plus 250"),
        ("ligne", "libelle", "x" * 501, "au plus 500"),
        ("ligne", "libelle", "a\nb\nc\nd\ne\nf", "6, au plus 5"),
        ("contact", "telephone", "01\n02", "tient sur une ligne"),
        ("ecole", "nom", "École\x00", "U+0000"),
        ("ecole", "nom", "École \ud83c", "U+D83C"),
        ("classe", "nom", "  ", "ne peut pas être vide"),
        ("porteur", "siren", "2", "9 chiffres"),
        ("porteur", "siren", "213599905\n", "9 chiffres"),
        ("porteur", "siren", "٢١٣٥٩٩٩٠٥", "9 chiffres"),
        ("ecole", "uai", "0351698F\n", "7 chiffres"),
        ("ecole", "uai", "0351698f", "7 chiffres"),
        ("commune", "insee", "3523", "INSEE"),
        ("commune", "insee", "", "INSEE"),
        ("classe", "niveaux", ["CP", "CP"], "deux fois"),
        ("classe", "niveaux", ["6e"], "inconnu"),
        ("porteur", "type", "mairie", "inconnu"),
        ("ecole", "existant", {"projection": "neuf"}, "inconnu"),
    ],
)
def test_each_limit_is_refused_with_a_french_reason(kind, field, value, words):
    assert words in refusal(kind, field, value)


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        ("porteur", "siren", ""),
        ("ecole", "uai", ""),
        ("ecole", "commune", ""),
        ("ecole", "nom", ""),
        ("ecole", "nom", "É" * 250),
        ("ligne", "quantite", 100_000),
        ("ecole", "eleves", 5_000),
        ("ligne", "prix_unitaire", Decimal("10000000.00")),
        ("ligne", "libelle", "Première ligne\nseconde ligne"),
        ("commune", "insee", "2A004"),
        ("ecole", "nom", "École <Jules Ferry> & annexe 🏫"),
        ("classe", "niveaux", []),
    ],
)
def test_what_a_real_dossier_needs_is_accepted(kind, field, value):
    check_field(kind, field, value)


def test_check_dossier_names_the_json_path_of_the_first_problem(example_dossier):
    check_dossier(example_dossier)
    example_dossier.ecoles[1].classes[0].lignes.append(Line("vpi", "VPI", -3, Decimal(1)))
    with pytest.raises(InvalidValue) as caught:
        check_dossier(example_dossier)
    assert caught.value.field == "ecoles[1].classes[0].lignes[0].quantite"


def test_relations_a_uai_twice_and_a_commune_outside_the_list():
    dossier = Dossier()
    dossier.ecoles = [School("A", "0351698F", ""), School("B", "", ""), School("C", "", "")]
    check_dossier(dossier)  # empty UAIs and communes: schools not finished yet
    dossier.ecoles[2].uai = "0351698F"
    with pytest.raises(InvalidValue, match="déjà dans le dossier") as caught:
        check_dossier(dossier)
    assert caught.value.field == "ecoles[2].uai"
    dossier.ecoles[2].uai, dossier.ecoles[1].commune = "", "35238"
    with pytest.raises(InvalidValue, match="pas dans la liste"):
        check_dossier(dossier)


def test_a_contact_is_checked_whole():
    with pytest.raises(InvalidValue, match="courriel"):
        V.check_contact(Contact(courriel="a" * 300))
    V.check_classroom(Classroom("CP", ["CP"], 25))


@given(st.text(max_size=300))
def test_a_text_is_accepted_or_refused_never_crashes(text):
    try:
        check_field("ecole", "nom", text)
    except InvalidValue as error:
        assert str(error) and str(error) == str(error).strip()
