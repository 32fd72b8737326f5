"""The plan de financement, built once: every front end draws these rows.

``plan_rows`` gives each row as numbers (the spreadsheet writes them as numbers, with
formulas); ``PlanRow.cells`` gives the same row as the text the command line's ``summary``,
the window's récapitulatif, the PDF and the draft délibération show. The FCTVA estimate, when
the dossier shows it, comes with the rows (``financing_plan``) and is worded by
``fctva_rows``, apart from the State's figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.fctva import NOT_SUBSIDY, FctvaResult, compute_fctva
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.results import Result, VoletResult

PLAN_HEADERS = (
    "Volet",
    "Dépense",
    "Dépense éligible",
    "Taux",
    "Subvention de l'État",
    "Reste à charge",
)
RATE_MEANING = "Taux : subvention rapportée à la dépense éligible."
NO_RATE = "—"  # nothing eligible: no rate to show
STATE_SHARE = "Part de l'État dans la dépense totale"  # subsidy over the whole expense
VOLET_ROWS = ("Équipement", "Services et ressources")
TOTAL_ROW = "Total"


def rate_of(subsidy: Decimal, eligible: Decimal) -> Decimal | None:
    """Subsidy over eligible expense; None when nothing is eligible."""
    return subsidy / eligible if eligible else None


def rate_text(rate: Decimal | None) -> str:
    """« 70,0 % », or « — » when there is no rate."""
    return NO_RATE if rate is None else percent_fr(rate, 1)


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of the plan: its label and its five figures."""

    label: str
    expense: Decimal
    eligible: Decimal
    rate: Decimal | None  # subsidy over eligible; None when nothing is eligible
    subsidy: Decimal
    remaining: Decimal
    total: bool = False

    @property
    def cells(self) -> tuple[str, str, str, str, str, str]:
        """The row as every front end shows it (amounts by ``money``)."""
        return (
            self.label,
            euros(self.expense),
            euros(self.eligible),
            rate_text(self.rate),
            euros(self.subsidy),
            euros(self.remaining),
        )


def _row(label: str, volet: VoletResult) -> PlanRow:
    return PlanRow(
        label,
        volet.expense,
        volet.eligible,
        rate_of(volet.subsidy, volet.eligible),
        volet.subsidy,
        volet.remaining,
    )


def plan_rows(result: Result) -> tuple[PlanRow, PlanRow, PlanRow]:
    """Équipement, services et ressources, then the total; the rate of each row is its subsidy
    over its eligible expense (the total's too: the State's share of the whole expense is
    ``presentation.share``)."""
    equipment = _row(VOLET_ROWS[0], result.equipment)
    services = _row(VOLET_ROWS[1], result.services)
    total = PlanRow(
        TOTAL_ROW,
        result.expense,
        result.eligible,
        rate_of(result.subsidy, result.eligible),
        result.subsidy,
        result.remaining,
        total=True,
    )
    return equipment, services, total


@dataclass(frozen=True)
class Plan:
    rows: tuple[PlanRow, PlanRow, PlanRow]  # équipement, services, total
    fctva: FctvaResult | None  # the estimate, when the dossier shows it

    @property
    def total(self) -> PlanRow:
        return self.rows[-1]

    @property
    def volets(self) -> tuple[PlanRow, ...]:
        return self.rows[:-1]


def financing_plan(dossier: Dossier, campaign: Campaign, result: Result) -> Plan:
    return Plan(plan_rows(result), compute_fctva(dossier, campaign, result))


# --- the FCTVA estimate, under the plan and apart from it ----------------------------------------

FCTVA_TITLE = "Hors subvention de l'État (estimation)"
FCTVA_REMAINING = "Reste à charge après FCTVA"


@dataclass(frozen=True)
class FctvaRows:
    """The estimate in the words of every front end."""

    title: str  # « Hors subvention de l'État (estimation) »
    base_label: str  # « Dépense TTC d'équipement »
    rate: str  # « 16,404 % »
    share: str  # « 16,404 % de la dépense TTC d'équipement »
    amount_label: str  # « FCTVA estimé (16,404 % de la dépense TTC d'équipement) »
    short_label: str  # « FCTVA estimé (16,404 %) », for a narrow column
    amount: str
    remaining_label: str  # « Reste à charge après FCTVA »
    remaining: str
    source: str  # « Taux : …, en vigueur au 1er janvier 2021. »
    note: str  # it is not part of the subsidy asked for

    @property
    def rows(self) -> tuple[tuple[str, str], tuple[str, str]]:
        return (self.amount_label, self.amount), (self.remaining_label, self.remaining)

    @property
    def sentence(self) -> str:
        """The estimate on one line, under the plan (its base is in its « ? »)."""
        remaining = self.remaining_label[:1].lower() + self.remaining_label[1:]
        return (
            f"{self.title} : FCTVA estimé à {self.amount} ({self.rate}) ; {remaining} : "
            f"{self.remaining}."
        )


def fctva_rows(fctva: FctvaResult) -> FctvaRows:
    rate = fctva.rate
    return FctvaRows(
        FCTVA_TITLE,
        rate.base_label[:1].upper() + rate.base_label[1:],
        rate.label,
        f"{rate.label} de la {rate.base_label}",
        f"FCTVA estimé ({rate.label} de la {rate.base_label})",
        f"FCTVA estimé ({rate.label})",
        euros(fctva.amount),
        FCTVA_REMAINING,
        euros(fctva.remaining_after),
        rate.source_text,
        NOT_SUBSIDY,
    )


def fctva_not_estimated(reason: str) -> str:
    """Why the estimate asked for is not shown: « FCTVA non estimé : montants HT… »."""
    return f"FCTVA non estimé : {reason}."
