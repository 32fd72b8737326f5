"""Variants of one dossier: the same schools and classes, several plans of lines.

The lines of the current variant live in the schools and classes, so ``compute()`` and every
view read them as they always did; the other variants keep theirs aside, by the place they go
(``Variante.lignes``). Switching moves the lists, never the lines: a few hundred dictionary
operations at 300 classes. A variant other than the current one is read through
``checked_out``, a light copy of the dossier with that variant's lines in place.

Every change of a variant (create, rename, delete, retain) is an edit (``domain/edits.py``),
checked by ``edit_checks`` and saved like any other.
"""

from __future__ import annotations

from dataclasses import replace

from socle_desktop.domain import edits
from socle_desktop.domain.limits import MAX_VARIANTS
from socle_desktop.domain.model import Dossier, Line, LineKey, Variante, new_id
from socle_desktop.domain.validation import InvalidValue, same_name

Lines = dict[LineKey, list[Line]]


# --- where the lines are ----------------------------------------------------------------------


def tree_lines(dossier: Dossier) -> Lines:
    """The lines in the schools and classes (the current variant's), by place; non-empty only."""
    found: Lines = {}
    for school in dossier.ecoles:
        for classroom in school.classes:
            if classroom.lignes:
                found[(classroom.id, "lignes")] = classroom.lignes
        if school.lignes:
            found[(school.id, "lignes")] = school.lignes
        if school.services:
            found[(school.id, "services")] = school.services
    return found


def lines_of(dossier: Dossier, variant_id: str) -> Lines:
    """A variant's lines by place, wherever they are kept (read only: the lists are shared)."""
    if variant_id == dossier.courante:
        return tree_lines(dossier)
    return edits.variant(dossier, variant_id).lignes


def _place_lines(dossier: Dossier, lines: Lines) -> None:
    for school in dossier.ecoles:
        for classroom in school.classes:
            classroom.lignes = lines.get((classroom.id, "lignes")) or []
        school.lignes = lines.get((school.id, "lignes")) or []
        school.services = lines.get((school.id, "services")) or []


def switch(dossier: Dossier, variant_id: str) -> None:
    """Make ``variant_id`` the current variant, in place (not an edit: nothing to save)."""
    if variant_id == dossier.courante:
        return
    target = edits.variant(dossier, variant_id)
    current = edits.variant(dossier, dossier.courante)
    current.lignes = tree_lines(dossier)
    _place_lines(dossier, target.lignes)
    target.lignes = {}
    dossier.courante = variant_id


def checked_out(dossier: Dossier, variant_id: str) -> Dossier:
    """The dossier with ``variant_id`` current, leaving ``dossier`` as it is: schools and
    classes are new objects holding that variant's lists of lines (shared, not copied), the
    other variants' lines aside as they should be. Read it; never edit it."""
    if variant_id == dossier.courante:
        return dossier
    target = edits.variant(dossier, variant_id)
    lines, aside = target.lignes, tree_lines(dossier)
    schools = [
        replace(
            school,
            classes=[replace(c, lignes=lines.get((c.id, "lignes")) or []) for c in school.classes],
            lignes=lines.get((school.id, "lignes")) or [],
            services=lines.get((school.id, "services")) or [],
        )
        for school in dossier.ecoles
    ]
    variantes = [
        replace(
            v, lignes={} if v.id == variant_id else aside if v.id == dossier.courante else v.lignes
        )
        for v in dossier.variantes
    ]
    return replace(dossier, ecoles=schools, variantes=variantes, courante=variant_id)


def retained(dossier: Dossier) -> Dossier:
    """The dossier as it is filed: the retained variant's lines in place."""
    return checked_out(dossier, dossier.retenue)


# --- finding and naming -----------------------------------------------------------------------


def names(dossier: Dossier) -> str:
    return ", ".join(f"« {v.nom} »" for v in dossier.variantes)


def by_name(dossier: Dossier, name: str) -> Variante:
    """The variant called ``name`` (case and surrounding spaces aside), else a French refusal."""
    found = next((v for v in dossier.variantes if same_name(v.nom, name)), None)
    if found is None:
        raise InvalidValue(
            f"variante inconnue : « {name.strip()} » (variantes du dossier : {names(dossier)})"
        )
    return found


def free_name(dossier: Dossier, base: str = "Variante") -> str:
    """« Variante 2 », « Variante 3 »… the first name no variant has."""
    n = len(dossier.variantes) + 1
    while any(same_name(v.nom, f"{base} {n}") for v in dossier.variantes):
        n += 1
    return f"{base} {n}"


def is_retained(dossier: Dossier, variant: Variante) -> bool:
    return variant.id == dossier.retenue


def label(dossier: Dossier, variant: Variante) -> str:
    """« Principale (retenue) », as the selector and the comparison show it."""
    return f"{variant.nom} (retenue)" if is_retained(dossier, variant) else variant.nom


def not_retained_note(dossier: Dossier) -> str:
    """Under the selector when the variant shown is not the retained one (else « »)."""
    if dossier.courante == dossier.retenue:
        return ""
    shown = dossier.variante(dossier.retenue)
    name = shown.nom if shown is not None else dossier.retenue
    return f"Pas la variante retenue : le PDF et le dépôt utilisent « {name} »."


# --- the edits --------------------------------------------------------------------------------


def copied_lines(lines: Lines) -> Lines:
    """A copy of every list, each line a new one with a new id."""
    copied: Lines = {}
    for key, items in lines.items():
        copied[key] = [replace(line, id=new_id()) for line in items]
    return copied


def create(dossier: Dossier, name: str, source_id: str | None = None) -> edits.AddVariant:
    """« Nouvelle variante »: a copy of ``source_id`` (the current one by default), placed
    after the last variant. Refused names and counts are refused by ``edit_checks``."""
    source = edits.variant(dossier, source_id or dossier.courante)
    if len(dossier.variantes) >= MAX_VARIANTS:
        raise InvalidValue(
            f"le dossier a déjà {MAX_VARIANTS} variantes, le plus possible : "
            "supprimez-en une d'abord"
        )
    variant = Variante(name.strip(), lignes=copied_lines(lines_of(dossier, source.id)))
    return edits.AddVariant(len(dossier.variantes), variant, f"Nouvelle variante « {variant.nom} »")


def rename(dossier: Dossier, variant_id: str, name: str) -> edits.SetField:
    old = edits.variant(dossier, variant_id).nom
    return edits.SetField(
        "variante", variant_id, "nom", name.strip(), f"Renommer la variante « {old} »"
    )


def delete(dossier: Dossier, variant_id: str) -> edits.RemoveVariant:
    name = edits.variant(dossier, variant_id).nom
    return edits.RemoveVariant(variant_id, f"Supprimer la variante « {name} »")


def retain(dossier: Dossier, variant_id: str) -> edits.RetainVariant:
    name = edits.variant(dossier, variant_id).nom
    return edits.RetainVariant(variant_id, f"Retenir la variante « {name} »")
