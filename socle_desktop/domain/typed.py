"""What a user types in a field, read as the value the dossier would hold (or refused in French).

The window reads every keystroke's text here; a text is committed only when this returns a
value, which ``validation.check_field`` has then already accepted: what the window saves, the
JSON import and the store accept too.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from socle_desktop.domain.money import NARROW_NBSP, NBSP, AmountError, parse_typed_amount
from socle_desktop.domain.validation import FIELDS, Amount, Count, InvalidValue, check_field


def parse_count(text: str, what: str = "la quantité") -> int:
    """A whole number as typed: « 1 234 » is 1234; « 12,5 », « 1e3 » or « ١٢ » are refused."""
    typed = text.strip()
    cleaned = typed
    for space in (" ", NARROW_NBSP, NBSP):
        cleaned = cleaned.replace(space, "")
    if not cleaned:
        raise InvalidValue(f"saisissez {what} (un nombre entier)")
    if cleaned.startswith("-") and cleaned[1:].isdigit():
        raise InvalidValue(f"un nombre négatif n'a pas de sens ici : saisissez {what} (0 ou plus)")
    if not (cleaned.isascii() and cleaned.isdigit()):
        if any(c.isdigit() and not c.isascii() for c in cleaned):
            raise InvalidValue(f"« {typed} » : tapez les chiffres de 0 à 9")
        raise InvalidValue(f"« {typed} » n'est pas un nombre entier")
    if len(cleaned.lstrip("0")) > 12:  # never build a 5 000-digit integer to compare it
        cleaned = "9" * 13
    return int(cleaned)


def parse_amount(text: str) -> Decimal:
    try:
        return parse_typed_amount(text)
    except AmountError as error:
        raise InvalidValue(str(error)) from None


def _stripped(text: str) -> str:
    return text.strip()


def _no_spaces(text: str) -> str:
    return "".join(text.split())


def _upper_no_spaces(text: str) -> str:
    return _no_spaces(text).upper()


# Fields whose typed text is not taken as is: (kind, field) -> how the text is read.
_READERS: dict[tuple[str, str], Callable[[str], Any]] = {
    ("porteur", "siren"): _no_spaces,
    ("ecole", "uai"): _upper_no_spaces,
    ("commune", "insee"): _upper_no_spaces,
    ("commune", "nom"): _stripped,
    ("classe", "nom"): _stripped,
    ("ligne", "libelle"): _stripped,
    ("article", "libelle"): _stripped,
}


def typed_value(kind: str, field: str, text: str) -> Any:
    """The value ``text`` gives field ``kind.field``; ``InvalidValue`` (French, with the
    limit) when it gives none. Only this value, never a prefix of it, may reach the dossier."""
    spec = FIELDS.get(kind, {}).get(field)
    if isinstance(spec, Count):
        value: Any = parse_count(text, spec.what)
    elif isinstance(spec, Amount):
        value = parse_amount(text)
    else:
        reader = _READERS.get((kind, field))
        value = reader(text) if reader is not None else text
    check_field(kind, field, value)
    return value


def shown_text(kind: str, field: str, value: Any) -> str:
    """A value as its field shows it (« 2 450,00 » for an amount, « 12 » for a count)."""
    from socle_desktop.domain.money import amount_fr

    spec = FIELDS.get(kind, {}).get(field)
    if isinstance(spec, Amount):
        return amount_fr(value)
    if isinstance(spec, Count):
        return str(value)
    return "" if value is None else str(value)
