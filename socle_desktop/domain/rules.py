"""The State subsidy of a dossier, computed from the campaign's rules (snee-2021.md §5).

``compute`` is the one source of every figure the user sees: the side panel, the tables, the
PDF and ``summary`` all read its ``Result``. Each figure carries the words that explain it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.model import Dossier, School
from socle_desktop.domain.money import CENT, ZERO, euros, percent_fr
from socle_desktop.domain.warnings import Alert, warnings


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
    subsidy: Decimal  # rounded share of the volet's subsidy

    @property
    def above_ceiling(self) -> Decimal:
        return self.eligible - self.base


@dataclass(frozen=True)
class VoletResult:
    expense: Decimal
    eligible: Decimal
    subsidy: Decimal
    explanation: str  # French, several lines: which cap or band applies

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


def _round_subsidy(amount: Decimal, dossier: Dossier) -> Decimal:
    step = Decimal(1) if dossier.parametres.arrondi == "euro" else CENT
    return amount.quantize(step, ROUND_HALF_UP).quantize(CENT)


def _allocate(total: Decimal, exact: list[Decimal]) -> list[Decimal]:
    """Share a rounded total among parts in proportion to their exact values, to the cent,
    so that the parts shown always add up to the total (largest remainder)."""
    if not exact:
        return []
    whole = sum(exact)
    if whole == 0:
        return [ZERO for _ in exact]
    raw = [total * part / whole for part in exact]
    shares = [r.quantize(CENT, ROUND_FLOOR) for r in raw]
    leftover = int((total - sum(shares)) / CENT)
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[:leftover]:
        shares[i] += CENT
    return shares


# --- equipment volet --------------------------------------------------------------------------


def _school_result(school: School, dossier: Dossier, campaign: Campaign) -> SchoolResult:
    lines = school.equipment_lines()
    expense = sum((line_amount(line, dossier) for line in lines), ZERO)
    subsidisable = sum(
        (line_amount(line, dossier) for line in lines if is_subsidisable(line, dossier)), ZERO
    )
    classes = school.cycle_2_3_classes
    cap = campaign.plafond_par_classe * classes
    excluded = None
    if classes == 0:
        excluded = "aucune classe de cycle 2 ou 3 (CP à CM2)"
    elif subsidisable < campaign.minimum_par_ecole:
        excluded = (
            f"dépense subventionnable de {euros(subsidisable)}, inférieure au minimum de "
            f"{euros(campaign.minimum_par_ecole)} par école"
        )
    if excluded:
        eligible = ZERO
    elif dossier.parametres.plafond_par_classe == "projet":
        eligible = subsidisable  # capped below, over the whole project
    else:
        eligible = min(subsidisable, cap)
    return SchoolResult(
        school_id=school.id,
        nom=school.nom,
        uai=school.uai,
        commune=school.commune,
        classes_cycles_2_3=classes,
        expense=expense,
        subsidisable=subsidisable,
        cap=cap,
        eligible=eligible,
        excluded_because=excluded,
        above_cap=max(ZERO, subsidisable - cap) if not excluded else ZERO,
    )


def _apply_project_cap(schools: list[SchoolResult], campaign: Campaign) -> list[SchoolResult]:
    """With the cap over the whole project, scale the schools' eligible down together."""
    kept = [s for s in schools if not s.excluded_because]
    cap = campaign.plafond_par_classe * sum(s.classes_cycles_2_3 for s in kept)
    total = sum((s.eligible for s in kept), ZERO)
    if total <= cap:
        return [replace(s, above_cap=ZERO) for s in schools]
    shares = iter(_allocate(cap, [s.eligible for s in kept]))
    result = []
    for s in schools:
        if s.excluded_because:
            result.append(s)
        else:
            share = next(shares)
            result.append(replace(s, eligible=share, above_cap=s.eligible - share))
    return result


def _bands(base: Decimal, campaign: Campaign) -> tuple[BandResult, ...]:
    bands, lower = [], ZERO
    for band in campaign.bands:
        amount = max(ZERO, min(base, band.up_to) - lower)
        bands.append(BandResult(lower, band.up_to, band.rate, amount, amount * band.rate))
        lower = band.up_to
    return tuple(bands)


def _communes(
    dossier, campaign, schools
) -> list[tuple[str, str, Decimal, Decimal, Decimal, tuple]]:
    rows = []
    for commune in dossier.communes:
        mine = [s for s in schools if s.commune == commune.insee]
        expense = sum((s.expense for s in mine), ZERO)
        eligible = sum((s.eligible for s in mine), ZERO)
        base = min(eligible, campaign.plafond_par_commune)
        rows.append((commune.insee, commune.nom, expense, eligible, base, _bands(base, campaign)))
    return rows


# --- services volet ---------------------------------------------------------------------------


def _services_pupils(dossier: Dossier) -> int:
    if dossier.parametres.eleves_services == "cycles_2_3":
        return sum(c.eleves for s in dossier.ecoles for c in s.classes if c.cycle_2_3)
    return sum(s.eleves for s in dossier.ecoles)


def _services(dossier: Dossier, campaign: Campaign) -> tuple[VoletResult, int]:
    lines = [line for s in dossier.ecoles for line in s.services]
    expense = sum((line_amount(line, dossier) for line in lines), ZERO)
    subsidisable = sum(
        (line_amount(line, dossier) for line in lines if is_subsidisable(line, dossier)), ZERO
    )
    pupils = _services_pupils(dossier)
    cap = campaign.services_plafond_par_eleve * pupils
    eligible = min(subsidisable, cap)
    subsidy = _round_subsidy(eligible * campaign.services_taux, dossier)
    who = (
        "des écoles du projet"
        if dossier.parametres.eleves_services == "ecoles"
        else "de cycles 2 et 3"
    )
    explanation = "\n".join(
        [
            f"Dépense de services : {euros(expense)}.",
            f"Plafond : {euros(campaign.services_plafond_par_eleve)} par élève pour "
            f"{campaign.services_annees} années scolaires × {pupils} élèves {who} = {euros(cap)}.",
            f"Dépense éligible : {euros(eligible)}"
            + (" (plafond atteint)." if subsidisable > cap else "."),
            f"Subvention : {percent_fr(campaign.services_taux)} de la dépense éligible "
            f"= {euros(subsidy)}.",
        ]
    )
    return VoletResult(expense, eligible, subsidy, explanation), pupils


# --- the whole dossier ------------------------------------------------------------------------


def compute(dossier: Dossier, campaign: Campaign) -> Result:
    """Every figure of the plan de financement, with its explanation and the warnings."""
    schools = [_school_result(s, dossier, campaign) for s in dossier.ecoles]
    if dossier.parametres.plafond_par_classe == "projet":
        schools = _apply_project_cap(schools, campaign)
    rows = _communes(dossier, campaign, schools)
    exact = [sum((b.subsidy for b in row[5]), ZERO) for row in rows]
    equipment_subsidy = _round_subsidy(sum(exact, ZERO), dossier)
    shares = _allocate(equipment_subsidy, exact)
    communes = tuple(
        CommuneResult(insee, nom, expense, eligible, base, bands, share)
        for (insee, nom, expense, eligible, base, bands), share in zip(rows, shares, strict=True)
    )
    equipment_expense = sum((s.expense for s in schools), ZERO)
    equipment_eligible = sum((c.base for c in communes), ZERO)
    equipment = VoletResult(
        equipment_expense,
        equipment_eligible,
        equipment_subsidy,
        _equipment_explanation(schools, communes, campaign, equipment_subsidy),
    )
    services, pupils = _services(dossier, campaign)
    result = Result(
        campagne=campaign.id,
        equipment=equipment,
        services=services,
        schools=tuple(schools),
        communes=communes,
        services_pupils=pupils,
        alerts=(),
    )
    return replace(result, alerts=tuple(warnings(dossier, campaign, result)))


def _equipment_explanation(schools, communes, campaign: Campaign, subsidy: Decimal) -> str:
    lines = [
        f"Chaque école doit engager au moins {euros(campaign.minimum_par_ecole)} ; "
        f"la dépense éligible est plafonnée à {euros(campaign.plafond_par_classe)} par classe "
        "de cycles 2 et 3.",
    ]
    for s in schools:
        if s.excluded_because:
            lines.append(f"• {s.nom} : exclue, {s.excluded_because}.")
        elif s.above_cap > 0:
            lines.append(
                f"• {s.nom} : {euros(s.subsidisable)} dont {euros(s.eligible)} éligibles "
                f"(plafond de {s.classes_cycles_2_3} classe(s) : {euros(s.cap)})."
            )
        else:
            lines.append(f"• {s.nom} : {euros(s.eligible)} éligibles.")
    for c in communes:
        parts = [f"{percent_fr(b.rate)} de {euros(b.amount)}" for b in c.bands if b.amount > 0]
        detail = " + ".join(parts) if parts else "aucune dépense éligible"
        ceiling = (
            f" (plafonnée à {euros(campaign.plafond_par_commune)} par commune)"
            if c.above_ceiling > 0
            else ""
        )
        lines.append(f"{c.nom} : base {euros(c.base)}{ceiling} ; {detail} = {euros(c.subsidy)}.")
    lines.append(f"Subvention d'équipement : {euros(subsidy)}.")
    return "\n".join(lines)
