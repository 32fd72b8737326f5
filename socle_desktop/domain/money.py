"""Exact money: Decimal amounts, strict parsing, and the one French formatter."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NARROW_NBSP, NBSP = "\u202f", "\u00a0"

# The interchange format: a dot, at most two decimals, no sign, no exponent.
_JSON_AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
# What a French user types: « 12 345,67 », « 12345.67 », « 1 200 € ».
_TYPED_AMOUNT = re.compile(r"^\d{1,12}([.,]\d{1,2})?$")


class AmountError(ValueError):
    """An amount that cannot be read; the message is French and shown as is."""


def cents(amount: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to the cent (half up unless told otherwise)."""
    return amount.quantize(CENT, rounding)


def parse_amount(text: str) -> Decimal:
    """Read an amount of the JSON contract (« "2450.00" »); refuse anything else."""
    if not isinstance(text, str):
        raise AmountError('un montant s\'écrit comme une chaîne, par exemple "2450.00"')
    if not _JSON_AMOUNT.match(text):
        raise AmountError(
            f"montant invalide « {text} » : attendu un nombre positif avec un point "
            'et au plus 2 décimales, par exemple "2450.00"'
        )
    return cents(Decimal(text))


def parse_typed_amount(text: str) -> Decimal:
    """Read an amount typed by a French user; spaces, « € » and either separator are accepted."""
    cleaned = text.replace(NARROW_NBSP, "").replace(NBSP, "").replace(" ", "").replace("€", "")
    if cleaned.startswith("-"):
        raise AmountError("un montant ne peut pas être négatif")
    if not _TYPED_AMOUNT.match(cleaned):
        raise AmountError(f"« {text.strip()} » n'est pas un montant (exemple : 2 450,00)")
    try:
        return cents(Decimal(cleaned.replace(",", ".")))
    except InvalidOperation as error:  # pragma: no cover - the regex already guards this
        raise AmountError(f"« {text} » n'est pas un montant") from error


def to_json(amount: Decimal) -> str:
    """The contract's form: exactly two decimals, a dot."""
    return f"{cents(amount):.2f}"


def group_thousands(whole: int) -> str:
    """« 12 345 » with the narrow no-break space French typography uses."""
    return f"{whole:,}".replace(",", NARROW_NBSP)


def amount_fr(amount: Decimal) -> str:
    """« 12 345,67 » without the currency sign (table cells, input fields)."""
    amount = cents(amount)
    sign = "-" if amount < 0 else ""
    whole, frac = f"{abs(amount):.2f}".split(".")
    return sign + group_thousands(int(whole)) + "," + frac


def euros(amount: Decimal) -> str:
    """« 12 345,67 € » with the no-break spaces French typography uses."""
    return amount_fr(amount) + NBSP + "€"


def percent_fr(rate: Decimal, decimals: int = 0) -> str:
    """A rate 0.7 as « 70 % » (or « 52,5 % » with decimals=1)."""
    value = (rate * 100).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{value:.{decimals}f}".replace(".", ",")
    return text + NBSP + "%"
