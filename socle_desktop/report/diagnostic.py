"""The socle diagnostic of one school: what it will have (existing + planned), what is missing."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Table

from socle_desktop.domain.diagnostic import STATUS_LABELS, SchoolDiagnostic, Status
from socle_desktop.domain.model import Existant
from socle_desktop.domain.presentation import plural
from socle_desktop.report.styles import (
    BAD,
    FONT_BOLD,
    GOOD,
    MUTED,
    WARN,
    grid_style,
    make_table,
    stylesheet,
)
from socle_desktop.report.text import Para, cell, markup

EXISTANT_LABELS = {
    Existant.PRESENT: "Présent",
    Existant.ABSENT: "Absent",
    Existant.OBSOLETE: "Obsolète",
}
STATUS_COLOURS = {
    Status.COVERED: GOOD,
    Status.PARTIAL: WARN,
    Status.MISSING: BAD,
    Status.OPTIONAL: MUTED,
}
WIDTHS = [88 * mm, 22 * mm, 16 * mm, 16 * mm, 32 * mm]


def diagnostic_table(diagnostic: SchoolDiagnostic) -> Table:
    rows: list[list[Any]] = [
        ["Élément du socle numérique", "Existant", "Prévu", "Besoin", "Après le projet"]
    ]
    colours = []
    for row, item in enumerate(diagnostic.items, start=1):
        label = item.item.libelle + (" (facultatif)" if item.item.facultatif else "")
        rows.append(
            [
                cell(label, WIDTHS[0]),
                EXISTANT_LABELS[item.existant],
                str(item.planned),
                str(item.needed),
                STATUS_LABELS[item.status],
            ]
        )
        colours += [
            ("TEXTCOLOR", (4, row), (4, row), STATUS_COLOURS[item.status]),
            ("FONTNAME", (4, row), (4, row), FONT_BOLD),
        ]
    style = grid_style(zebra=True) + [("ALIGN", (2, 0), (3, -1), "RIGHT")] + colours
    return make_table(rows, WIDTHS, style)


def diagnostic_summary(diagnostic: SchoolDiagnostic) -> Para:
    """One sentence: the school reaches the socle, or what is still missing."""
    styles = stylesheet()
    if diagnostic.reaches_socle:
        return Para("Avec ce projet, l'école dispose du socle numérique de base.", styles["body"])
    parts = []
    for item in diagnostic.missing:
        what = markup(item.item.libelle)
        parts.append(f"{what} : {plural(item.missing, 'manquant')}")
    return Para("Reste à couvrir après le projet : " + " ; ".join(parts) + ".", styles["body"])
