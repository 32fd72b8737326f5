"""The plan de financement as numbers, for the exports that need numbers (the spreadsheet) and
with the FCTVA estimate when the dossier shows it.

The rows are those of ``presentation.plan_lines`` (which the command line, the window and the
PDF draw as text): per volet the expense, the eligible expense, the rate (subsidy over eligible
expense, the total's too), the State's subsidy and the remaining cost, then the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.fctva import FctvaResult, compute_fctva
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.presentation import PLAN_HEADERS
from socle_desktop.domain.rules import Result

__all__ = ["PLAN_HEADERS", "Plan", "PlanRow", "financing_plan", "plan_rows"]


@dataclass(frozen=True)
class PlanRow:
    label: str
    expense: Decimal
    eligible: Decimal
    rate: Decimal | None  # subsidy over eligible; None when nothing is eligible
    subsidy: Decimal
    remaining: Decimal
    total: bool = False


@dataclass(frozen=True)
class Plan:
    rows: tuple[PlanRow, ...]  # équipement, services, total
    fctva: FctvaResult | None  # the estimate, when the dossier shows it

    @property
    def total(self) -> PlanRow:
        return self.rows[-1]

    @property
    def volets(self) -> tuple[PlanRow, ...]:
        return self.rows[:-1]


def _rate(subsidy: Decimal, eligible: Decimal) -> Decimal | None:
    return subsidy / eligible if eligible else None


def plan_rows(result: Result) -> tuple[PlanRow, ...]:
    """Équipement, services et ressources, then the total (as ``presentation.plan_lines``)."""
    rows = [
        PlanRow(label, v.expense, v.eligible, _rate(v.subsidy, v.eligible), v.subsidy, v.remaining)
        for label, v in (
            ("Équipement", result.equipment),
            ("Services et ressources", result.services),
        )
    ]
    rows.append(
        PlanRow(
            "Total",
            result.expense,
            result.eligible,
            _rate(result.subsidy, result.eligible),
            result.subsidy,
            result.remaining,
            total=True,
        )
    )
    return tuple(rows)


def financing_plan(dossier: Dossier, campaign: Campaign, result: Result) -> Plan:
    return Plan(plan_rows(result), compute_fctva(dossier, campaign, result))
