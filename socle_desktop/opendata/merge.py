"""What importing the ticked schools would change in the dossier, told before it is done, and
the one edit (one undo step) that does it. A school already in the dossier (same UAI) is updated,
never duplicated; its classes, which carry the user's equipment, are kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from socle_desktop.domain.edits import Batch, Edit, Insert, SetField, copy_with_new_ids
from socle_desktop.domain.model import SECTEUR_LABELS, Commune, Dossier, School, Secteur
from socle_desktop.domain.money import group_thousands
from socle_desktop.domain.presentation import plural
from socle_desktop.opendata.proposals import Proposal

ADDED, UPDATED, UNCHANGED = "ajoutée", "mise à jour", "inchangée"


@dataclass
class SchoolChange:
    action: str  # ADDED | UPDATED | UNCHANGED
    nom: str
    uai: str
    details: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The change as the user reads it: a heading line, then one line per detail."""
        return [f"{self.nom} ({self.uai}) : {self.action}"] + [f"  – {d}" for d in self.details]


@dataclass
class ImportPlan:
    changes: list[SchoolChange]
    new_communes: list[Commune]
    edit: Batch | None  # None: nothing to change

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    def summary(self) -> str:
        """« 2 écoles ajoutées, 1 mise à jour » ; « Rien à changer » when everything is there."""
        added, updated, same = self.count(ADDED), self.count(UPDATED), self.count(UNCHANGED)
        parts = []
        if added:
            parts.append(f"{added} {_plural(added, 'école ajoutée', 'écoles ajoutées')}")
        if updated:
            parts.append(f"{updated} {_plural(updated, 'mise à jour', 'mises à jour')}")
        if same:
            parts.append(f"{same} déjà à jour")
        if self.new_communes:
            n = len(self.new_communes)
            names = ", ".join(c.nom for c in self.new_communes)
            parts.append(f"{_plural(n, 'commune ajoutée', 'communes ajoutées')} : {names}")
        return " ; ".join(parts) if parts else "Aucune école choisie"

    def text(self) -> str:
        return "\n".join(line for change in self.changes for line in change.lines())


def _plural(n: int, one: str, several: str) -> str:
    return several if n > 1 else one


def _classes_text(school: School) -> str:
    n = school.cycle_2_3_classes
    return f"{plural(n, 'classe')} de CP à CM2"


def _added(proposal: Proposal) -> SchoolChange:
    school = proposal.school
    details = [
        f"{group_thousands(school.eleves)} élèves"
        + (
            f", {_classes_text(school)} : " + ", ".join(c.nom for c in school.classes)
            if school.classes
            else ""
        )
    ]
    return SchoolChange(ADDED, school.nom, school.uai, details + proposal.notes)


def _updates(
    existing: School, proposal: Proposal, dossier: Dossier, names: dict[str, str]
) -> tuple[list[Edit], list[str]]:
    """The SetField/Insert edits that bring ``existing`` to the open data, and their wording."""
    new = proposal.school
    edits: list[Edit] = []
    details: list[str] = []

    def commune_name(insee: str) -> str:
        known = dossier.commune(insee)
        return known.nom if known else names.get(insee, insee)

    shown = {
        "nom": lambda v: f"« {v} »",
        "commune": commune_name,
        "secteur": lambda v: SECTEUR_LABELS[Secteur(v)],
        "eleves": group_thousands,
    }
    captions = {"nom": "nom", "commune": "commune", "secteur": "secteur", "eleves": "élèves"}
    for name, show in shown.items():
        old, value = getattr(existing, name), getattr(new, name)
        if name == "eleves" and proposal.counts is None and proposal.source.eleves is None:
            continue  # the annuaire does not know: keep what the user typed
        if old != value:
            edits.append(SetField("ecole", existing.id, name, value, "Importer depuis l'annuaire"))
            details.append(f"{captions[name]} : {show(old)} → {show(value)}")
    if not existing.classes and new.classes:
        for index, classroom in enumerate(new.classes):
            edits.append(
                Insert("classe", existing.id, "classes", index, copy_with_new_ids(classroom))
            )
        details.append(
            f"classes créées : {_classes_text(new)} (" + ", ".join(c.nom for c in new.classes) + ")"
        )
    elif (
        existing.classes
        and proposal.counts is not None
        and existing.cycle_2_3_classes != new.cycle_2_3_classes
    ):
        details.append(
            f"classes gardées telles quelles : {existing.cycle_2_3_classes} de CP à CM2 dans le "
            f"dossier, {new.cycle_2_3_classes} d'après les effectifs {proposal.counts.annee} "
            "(à ajuster vous-même si besoin)"
        )
    return edits, details


def plan_import(dossier: Dossier, proposals: list[Proposal]) -> ImportPlan:
    """What importing ``proposals`` (the ticked ones) into ``dossier`` changes, and its edit."""
    existing = {s.uai.strip().upper(): s for s in reversed(dossier.ecoles) if s.uai.strip()}
    names = {p.commune.insee: p.commune.nom for p in proposals}
    edits: list[Edit] = []
    new_communes: list[Commune] = []
    changes: list[SchoolChange] = []
    for proposal in proposals:
        insee = proposal.school.commune
        if dossier.commune(insee) is None and all(c.insee != insee for c in new_communes):
            commune = Commune(insee=insee, nom=proposal.commune.nom)
            edits.append(
                Insert(
                    "commune", "", "communes", len(dossier.communes) + len(new_communes), commune
                )
            )
            new_communes.append(commune)
        school = existing.get(proposal.uai)
        if school is None:
            clone = copy_with_new_ids(proposal.school)
            added = sum(1 for change in changes if change.action == ADDED)
            edits.append(Insert("ecole", "", "ecoles", len(dossier.ecoles) + added, clone))
            changes.append(_added(proposal))
            continue
        school_edits, details = _updates(school, proposal, dossier, names)
        edits += school_edits
        action = UPDATED if school_edits else UNCHANGED
        changes.append(
            SchoolChange(action, school.nom or proposal.school.nom, proposal.uai, details)
        )
    label = _label(changes)
    return ImportPlan(changes, new_communes, Batch(tuple(edits), label) if edits else None)


def _label(changes: list[SchoolChange]) -> str:
    n = sum(1 for change in changes if change.action != UNCHANGED)
    return f"Importer {plural(n, 'école')} de l'annuaire"
