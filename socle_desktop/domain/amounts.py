"""Line amounts in the basis of the campaign (HT or TTC), and what the call funds."""

from __future__ import annotations

from decimal import Decimal

from socle_desktop.domain.model import CatalogueItem, Dossier, Line
from socle_desktop.domain.money import cents

HUNDRED = Decimal(100)


def line_amount(line: Line, dossier: Dossier) -> Decimal:
    """Quantity × unit price, converted from the typed basis (HT/TTC) to the campaign's."""
    amount = line.montant
    params = dossier.parametres
    if params.prix_saisis == params.base:
        return cents(amount)
    factor = 1 + params.taux_tva / HUNDRED
    return cents(amount * factor if params.base == "TTC" else amount / factor)


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
