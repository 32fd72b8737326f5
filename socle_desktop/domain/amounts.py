"""Line amounts in the basis of the campaign (HT or TTC), and what the call funds."""

from __future__ import annotations

from decimal import Decimal

from socle_desktop.domain.model import Dossier, Line
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


def is_subsidisable(line: Line, dossier: Dossier) -> bool:
    """Lines of articles marked outside the socle (or recurring) count in the expense only."""
    item = dossier.catalogue.get(line.article)
    return item.subventionnable if item else True
