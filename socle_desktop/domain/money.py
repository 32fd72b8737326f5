"""Exact money: Decimal amounts, strict parsing, and the one French formatter."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NARROW_NBSP, NBSP = "\u202f", "\u00a0"

# The interchange format: a dot, at most two decimals, no sign, no exponent, ASCII digits only
# (Python's « \d » would take « ٢٣٠٠ »), and nothing after (« $ » would let « 12.00\n » in).
_JSON_AMOUNT = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")
_SPACES = (" ", NARROW_NBSP, NBSP)
_GROUPED = re.compile(r"[0-9]{1,3}([.,][0-9]{3})+")


class AmountError(ValueError):
    """An amount that cannot be read; the message is French and shown as is."""


def cents(amount: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to the cent (half up unless told otherwise)."""
    return amount.quantize(CENT, rounding)


def parse_amount(text: str) -> Decimal:
    """Read an amount of the JSON contract (« "2450.00" »); refuse anything else."""
    if not isinstance(text, str):
        raise AmountError('un montant s\'écrit comme une chaîne, par exemple "2450.00"')
    if not _JSON_AMOUNT.fullmatch(text):
        shown = (text if len(text) <= 40 else text[:40] + "…").replace("\n", "\\n")
        raise AmountError(
            f"montant invalide « {shown} » : attendu un nombre positif avec un point "
            'et au plus 2 décimales, par exemple "2450.00"'
        )
    return cents(Decimal(text))


def parse_typed_amount(text: str) -> Decimal:
    """Read an amount typed by a French user: « 2 450,50 », « 2450.5 », « 1 200 € ».

    Spaces group thousands; a comma or a dot followed by one or two digits is the decimal
    separator. What could be read two ways is refused, never guessed: « 2.450 » (2 450 € or
    2,45 €?) and « 1.234,56 » ask the user to write it the French way."""
    typed = text.strip()
    cleaned = typed.removesuffix("€").strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, "")
    if cleaned.startswith("-"):
        raise AmountError("un montant ne peut pas être négatif")
    if not cleaned:
        raise AmountError("saisissez un montant, par exemple 2 450,00")
    if not cleaned.isascii() or any(c not in "0123456789.," for c in cleaned):
        if any(c.isdigit() for c in cleaned if not c.isascii()):
            raise AmountError(f"« {typed} » : tapez les chiffres de 0 à 9")
        raise AmountError(f"« {typed} » n'est pas un montant (exemple : 2 450,00)")
    if ambiguous := _ambiguity(cleaned):
        raise AmountError(f"« {typed} » est ambigu : {ambiguous}")
    whole, _sep, decimals = cleaned.replace(",", ".").partition(".")
    if not whole or "." in decimals or (_sep and not decimals):
        raise AmountError(f"« {typed} » n'est pas un montant (exemple : 2 450,00)")
    if len(decimals) > 2:
        raise AmountError(f"« {typed} » : un montant a au plus 2 décimales (les centimes)")
    if len(whole.lstrip("0")) > 12:
        raise AmountError(f"« {typed} » : montant démesuré (au plus 12 chiffres avant la virgule)")
    return cents(Decimal(f"{whole}.{decimals or '0'}"))


def _ambiguity(cleaned: str) -> str | None:
    """What to write instead of a number whose separators can be read two ways."""
    if "." in cleaned and "," in cleaned or cleaned.count(".") > 1 or cleaned.count(",") > 1:
        last = max(cleaned.rfind("."), cleaned.rfind(","))
        whole, decimals = cleaned[:last], cleaned[last + 1 :]
        digits = whole.replace(".", "").replace(",", "")
        if digits.isdigit() and _GROUPED.fullmatch(whole) and len(decimals) in (1, 2, 3):
            if len(decimals) == 3:  # « 1.234.567 »: thousands only
                return f"écrivez {group_thousands(int(digits + decimals))}"
            return f"écrivez {group_thousands(int(digits))},{decimals} (espaces entre milliers)"
        return None
    whole, sep, decimals = cleaned.partition(".")
    if sep and len(decimals) == 3 and whole.isdigit() and decimals.isdigit():
        # « 2.450 »: 2 450 € the German way, or 2,450 € with a stray zero
        short = decimals.rstrip("0") if decimals.endswith("0") else decimals[:2]
        return f"écrivez {group_thousands(int(whole + decimals))} ou {int(whole)},{short:0<2}"
    return None


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


MINUS = "\u2212"  # the typographic minus of a difference (« −3 200,00 € »)


def signed_euros(delta: Decimal) -> str:
    """A difference: « +16 470,00 € », « −3 200,00 € », « 0,00 € »."""
    delta = cents(delta)
    if delta == 0:
        return euros(ZERO)
    return ("+" if delta > 0 else MINUS) + euros(abs(delta))


def signed_points(delta: Decimal, decimals: int = 1) -> str:
    """A difference of two rates in percentage points: « +2,5 points », « −0,8 point »."""
    value = (delta * 100).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if value == 0:
        return "0 point"
    text = f"{abs(value):.{decimals}f}".replace(".", ",")
    unit = "point" if abs(value) < 2 else "points"
    return ("+" if value > 0 else MINUS) + text + NBSP + unit
