"""The socle diagnostic: per school, what it will have (existing + planned) and what is missing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from socle_desktop.domain.campaign import Campaign, SocleItem
from socle_desktop.domain.model import Dossier, Existant, School


class Status(StrEnum):
    COVERED = "couvert"
    PARTIAL = "partiel"
    MISSING = "manquant"
    OPTIONAL = "facultatif"  # an optional item the school neither has nor plans


STATUS_LABELS = {
    Status.COVERED: "Couvert",
    Status.PARTIAL: "Partiel",
    Status.MISSING: "Manquant",
    Status.OPTIONAL: "Facultatif",
}


@dataclass(frozen=True)
class ItemDiagnostic:
    item: SocleItem
    existant: Existant
    planned: int  # quantity of the dossier's lines in this socle category
    needed: int  # quantity the rule of thumb asks for (0 when the item is already present)
    status: Status

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.planned)


@dataclass(frozen=True)
class SchoolDiagnostic:
    school_id: str
    items: tuple[ItemDiagnostic, ...]

    @property
    def missing(self) -> tuple[ItemDiagnostic, ...]:
        return tuple(i for i in self.items if i.status in (Status.MISSING, Status.PARTIAL))

    @property
    def reaches_socle(self) -> bool:
        return not self.missing


def per_4_classes(count: int, classes: int) -> int:
    """``count`` per started group of 4 cycle 2–3 classes (the socle's rule for mobiles)."""
    return count * math.ceil(classes / 4) if classes else 0


def needed_quantity(item: SocleItem, classes: int) -> int:
    """How many of the item a school of ``classes`` cycle 2–3 classes needs (rule of thumb)."""
    if item.par_classe:
        return item.par_classe * classes
    if item.par_4_classes_min:
        return per_4_classes(item.par_4_classes_min, classes)
    return item.minimum


def _planned(school: School, dossier: Dossier, item: SocleItem) -> int:
    # By category, whatever the volet: sharing pupils' work is an ENT or a school server.
    lines = school.equipment_lines() + school.services
    quantity = 0
    for line in lines:
        article = dossier.catalogue.get(line.article)
        if article and article.categorie == item.id:
            # Licences per device (MDM) or per pupil count once: one line is enough to cover it.
            quantity += 1 if article.unite else line.quantite
    return quantity


def _status(item: SocleItem, existant: Existant, planned: int, needed: int) -> Status:
    if planned >= needed and (planned or existant == Existant.PRESENT or not item.facultatif):
        return Status.COVERED  # enough planned, already there, or nothing needed
    if item.facultatif:
        return Status.OPTIONAL
    return Status.PARTIAL if planned else Status.MISSING


def diagnose_school(school: School, dossier: Dossier, campaign: Campaign) -> SchoolDiagnostic:
    classes = school.cycle_2_3_classes
    items = []
    for item in campaign.socle:
        existant = school.existant.get(item.id, Existant.ABSENT)
        planned = _planned(school, dossier, item)
        needed = 0 if existant == Existant.PRESENT else needed_quantity(item, classes)
        items.append(
            ItemDiagnostic(
                item, existant, planned, needed, _status(item, existant, planned, needed)
            )
        )
    return SchoolDiagnostic(school.id, tuple(items))


def diagnose(dossier: Dossier, campaign: Campaign) -> dict[str, SchoolDiagnostic]:
    return {s.id: diagnose_school(s, dossier, campaign) for s in dossier.ecoles}
