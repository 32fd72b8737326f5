"""What ``compute`` returns: every figure of the plan de financement and the words explaining it.

The parts add up to the cent: the schools' shares to their commune's subsidy, the communes to
the equipment volet, the volets to the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socle_desktop.domain.money import ZERO
from socle_desktop.domain.warnings import Alert


@dataclass(frozen=True)
class SchoolResult:
    school_id: str
    nom: str
    uai: str
    commune: str
    classes_cycles_2_3: int
    expense: Decimal  # every equipment line, in the basis of the campaign
    subsidisable: Decimal  # the part of it the call funds (socle items)
    cap: Decimal  # per-class cap × cycle 2–3 classes
    eligible: Decimal
    excluded_because: str | None  # French, shown as is
    above_cap: Decimal  # paid by the commune because of the per-class cap
    pooled: Decimal = ZERO  # eligible beyond its own cap, from the commune's unused cap
    subsidy: Decimal = ZERO  # its share of the commune's rounded subsidy, pro rata of eligible


@dataclass(frozen=True)
class BandResult:
    lower: Decimal
    upper: Decimal
    rate: Decimal
    amount: Decimal  # part of the commune's base inside this band
    subsidy: Decimal  # exact, before rounding


@dataclass(frozen=True)
class CommuneResult:
    insee: str
    nom: str
    expense: Decimal
    eligible: Decimal  # Σ eligible of its schools
    base: Decimal  # eligible, capped at the ceiling per commune
    bands: tuple[BandResult, ...]
    subsidy: Decimal  # Σ of its bands, rounded on its own (cent or euro, half up)

    @property
    def above_ceiling(self) -> Decimal:
        return self.eligible - self.base

    @property
    def exact_subsidy(self) -> Decimal:
        """Before rounding."""
        return sum((b.subsidy for b in self.bands), ZERO)


@dataclass(frozen=True)
class VoletResult:
    expense: Decimal
    eligible: Decimal
    subsidy: Decimal
    explanation: str  # French, several lines: which cap or band applies
    subsidisable: Decimal  # the part of the expense the call funds, before any cap

    @property
    def remaining(self) -> Decimal:
        return self.expense - self.subsidy

    @property
    def rate(self) -> Decimal:
        """Subsidy over eligible expense (0 when nothing is eligible)."""
        return self.subsidy / self.eligible if self.eligible else ZERO


@dataclass(frozen=True)
class Result:
    campagne: str
    equipment: VoletResult
    services: VoletResult
    schools: tuple[SchoolResult, ...]
    communes: tuple[CommuneResult, ...]
    services_pupils: int
    services_cap: Decimal  # per-pupil cap × pupils counted
    alerts: tuple[Alert, ...]

    @property
    def expense(self) -> Decimal:
        return self.equipment.expense + self.services.expense

    @property
    def eligible(self) -> Decimal:
        return self.equipment.eligible + self.services.eligible

    @property
    def subsidy(self) -> Decimal:
        return self.equipment.subsidy + self.services.subsidy

    @property
    def remaining(self) -> Decimal:
        return self.expense - self.subsidy

    @property
    def rate(self) -> Decimal:
        """The State's share of the whole expense."""
        return self.subsidy / self.expense if self.expense else ZERO

    def school(self, school_id: str) -> SchoolResult | None:
        return next((s for s in self.schools if s.school_id == school_id), None)
