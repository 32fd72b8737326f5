"""Where in the dossier an edit lands, in the user's terms: which step of the wizard, which
school, which class. An undo that changes a value on another page goes there (or says so)."""

from __future__ import annotations

from dataclasses import dataclass

from socle_desktop.domain import edits
from socle_desktop.domain.model import Dossier

STEP_NAMES = {
    "porteur": "Porteur du projet",
    "ecoles": "Écoles",
    "classes": "Classes et équipement",
    "equipement_ecole": "Équipement de l'école",
    "services": "Services et ressources",
    "recapitulatif": "Récapitulatif",
    "catalogue": "Catalogue",
}
_SCHOOL_FIELDS_ON_STEP = {
    "existant": "equipement_ecole",
    "lignes": "equipement_ecole",
    "services": "services",
    "classes": "classes",
}


@dataclass(frozen=True)
class Place:
    step: str  # a key of STEP_NAMES
    school_id: str = ""
    class_id: str = ""

    def describe(self, dossier: Dossier) -> str:
        """« étape « Écoles », école « Jules Ferry » »."""
        text = f"étape « {STEP_NAMES[self.step]} »"
        school = next((s for s in dossier.ecoles if s.id == self.school_id), None)
        if school is not None:
            text += f", école « {school.nom or school.uai or 'sans nom'} »"
        return text


def place_of(dossier: Dossier, *candidates: edits.Edit) -> Place | None:
    """The place of the first of ``candidates`` (an edit, then its inverse) whose target the
    dossier holds now: a removed line has no place, the insert that would restore it has."""
    for edit in candidates:
        place = _place(dossier, edit)
        if place is not None:
            return place
    return None


def _place(dossier: Dossier, edit: edits.Edit) -> Place | None:
    if isinstance(edit, edits.Batch):
        return next((p for p in (_place(dossier, e) for e in edit.edits) if p is not None), None)
    if isinstance(edit, edits.PutArticle):
        return Place("catalogue")
    if isinstance(edit, edits.VARIANT_EDITS):
        return None  # the variants themselves, or lines of a variant not shown: no page
    if isinstance(edit, edits.Insert):
        if edit.kind == "ecole":
            there = any(s.id == edit.obj.id for s in dossier.ecoles)
            return Place("ecoles", edit.obj.id if there else "")
        return _in_container(dossier, edit.kind, edit.parent_id, edit.collection)
    if not isinstance(edit, (edits.SetField, edits.Remove)):
        return None  # a variant's edits are the variants' own (no step, no school)
    kind, ident = edit.kind, edit.id
    if kind in ("porteur", "contact", "commune"):
        return Place("porteur")
    if kind == "parametres":
        return Place("recapitulatif")
    if kind == "article":
        return Place("catalogue")
    try:
        _obj, parent_id, collection, _index = edits.locate(dossier, kind, ident)
    except edits.EditError:
        return None
    if kind == "ecole":
        field = getattr(edit, "field", "")
        return Place(_SCHOOL_FIELDS_ON_STEP.get(field, "ecoles"), ident)
    if kind == "classe":
        return Place("classes", parent_id, ident)
    return _in_container(dossier, kind, parent_id, collection)


def _in_container(dossier: Dossier, kind: str, parent_id: str, collection: str) -> Place | None:
    if kind == "commune":
        return Place("porteur")
    if kind == "ecole":
        return Place("ecoles")
    if kind == "classe":
        return Place("classes", parent_id)
    for school in dossier.ecoles:  # a line: of a class, of a school, or a service
        if school.id == parent_id:
            return Place("services" if collection == "services" else "equipement_ecole", school.id)
        if any(c.id == parent_id for c in school.classes):
            return Place("classes", school.id, parent_id)
    return None
