"""What the spreadsheet holds, independent of its file format (xlsx or ods).

Three sheets: « Plan de financement » (the plan, the FCTVA estimate when shown, the equipment
subsidy per commune), « Écoles » and « Lignes » (every line). Amounts are numbers in a euro
format; totals are formulas over the cells above them, with the value Socle computed stored
beside each formula, so a viewer that does not recalculate shows the right figure too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.catalogue import VOLET_LABELS
from socle_desktop.domain.model import PORTEUR_LABELS, SECTEUR_LABELS, Dossier, Line, School
from socle_desktop.domain.money import ZERO
from socle_desktop.domain.plan import PLAN_HEADERS, STATE_SHARE, fctva_rows, financing_plan
from socle_desktop.domain.rules import Result


@dataclass(frozen=True)
class Money:
    value: Decimal


@dataclass(frozen=True)
class Rate:
    value: Decimal  # a fraction
    decimals: int = 1  # of the percentage shown: 70,0 % or 16,404 %


@dataclass(frozen=True)
class Formula:
    """A formula in a neutral A1 syntax (« SUM(B3:B4) », arguments separated by « ; »), the
    style of its result, and the value Socle computed for it."""

    text: str
    value: Decimal
    style: str = "money"  # money | rate | int


Cell = str | int | Money | Rate | Formula | None


@dataclass
class Sheet:
    name: str
    header_row: int  # 0-based index of the header row; rows above it and it stay frozen
    rows: list[list[Cell]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    header_rows: set[int] = field(default_factory=set)

    def add(self, row: list[Cell], *, bold: bool = False, header: bool = False) -> int:
        """Append a row; returns its 1-based spreadsheet number."""
        self.rows.append(row)
        index = len(self.rows) - 1
        if bold:
            self.bold_rows.add(index)
        if header:
            self.header_rows.add(index)
        return index + 1


def column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sum(col: int, first: int, last: int, value: Decimal, style: str = "money") -> Formula | str:
    if last < first:
        return Formula("0", ZERO, style)
    letter = column(col)
    return Formula(f"SUM({letter}{first}:{letter}{last})", value, style)


# Formula injection: a spreadsheet reads a text beginning with one of these as a formula when it
# is typed or imported as text; the writers always store user text as text, never as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(text: str) -> str:
    """User text as typed, less the control characters no spreadsheet file may hold."""
    return _CONTROL.sub("", text)


# --- the sheets -------------------------------------------------------------------------------


def plan_sheet(dossier: Dossier, campaign: Campaign, result: Result) -> Sheet:
    base = dossier.parametres.base
    porteur = dossier.porteur
    sheet = Sheet("Plan de financement", header_row=3)
    sheet.add([clean_text(f"Plan de financement — {porteur.nom or 'porteur sans nom'}")], bold=True)
    sheet.add(
        [
            f"{PORTEUR_LABELS[porteur.type]}"
            + (f", SIREN {porteur.siren}" if porteur.siren else "")
            + f" — {campaign.nom} — montants {base}"
        ]
    )
    sheet.add([])
    plan = financing_plan(dossier, campaign, result)
    sheet.add(list(PLAN_HEADERS), header=True)
    first = len(sheet.rows) + 1
    for row in plan.volets:
        number = len(sheet.rows) + 1
        sheet.add(
            [
                row.label,
                Money(row.expense),
                Money(row.eligible),
                Rate(row.rate) if row.rate is not None else None,  # nothing eligible
                Money(row.subsidy),
                Formula(f"B{number}-E{number}", row.remaining),
            ]
        )
    last = len(sheet.rows)
    total = plan.total
    at = last + 1  # the total's own row
    total_row = sheet.add(
        [
            total.label,
            _sum(1, first, last, total.expense),
            _sum(2, first, last, total.eligible),
            # as the plan shows it: no rate where nothing is eligible
            Formula(f"IF(C{at}=0;0;E{at}/C{at})", total.rate, "rate")
            if total.rate is not None
            else None,
            _sum(4, first, last, total.subsidy),
            _sum(5, first, last, total.remaining),
        ],
        bold=True,
    )
    sheet.add(
        [
            STATE_SHARE,
            None,
            None,
            Formula(f"IF(B{total_row}=0;0;E{total_row}/B{total_row})", result.rate, "rate"),
        ]
    )
    if plan.fctva is not None:
        fctva, words = plan.fctva, fctva_rows(plan.fctva)
        sheet.add([])
        sheet.add(
            [
                words.title,
                words.base_label,
                None,
                "Taux",
                "FCTVA estimé",
                words.remaining_label,
            ],
            header=True,
        )
        number = len(sheet.rows) + 1
        sheet.add(
            [
                "FCTVA",
                Money(fctva.base),
                None,
                Rate(fctva.rate.taux, 3),
                Money(fctva.amount),
                Formula(f"F{total_row}-E{number}", fctva.remaining_after),
            ],
            bold=True,
        )
        sheet.add([f"{words.source} {words.note}"])
    _communes_block(sheet, result)
    return sheet


def _communes_block(sheet: Sheet, result: Result) -> None:
    sheet.add([])
    sheet.add(["Volet équipement : subvention par commune"], bold=True)
    sheet.add(
        ["Commune", "Code INSEE", "Dépense", "Dépense éligible", "Base retenue", "Subvention"],
        header=True,
    )
    first = len(sheet.rows) + 1
    for c in result.communes:
        sheet.add(
            [
                clean_text(c.nom),
                c.insee,
                Money(c.expense),
                Money(c.eligible),
                Money(c.base),
                Money(c.subsidy),
            ]
        )
    last = len(sheet.rows)
    eq = result.equipment
    sheet.add(
        [
            "Total du volet équipement",
            None,
            _sum(2, first, last, eq.expense),
            _sum(3, first, last, sum((c.eligible for c in result.communes), ZERO)),
            _sum(4, first, last, eq.eligible),
            _sum(5, first, last, eq.subsidy),
        ],
        bold=True,
    )


def schools_sheet(dossier: Dossier, result: Result) -> Sheet:
    sheet = Sheet("Écoles", header_row=0)
    sheet.add(
        [
            "École",
            "UAI",
            "Commune",
            "Secteur",
            "Classes",
            "Classes CP à CM2",
            "Élèves",
            f"Dépense d'équipement ({dossier.parametres.base})",
            "Plafond",
            "Dépense éligible",
            "Observation",
        ],
        header=True,
    )
    names = {c.insee: c.nom for c in dossier.communes}
    first = len(sheet.rows) + 1
    for school, computed in zip(dossier.ecoles, result.schools, strict=True):
        commune = names.get(school.commune, "")
        sheet.add(
            [
                clean_text(school.nom),
                school.uai,
                clean_text(f"{commune} ({school.commune})" if commune else school.commune),
                SECTEUR_LABELS[school.secteur],
                len(school.classes),
                computed.classes_cycles_2_3,
                school.eleves,
                Money(computed.expense),
                Money(computed.cap),
                Money(computed.eligible),
                f"exclue : {computed.excluded_because}" if computed.excluded_because else "",
            ]
        )
    last = len(sheet.rows)
    sheet.add(
        [
            "Total",
            None,
            None,
            None,
            Formula(
                f"SUM(E{first}:E{last})" if last >= first else "0",
                Decimal(sum(len(s.classes) for s in dossier.ecoles)),
                "int",
            ),
            Formula(
                f"SUM(F{first}:F{last})" if last >= first else "0",
                Decimal(sum(s.classes_cycles_2_3 for s in result.schools)),
                "int",
            ),
            Formula(
                f"SUM(G{first}:G{last})" if last >= first else "0",
                Decimal(sum(s.eleves for s in dossier.ecoles)),
                "int",
            ),
            _sum(7, first, last, result.equipment.expense),
            _sum(8, first, last, sum((s.cap for s in result.schools), ZERO)),
            _sum(9, first, last, sum((s.eligible for s in result.schools), ZERO)),
        ],
        bold=True,
    )
    return sheet


def _all_lines(dossier: Dossier) -> Iterator[tuple[School, str, Line, str]]:
    """(school, class name, line, volet) in the order of the dossier."""
    for school in dossier.ecoles:
        for classroom in school.classes:
            for line in classroom.lignes:
                yield school, classroom.nom, line, "equipement"
        for line in school.lignes:
            yield school, "", line, "equipement"
        for line in school.services:
            yield school, "", line, "services"


def lines_sheet(dossier: Dossier, result: Result) -> Sheet:
    params = dossier.parametres
    sheet = Sheet("Lignes", header_row=0)
    sheet.add(
        [
            "École",
            "Classe",
            "Article (code)",
            "Libellé",
            "Quantité",
            f"Prix unitaire ({params.prix_saisis})",
            f"Montant ({params.base})",
            "Volet",
            "Subventionnable",
        ],
        header=True,
    )
    first = len(sheet.rows) + 1
    for school, class_name, line, volet in _all_lines(dossier):
        sheet.add(
            [
                clean_text(school.nom),
                clean_text(class_name or "(école)"),
                clean_text(line.article),
                clean_text(line.libelle),
                line.quantite,
                Money(line.prix_unitaire),
                Money(line_amount(line, dossier)),
                VOLET_LABELS[volet],
                "oui" if is_subsidisable(line, dossier) else "non",
            ]
        )
    last = len(sheet.rows)
    sheet.add([])
    for label, key, totals in (
        ("Total équipement", "equipement", result.equipment),
        ("Total services et ressources", "services", result.services),
    ):
        text = VOLET_LABELS[key]
        formula = f'SUMIF(H{first}:H{last};"{text}";G{first}:G{last})' if last >= first else "0"
        sheet.add(
            [label, None, None, None, None, None, Formula(formula, totals.expense)], bold=True
        )
    sheet.add(
        ["Total", None, None, None, None, None, _sum(6, first, last, result.expense)], bold=True
    )
    return sheet


def workbook(dossier: Dossier, campaign: Campaign, result: Result) -> list[Sheet]:
    return [
        plan_sheet(dossier, campaign, result),
        schools_sheet(dossier, result),
        lines_sheet(dossier, result),
    ]
