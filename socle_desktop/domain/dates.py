"""Dates written the French way, for every front end (PDF, window, exports)."""

from __future__ import annotations

import datetime

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_fr(day: datetime.date) -> str:
    """« 1er décembre 2026 », « 23 novembre 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def iso_date_fr(iso: str) -> str:
    """« 2021-01-01 » → « 1er janvier 2021 » (anything else as written)."""
    try:
        return date_fr(datetime.date.fromisoformat(iso))
    except ValueError:
        return iso
