"""The State subsidy of a dossier, computed from the campaign's rules (snee-2021.md §5).

``compute`` is the one source of every figure the user sees: the side panel, the tables, the
PDF and ``summary`` all read its ``Result``. Each figure carries the words that explain it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import partial
from itertools import chain

from socle_desktop.domain import totals
from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.equipment import (
    commune_parts,
    equipment_volet,
    explanation,
    round_subsidy,
    school_line,
    school_result,
)
from socle_desktop.domain.incremental import ComputeCache
from socle_desktop.domain.model import Dossier, School
from socle_desktop.domain.money import ZERO, euros, percent_fr
from socle_desktop.domain.pupils import counted_pupils
from socle_desktop.domain.results import (
    BandResult,
    CommuneResult,
    Result,
    SchoolResult,
    VoletResult,
)
from socle_desktop.domain.warnings import (
    Alert,
    closing_warnings,
    opening_warnings,
    school_alerts,
)

__all__ = ["BandResult", "CommuneResult", "Result", "SchoolResult", "VoletResult", "compute"]


# --- services volet ---------------------------------------------------------------------------


def _school_services(school: School, dossier: Dossier) -> tuple[Decimal, Decimal, int]:
    """One school's services: expense, the subsidisable part, the pupils it would bring."""
    amounts = [
        (line_amount(line, dossier), is_subsidisable(line, dossier)) for line in school.services
    ]
    return (
        sum((a for a, _ in amounts), ZERO),
        sum((a for a, ok in amounts if ok), ZERO),
        counted_pupils(school, dossier),
    )


def _services(
    dossier: Dossier, campaign: Campaign, schools: tuple[SchoolResult, ...], cache: ComputeCache
) -> tuple[VoletResult, int, list[tuple[Decimal, Decimal, int]]]:
    """The volet, the pupils counted, and each school's services (for ``totals.py``)."""
    expense = subsidisable = ZERO
    pupils = 0
    each = []
    for school, sr in zip(dossier.ecoles, schools, strict=True):
        parts = cache.services(school, partial(_school_services, school, dossier))
        each.append(parts)
        expense += parts[0]
        subsidisable += parts[1]
        if not sr.excluded_because:  # an excluded school brings no pupil (§5.2)
            pupils += parts[2]
    return _services_volet(dossier, campaign, schools, expense, subsidisable, pupils), pupils, each


def _services_volet(
    dossier: Dossier,
    campaign: Campaign,
    schools: tuple[SchoolResult, ...],
    expense: Decimal,
    subsidisable: Decimal,
    pupils: int,
) -> VoletResult:
    cap = campaign.services_plafond_par_eleve * pupils
    eligible = min(subsidisable, cap)
    subsidy = round_subsidy(eligible * campaign.services_taux, dossier.parametres.arrondi)
    who = (
        "des écoles équipées"
        if dossier.parametres.eleves_services == "ecoles"
        else "de cycles 2 et 3 des écoles équipées"
    )
    lines_fr = [
        f"Dépense de services : {euros(expense)}"
        + (f", dont {euros(subsidisable)} subventionnables." if subsidisable != expense else "."),
        f"Plafond : {euros(campaign.services_plafond_par_eleve)} par élève pour "
        f"{campaign.services_annees} années scolaires × {pupils} élèves {who} = {euros(cap)}.",
    ]
    if any(s.excluded_because for s in schools):
        lines_fr.append("Les écoles exclues du volet équipement n'apportent pas d'élèves.")
    lines_fr += [
        f"Dépense éligible : {euros(eligible)}"
        + (" (plafond atteint)." if subsidisable > cap else "."),
        f"Subvention : {percent_fr(campaign.services_taux)} de la dépense éligible "
        f"= {euros(subsidy)}.",
    ]
    return VoletResult(expense, eligible, subsidy, "\n".join(lines_fr), subsidisable)


# --- the whole dossier ------------------------------------------------------------------------


def compute(dossier: Dossier, campaign: Campaign, cache: ComputeCache | None = None) -> Result:
    """Every figure of the plan de financement, with its explanation and the warnings; with a
    ``cache`` (``incremental.py``), what belongs to the schools an edit did not touch is reused,
    and an edit inside some schools redoes only those and their communes (``totals.py``)."""
    cache = cache if cache is not None else ComputeCache()
    cache.follow(dossier)
    result = _by_difference(dossier, campaign, cache)
    if result is None:
        result = _full(dossier, campaign, cache)
    cache.computed()
    return result


def _result(
    dossier: Dossier,
    campaign: Campaign,
    equipment: VoletResult,
    services: VoletResult,
    schools: tuple[SchoolResult, ...],
    communes: tuple[CommuneResult, ...],
    pupils: int,
) -> Result:
    return Result(
        campagne=campaign.id,
        equipment=equipment,
        services=services,
        schools=schools,
        communes=communes,
        services_pupils=pupils,
        services_cap=campaign.services_plafond_par_eleve * pupils,
        alerts=(),
    )


def _full(dossier: Dossier, campaign: Campaign, cache: ComputeCache) -> Result:
    parts = equipment_volet(dossier, campaign, cache)
    schools = parts.schools
    services, pupils, each = _services(dossier, campaign, schools, cache)
    result = _result(dossier, campaign, parts.volet, services, schools, parts.communes, pupils)
    alerts = [
        school_alerts(school, sr, dossier, campaign, cache)
        for school, sr in zip(dossier.ecoles, schools, strict=True)
    ]
    cache.totals = totals.record(
        dossier.ecoles,
        parts.communes_used,
        schools,
        parts.school_lines,
        parts.communes,
        parts.commune_lines,
        each,
        alerts,
        (
            parts.volet.expense,
            parts.volet.subsidisable,
            parts.volet.eligible,
            parts.volet.subsidy,
            services.expense,
            services.subsidisable,
            pupils,
        ),
    )
    return _with_alerts(dossier, campaign, result, alerts)


def _with_alerts(
    dossier: Dossier, campaign: Campaign, result: Result, alerts: list[tuple[Alert, ...]]
) -> Result:
    every = (
        *opening_warnings(dossier, result),
        *chain.from_iterable(alerts),
        *closing_warnings(dossier, campaign, result),
    )
    return replace(result, alerts=every)


def _by_difference(dossier: Dossier, campaign: Campaign, cache: ComputeCache) -> Result | None:
    """The result after an edit inside some schools, from the last one; None when the edit
    did more (a school added, removed or moved, a setting…): then a full pass."""
    kept, ecoles = cache.totals, dossier.ecoles
    if kept is None or not kept.same_schools(ecoles):
        return None
    where = kept.touched(cache.dirty)
    if where is None:
        return None
    alone, communes = where
    changed: dict[int, SchoolResult] = {}
    for position in alone:
        school = ecoles[position]
        make = partial(school_result, school, dossier, campaign, False)
        changed[position] = cache.own(school, False, make)
    for insee in communes:
        positions = kept.members[insee]
        members = [ecoles[p] for p in positions]
        commune, mine, words = commune_parts(
            kept.commune_objects[insee], members, dossier, campaign, cache
        )
        kept.put_commune(insee, commune, words)
        changed.update(zip(positions, mine, strict=True))
    cache.hits += len(ecoles) - len(changed)  # the schools not even looked at
    cache.differences += 1
    for position, sr in changed.items():
        school = ecoles[position]
        kept.put_school(
            position,
            sr,
            cache.line(school, sr, partial(school_line, sr)),
            cache.services(school, partial(_school_services, school, dossier)),
            school_alerts(school, sr, dossier, campaign, cache),
        )
    equipment = VoletResult(
        expense=kept.expense,
        eligible=kept.eligible,
        subsidy=kept.subsidy,
        explanation=explanation(kept.lines, kept.commune_lines, dossier, campaign, kept.subsidy),
        subsidisable=kept.subsidisable,
    )
    schools = tuple(kept.schools)
    services = _services_volet(
        dossier, campaign, schools, kept.services_expense, kept.services_subsidisable, kept.pupils
    )
    result = _result(
        dossier, campaign, equipment, services, schools, tuple(kept.communes), kept.pupils
    )
    return _with_alerts(dossier, campaign, result, kept.alerts)
