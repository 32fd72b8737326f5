"""What a user types, read as the value the dossier would hold: never guessed when ambiguous."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socle_desktop.domain.typed import InvalidValue, typed_value


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("prix_unitaire", "2 450,50", Decimal("2450.50")),
        ("prix_unitaire", "2450.5", Decimal("2450.50")),  # a dot with one or two decimals
        ("prix_unitaire", "2.45", Decimal("2.45")),
        ("prix_unitaire", "1\u202f200 €", Decimal("1200.00")),
        ("prix_unitaire", " 12,00 ", Decimal("12.00")),
        ("quantite", "1 234", 1234),
        ("quantite", "007", 7),
    ],
)
def test_french_typing_is_read(field, text, value):
    assert typed_value("ligne", field, text) == value


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        # « 2.450 » could be 2 450 € or 2,45 €: refused, with the two ways to write it
        ("prix_unitaire", "2.450", "écrivez 2\u202f450 ou 2,45"),
        ("prix_unitaire", "1.234,56", "écrivez 1\u202f234,56"),
        ("prix_unitaire", "1,234.56", "écrivez 1\u202f234,56"),
        ("prix_unitaire", "1.234.567", "écrivez 1\u202f234\u202f567"),
        ("prix_unitaire", "2,456", "au plus 2 décimales"),
        ("prix_unitaire", "٢٣٠٠", "chiffres de 0 à 9"),
        ("prix_unitaire", "１２", "chiffres de 0 à 9"),
        ("prix_unitaire", "-5", "négatif"),
        ("prix_unitaire", "99999999999", "ne peut pas dépasser 10\u202f000\u202f000,00"),
        ("prix_unitaire", "", "saisissez un montant"),
        ("quantite", "1 234,56", "n'est pas un nombre entier"),
        ("quantite", "99999999999", "ne peut pas dépasser 100\u202f000"),
        ("quantite", "9" * 5000, "ne peut pas dépasser 100\u202f000"),
        ("quantite", "-3", "négatif"),
        ("quantite", "douze", "n'est pas un nombre entier"),
        ("quantite", "١٢", "chiffres de 0 à 9"),
    ],
)
def test_refusals_say_why_and_the_limit(field, text, words):
    with pytest.raises(InvalidValue) as caught:
        typed_value("ligne", field, text)
    assert words in str(caught.value)


def test_pupils_limits_differ_for_a_school_and_a_class():
    assert typed_value("ecole", "eleves", "5 000") == 5000
    with pytest.raises(InvalidValue, match="ne peut pas dépasser 5\u202f000"):
        typed_value("ecole", "eleves", "99999999999999")
    with pytest.raises(InvalidValue, match="ne peut pas dépasser 100"):
        typed_value("classe", "eleves", "101")


def test_codes_are_read_without_spaces_and_in_capitals():
    assert typed_value("porteur", "siren", "213 599 905") == "213599905"
    assert typed_value("ecole", "uai", "0351698f") == "0351698F"
    assert typed_value("porteur", "siren", "") == ""
    with pytest.raises(InvalidValue, match="9 chiffres"):
        typed_value("porteur", "siren", "2")
