"""Line amounts in the basis of the campaign (HT or TTC), and what the call funds."""

from __future__ import annotations

from decimal import Decimal

from socle_desktop.domain.model import CatalogueItem, Dossier, Line, Parametres
from socle_desktop.domain.money import cents

HUNDRED = Decimal(100)


def vat_rate(line: Line, dossier: Dossier) -> Decimal:
    """The VAT rate of a line, in percent: its article's own (the dossier's copy of the
    catalogue), or the dossier's rate for a free-text line (snee-2021.md §5.3)."""
    item = dossier.catalogue.get(line.article)
    return item.taux_tva if item is not None else dossier.parametres.taux_tva


def line_amount(line: Line, dossier: Dossier) -> Decimal:
    """Quantity × unit price, converted from the typed basis (HT/TTC) to the campaign's with
    the line's VAT rate, and rounded to the cent line by line (as an invoice is)."""
    amount = line.montant
    params = dossier.parametres
    if params.prix_saisis == params.base:
        return cents(amount)
    factor = 1 + vat_rate(line, dossier) / HUNDRED
    return cents(amount * factor if params.base == "TTC" else amount / factor)


def converts(params: Parametres) -> bool:
    """Whether lines are converted between HT and TTC, with each article's VAT rate."""
    return params.prix_saisis != params.base


def vat_effect(params: Parametres) -> str:
    """What the VAT rates of the articles do in a dossier with these settings, in French."""
    if converts(params):
        return (
            f"Prix saisis {params.prix_saisis}, montants calculés {params.base} : chaque "
            "ligne est convertie au taux de son article et arrondie au centime."
        )
    if params.prix_saisis == "HT":
        return (
            "Prix saisis et montants calculés HT : le taux donne le prix HT proposé à partir "
            "du prix TTC du catalogue."
        )
    return "Prix saisis et montants calculés TTC : le taux ne change aucun montant."


def typed_price(item: CatalogueItem, dossier: Dossier) -> Decimal:
    """A catalogue price (always TTC) in the basis the dossier's prices are typed in, with
    the article's own VAT rate."""
    if dossier.parametres.prix_saisis == "HT":
        return cents(item.prix_unitaire / (1 + item.taux_tva / HUNDRED))
    return item.prix_unitaire


def is_subsidisable(line: Line, dossier: Dossier) -> bool:
    """Lines of articles marked outside the socle (or recurring) count in the expense only."""
    item = dossier.catalogue.get(line.article)
    return item.subventionnable if item else True
