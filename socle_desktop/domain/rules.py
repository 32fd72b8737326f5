"""The State subsidy of a dossier, computed from the campaign's rules (snee-2021.md §5).

``compute`` is the one source of every figure the user sees: the side panel, the tables, the
PDF and ``summary`` all read its ``Result``. Each figure carries the words that explain it.
"""

from __future__ import annotations

from dataclasses import replace

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.equipment import equipment_volet, round_subsidy
from socle_desktop.domain.model import Dossier
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


def services_pupils(dossier: Dossier, schools: tuple[SchoolResult, ...]) -> int:
    """The pupils of the schools equipped under the call: those kept in the equipment volet,
    with or without a services line (snee-2021.md §5.2); an excluded school brings none."""
    kept = {s.school_id for s in schools if not s.excluded_because}
    return sum(counted_pupils(s, dossier) for s in dossier.ecoles if s.id in kept)


def _services(dossier: Dossier, campaign: Campaign,
              schools: tuple[SchoolResult, ...]) -> tuple[VoletResult, int]:
    lines = [line for s in dossier.ecoles for line in s.services]
    expense = sum((line_amount(line, dossier) for line in lines), ZERO)
    subsidisable = sum(
        (line_amount(line, dossier) for line in lines if is_subsidisable(line, dossier)), ZERO
    )
    pupils = services_pupils(dossier, schools)
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


def compute(dossier: Dossier, campaign: Campaign) -> Result:
    """Every figure of the plan de financement, with its explanation and the warnings."""
    schools, communes, equipment = equipment_volet(dossier, campaign)
    services, pupils = _services(dossier, campaign, schools)
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
    return replace(result, alerts=tuple(warnings(dossier, campaign, result)))
