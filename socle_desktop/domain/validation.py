"""Identifiers of the French administration, checked the way the user expects to be told."""

from __future__ import annotations

import re

_UAI = re.compile(r"^\d{7}[A-Z]$")
_UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # the check letter: 7 digits mod 23
_SIREN = re.compile(r"^\d{9}$")
_INSEE = re.compile(r"^(\d{2}|2A|2B)\d{3}$")


def uai_error(uai: str) -> str | None:
    """None when the UAI has the right form (7 digits and a letter), else a French reason."""
    if not _UAI.match(uai):
        return (
            f"UAI « {uai} » invalide : 7 chiffres suivis d'une lettre majuscule, "
            "par exemple 0351698F"
        )
    return None


def uai_check_letter_ok(uai: str) -> bool:
    """The national check letter; a mismatch is only a warning (a typo is likely)."""
    return bool(_UAI.match(uai)) and _UAI_LETTERS[int(uai[:7]) % 23] == uai[7]


def siren_error(siren: str) -> str | None:
    if not siren:
        return None
    if not _SIREN.match(siren):
        return f"SIREN « {siren} » invalide : 9 chiffres attendus"
    return None


def siren_key_ok(siren: str) -> bool:
    """The Luhn key of a SIREN; a mismatch is only a warning."""
    if not _SIREN.match(siren):
        return False
    digits = [int(d) for d in siren]
    doubled = [
        d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
    ]
    return sum(doubled) % 10 == 0


def insee_error(code: str) -> str | None:
    if not _INSEE.match(code):
        return f"code INSEE « {code} » invalide : 5 caractères, par exemple 35238 ou 2A004"
    return None
