"""Identifiers of the French administration (UAI, SIREN, INSEE), checked the way the user
expects to be told; part of the one validation (``validation.py``)."""

from __future__ import annotations

import re

_UAI = re.compile(r"[0-9]{7}[A-Z]")
_UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # the check letter: 7 digits mod 23
_SIREN = re.compile(r"[0-9]{9}")
_INSEE = re.compile(r"(?:[0-9]{2}|2A|2B)[0-9]{3}")  # ASCII digits only, and nothing after


def uai_error(uai: str) -> str | None:
    """None when the UAI has the right form (7 digits and a letter), else a French reason."""
    if not isinstance(uai, str) or not _UAI.fullmatch(uai):
        shown = uai if isinstance(uai, str) else repr(uai)
        return (
            f"UAI « {short(shown)} » invalide : 7 chiffres suivis d'une lettre majuscule, "
            "par exemple 0351698F"
        )
    return None


def uai_form_ok(uai: str) -> bool:
    """``uai_error(uai) is None``, without making the sentence (2 000 schools a keystroke)."""
    return isinstance(uai, str) and _UAI.fullmatch(uai) is not None


def uai_check_letter_ok(uai: str) -> bool:
    """The national check letter; a mismatch is only a warning (a typo is likely)."""
    return bool(_UAI.fullmatch(uai)) and _UAI_LETTERS[int(uai[:7]) % 23] == uai[7]


def siren_error(siren: str) -> str | None:
    """None for an empty SIREN (not typed yet) or 9 digits, else a French reason."""
    if siren == "":
        return None
    if not isinstance(siren, str) or not _SIREN.fullmatch(siren):
        return f"SIREN « {short(str(siren))} » invalide : 9 chiffres attendus"
    return None


def siren_key_ok(siren: str) -> bool:
    """The Luhn key of a SIREN; a mismatch is only a warning."""
    if not _SIREN.fullmatch(siren):
        return False
    digits = [int(d) for d in siren]
    doubled = [
        d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
    ]
    return sum(doubled) % 10 == 0


def insee_error(code: str) -> str | None:
    if not isinstance(code, str) or not _INSEE.fullmatch(code):
        return (
            f"code INSEE « {short(str(code))} » invalide : 5 caractères, par exemple 35238 ou 2A004"
        )
    return None


def short(text: str, keep: int = 40) -> str:
    """A value quoted in a message: a 10 000-character text is not repeated whole."""
    text = text.replace("\n", " ")
    return text if len(text) <= keep else text[:keep] + "…"
