"""The checks of snee-2021.md §5.4: warnings in French, never blocks.

Each warning that quotes a figure quotes the one the result computed (tests check them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.completeness import without_classes
from socle_desktop.domain.model import Dossier, Existant, PorteurType, School
from socle_desktop.domain.money import euros
from socle_desktop.domain.pupils import counted_pupils
from socle_desktop.domain.validation import uai_check_letter_ok

if TYPE_CHECKING:
    from socle_desktop.domain.incremental import ComputeCache
    from socle_desktop.domain.results import Result, SchoolResult

# Beyond these, a class's pupil count looks like a typing mistake.
PUPILS_PER_CLASS_MAX = 35


@dataclass(frozen=True)
class Alert:
    message: str  # French, a full sentence
    school_id: str | None = None


def warnings(
    dossier: Dossier, campaign: Campaign, result: Result, cache: ComputeCache | None = None
) -> Iterator[Alert]:
    """The warnings of §5.4; each school's are ``cache``'s while its result is the same."""
    yield from opening_warnings(dossier, result)
    for school, sr in zip(dossier.ecoles, result.schools, strict=True):
        yield from school_alerts(school, sr, dossier, campaign, cache)
    yield from closing_warnings(dossier, campaign, result)


def opening_warnings(dossier: Dossier, result: Result) -> Iterator[Alert]:
    """What the dossier as a whole lacks (said before the schools' warnings)."""
    if not dossier.ecoles:
        yield Alert("Le dossier ne compte encore aucune école.")
    elif result.services.expense == 0:
        yield Alert(
            ("Aucune dépense" if any(s.services for s in dossier.ecoles) else "Aucune ligne")
            + " de services et ressources : l'appel à projets demande les deux volets "
            "(équipement et services)."
        )


def school_alerts(
    school: School,
    sr: SchoolResult,
    dossier: Dossier,
    campaign: Campaign,
    cache: ComputeCache | None = None,
) -> tuple[Alert, ...]:
    """One school's warnings (``cache``'s while its result is the same)."""
    if cache is None:
        return tuple(_school_warnings(school, sr, dossier, campaign))
    return cache.alerts(school, sr, partial(_school_warnings, school, sr, dossier, campaign))


def closing_warnings(dossier: Dossier, campaign: Campaign, result: Result) -> Iterator[Alert]:
    """The communes above their ceiling, the services above their cap (after the schools)."""
    for c in result.communes:
        if c.above_ceiling > 0:
            yield Alert(
                f"{c.nom} : la dépense éligible dépasse le plafond de "
                f"{euros(campaign.plafond_par_commune)} par commune de {euros(c.above_ceiling)}."
            )
    # Only what the call funds meets the cap: lines outside the socle have their own warning.
    excess = result.services.subsidisable - result.services_cap
    if excess > 0:
        yield Alert(
            f"Les services subventionnables dépassent de {euros(excess)} le plafond de "
            f"{euros(campaign.services_plafond_par_eleve)} par élève "
            f"({result.services_pupils} élèves, {euros(result.services_cap)}) ; cette part "
            f"reste à la charge de {PorteurType(dossier.porteur.type).payer}."
        )


def _school_warnings(
    school: School, sr: SchoolResult, dossier: Dossier, campaign: Campaign
) -> Iterator[Alert]:
    name = school.nom or "(école sans nom)"
    if not school.classes:
        yield Alert(without_classes(school), school.id)
    elif sr.classes_cycles_2_3 == 0:
        yield Alert(f"{name} : aucune classe de cycle 2 ou 3 (CP à CM2).", school.id)
    elif sr.excluded_because:
        yield Alert(
            f"{name} est exclue de la subvention d'équipement : {sr.excluded_because}.", school.id
        )
    if sr.above_cap > 0:
        pooled = dossier.parametres.plafond_par_classe == "projet"
        yield Alert(
            f"{name} : {euros(sr.above_cap)} de dépense d'équipement au-delà du plafond de "
            f"{euros(campaign.plafond_par_classe)} par classe"
            + (", même mis en commun entre les écoles de la commune," if pooled else "")
            + f" restent entièrement à la charge de {PorteurType(dossier.porteur.type).payer}.",
            school.id,
        )
    # Fewer pupils in the classes than in the school is normal: the maternelle classes of a
    # primary school are outside the call and need not be entered. More is a mistake.
    class_pupils = sum(c.eleves for c in school.classes)
    if school.classes and class_pupils > school.eleves:
        yield Alert(
            f"{name} : l'école compte {school.eleves} élèves mais ses classes en totalisent "
            f"{class_pupils}, davantage.",
            school.id,
        )
    elif not sr.excluded_because and counted_pupils(school, dossier) == 0:
        where = "" if dossier.parametres.eleves_services == "ecoles" else " dans ses classes"
        yield Alert(
            f"{name} : aucun élève n'est indiqué{where} ; l'école n'apporte aucun élève au "
            "plafond des services.",
            school.id,
        )
    for c in school.classes:
        if not c.niveaux:
            yield Alert(
                f"{name}, classe {c.nom or '(sans nom)'} : aucun niveau n'est coché ; elle "
                "ne compte pas pour le plafond par classe.",
                school.id,
            )
        if c.eleves > PUPILS_PER_CLASS_MAX:
            yield Alert(f"{name}, classe {c.nom} : {c.eleves} élèves, est-ce exact ?", school.id)
    for line in school.equipment_lines() + school.services:
        if not is_subsidisable(line, dossier):
            yield Alert(
                f"{name} : « {line.libelle} » ({euros(line_amount(line, dossier))}) n'est pas "
                "subventionnable (hors socle ou coût récurrent) ; il reste à la charge de "
                f"{PorteurType(dossier.porteur.type).payer}.",
                school.id,
            )
    yield from _charging_warning(school, dossier, name)
    if school.uai and not uai_check_letter_ok(school.uai):
        yield Alert(
            f"{name} : la lettre de contrôle de l'UAI {school.uai} ne correspond pas à ses "
            "chiffres ; vérifiez-le dans l'annuaire de l'éducation.",
            school.id,
        )


MOBILE_DEVICES = "terminaux_mobiles"  # the socle item of tablets and pupils' laptops


def charging(school: School, dossier: Dossier) -> tuple[int, int]:
    """(mobile devices planned, places of the charging cases and trolleys planned)."""
    devices = places = 0
    for line in school.equipment_lines():
        item = dossier.catalogue.get(line.article)
        if item is None:
            continue
        if item.categorie == MOBILE_DEVICES:
            devices += line.quantite
        places += line.quantite * item.places
    return devices, places


def _charging_warning(school: School, dossier: Dossier, name: str) -> Iterator[Alert]:
    """More mobile devices than places to store and charge them (snee-2021.md §5.4's spirit: a
    class set of tablets needs its case). A school that already has its charging equipment
    (diagnostic « gestion des terminaux mobiles » present) and plans none is not warned."""
    devices, places = charging(school, dossier)
    if devices <= places:
        return
    if places == 0:
        if school.existant.get("gestion_mobiles") != Existant.PRESENT:
            yield Alert(
                f"{name} : {devices} terminaux mobiles sont prévus, mais aucune valise "
                "ni aucun chariot de rangement et de recharge.",
                school.id,
            )
        return
    yield Alert(
        f"{name} : {devices} terminaux mobiles pour {places} places de recharge "
        f"(valises, chariots) ; il manque {devices - places} places.",
        school.id,
    )
