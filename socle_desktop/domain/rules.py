"""The State subsidy of a dossier, computed from the campaign's rules (snee-2021.md §5).

``compute`` is the one source of every figure the user sees: the side panel, the tables, the
PDF and ``summary`` all read its ``Result``. Each figure carries the words that explain it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import partial

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.equipment import equipment_volet, round_subsidy
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
from socle_desktop.domain.warnings import warnings

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
) -> tuple[VoletResult, int]:
    expense = subsidisable = ZERO
    pupils = 0
    for school, sr in zip(dossier.ecoles, schools, strict=True):
        spent, funded, brought = cache.services(school, partial(_school_services, school, dossier))
        expense += spent
        subsidisable += funded
        if not sr.excluded_because:  # an excluded school brings no pupil (§5.2)
            pupils += brought
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
    volet = VoletResult(expense, eligible, subsidy, "\n".join(lines_fr), subsidisable)
    return volet, pupils


# --- the whole dossier ------------------------------------------------------------------------


def compute(dossier: Dossier, campaign: Campaign, cache: ComputeCache | None = None) -> Result:
    """Every figure of the plan de financement, with its explanation and the warnings; with a
    ``cache`` (``incremental.py``), what belongs to the schools an edit did not touch is reused."""
    cache = cache if cache is not None else ComputeCache()
    cache.follow(dossier)
    schools, communes, equipment = equipment_volet(dossier, campaign, cache)
    services, pupils = _services(dossier, campaign, schools, cache)
    result = Result(
        campagne=campaign.id,
        equipment=equipment,
        services=services,
        schools=schools,
        communes=communes,
        services_pupils=pupils,
        services_cap=campaign.services_plafond_par_eleve * pupils,
        alerts=(),
    )
    return replace(result, alerts=tuple(warnings(dossier, campaign, result, cache)))
