"""What Socle proposes while the user types: default quantities, the socle's number of mobile
devices, the ENT of one school for every school, the name of a new class.

Each proposal is a plain function or an ``Edit``; the pages only call them (no rule in a widget).
"""

from __future__ import annotations

from dataclasses import dataclass

from socle_desktop.domain import edits
from socle_desktop.domain.campaign import Campaign, SocleItem
from socle_desktop.domain.catalogue import line_category, offered_articles
from socle_desktop.domain.diagnostic import per_4_classes
from socle_desktop.domain.model import CatalogueItem, Classroom, Dossier, Line, School

MOBILE_DEVICES = "terminaux_mobiles"  # the socle item of the shared tablets and laptops
SHARING = "partage"  # the socle item the ENT articles belong to
PER_DEVICE, PER_PUPIL = "appareil", "élève"  # units of licences counted per device, per pupil


# --- mobile devices ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MobileAdvice:
    """The socle's rule for a school's shared mobile devices, and what the dossier plans."""

    classes: int  # cycle 2–3 classes
    low: int
    advised: int
    high: int
    planned: int

    @property
    def enough(self) -> bool:
        return self.planned >= self.low


def advised_range(item: SocleItem, classes: int) -> tuple[int, int, int]:
    """(minimum, advised, maximum) of an item counted per group of 4 cycle 2–3 classes."""
    return (
        per_4_classes(item.par_4_classes_min, classes),
        per_4_classes(item.par_4_classes_conseil, classes),
        per_4_classes(item.par_4_classes_max, classes),
    )


def mobile_lines(school: School, dossier: Dossier) -> list[Line]:
    return [line for line in school.lignes if line_category(line, dossier) == MOBILE_DEVICES]


def mobile_advice(school: School, dossier: Dossier, campaign: Campaign) -> MobileAdvice:
    item = campaign.socle_item(MOBILE_DEVICES)
    classes = school.cycle_2_3_classes
    low, advised, high = advised_range(item, classes) if item is not None else (0, 0, 0)
    planned = sum(line.quantite for line in mobile_lines(school, dossier))
    return MobileAdvice(classes, low, advised, high, planned)


def suggest_mobiles(
    school: School, dossier: Dossier, campaign: Campaign
) -> edits.Batch | tuple[CatalogueItem, int] | None:
    """« Proposer » on the school's equipment: the edit that sets the advised number on its
    first mobile devices line (the others kept), or, with no such line yet, the article to add
    and its quantity; None when the school has no cycle 2–3 class."""
    advice = mobile_advice(school, dossier, campaign)
    if not advice.classes:
        return None
    lines = mobile_lines(school, dossier)
    if lines:
        others = sum(line.quantite for line in lines[1:])
        label = "Proposer la quantité de terminaux mobiles"
        # a Batch, so that it is its own undo step (SetFields of one field merge)
        return edits.Batch(
            (
                edits.SetField(
                    "ligne", lines[0].id, "quantite", max(0, advice.advised - others), label
                ),
            ),
            label,
        )
    items = offered_articles(
        dossier, [i.id for i in campaign.socle], "ecole", "equipement", {MOBILE_DEVICES}
    )
    return (items[0], advice.advised) if items else None


# --- default quantities -----------------------------------------------------------------------


def default_quantity(
    item: CatalogueItem, school: School | None, dossier: Dossier, campaign: Campaign
) -> int:
    """The quantity a new line of ``item`` starts with: the advised number of mobile devices,
    one licence per planned device, one subscription per pupil; else 1."""
    if school is None:
        return 1
    if item.categorie == MOBILE_DEVICES and item.niveau == "ecole":
        return max(1, mobile_advice(school, dossier, campaign).advised)
    if item.unite == PER_DEVICE:
        return max(1, sum(line.quantite for line in mobile_lines(school, dossier)))
    if item.unite == PER_PUPIL and school.eleves:
        return school.eleves
    return 1


# --- the ENT for every school -----------------------------------------------------------------


def ent_lines(school: School, dossier: Dossier) -> list[Line]:
    return [line for line in school.services if line_category(line, dossier) == SHARING]


def apply_ent_to_all_schools(dossier: Dossier, school: School) -> edits.Batch | None:
    """Every other school gets ``school``'s ENT lines instead of its own, the per-pupil ones at
    its own pupils; one undoable step. None when ``school`` has no ENT line."""
    source = ent_lines(school, dossier)
    if not source:
        return None
    batch: list[edits.Edit] = []
    for other in dossier.ecoles:
        if other.id == school.id:
            continue
        theirs = ent_lines(other, dossier)
        batch += [edits.Remove("ligne", line.id) for line in theirs]
        start = len(other.services) - len(theirs)
        for offset, line in enumerate(source):
            copy = edits.copy_with_new_ids(line)
            article = dossier.catalogue.get(line.article)
            if article is not None and article.unite == PER_PUPIL and other.eleves:
                copy.quantite = other.eleves
            batch.append(edits.Insert("ligne", other.id, "services", start + offset, copy))
    return edits.Batch(tuple(batch), "Appliquer l'ENT à toutes les écoles")


# --- classes ----------------------------------------------------------------------------------


def new_class(school: School) -> Classroom:
    """« Classe 3 »: the first number no class of the school is named after."""
    names = {c.nom for c in school.classes}
    number = len(school.classes) + 1
    while f"Classe {number}" in names:
        number += 1
    return Classroom(nom=f"Classe {number}", niveaux=[], eleves=0)
