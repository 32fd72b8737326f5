"""Amounts in words, as a délibération writes them: « cent soixante-seize mille cinq cents
euros », « deux millions d'euros », « mille euros et cinq centimes »."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def _words(number: int) -> str:
    from num2words import num2words

    return str(num2words(number, lang="fr"))


def euros_in_words(amount: Decimal) -> str:
    """The French words of an amount in euros, cents included when there are any."""
    amount = amount.quantize(Decimal("0.01"), ROUND_HALF_UP)
    if amount < 0:
        return "moins " + euros_in_words(-amount)
    whole = int(amount)
    cents = int((amount - whole) * 100)
    words = _words(whole)
    # « un million d'euros », but « un million deux cents euros »
    unit = "euro" if whole in (0, 1) else "euros"
    if words.endswith(("million", "millions", "milliard", "milliards")):
        text = f"{words} d'euros"
    else:
        text = f"{words} {unit}"
    if cents:
        text += f" et {_words(cents)} centime{'s' if cents > 1 else ''}"
    return text
