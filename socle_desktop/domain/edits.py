"""Every change to a dossier is an ``Edit``: applied to the model here, undone by the inverse
that ``apply`` returns, and written to the dossier file by the store as the rows it touches.

Entities are named by kind and id:
  - ``porteur``, ``contact``, ``parametres``: the single objects (id is "")
  - ``commune``, ``ecole``, ``classe``, ``ligne``: list members, by their ``id``
  - ``article``: an entry of the dossier's own catalogue, by article id
  - ``variante``: a variant of the plan, by its ``id`` (its name is a ``SetField``)

The lines an edit names are those of the current variant (in the schools and classes); the
variants themselves and the lines of the others change through ``AddVariant``,
``RemoveVariant``, ``RetainVariant`` and ``SetVariantLines`` (docs/dossier-file.md).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from socle_desktop.domain.model import (
    CatalogueItem,
    Classroom,
    Contact,
    Dossier,
    Line,
    LineKey,
    Parametres,
    Porteur,
    School,
    Variante,
)

T = TypeVar("T", School, Classroom, Line)

# What an edit names: a single object, a member of a list (by id), an article, a variant.
Kind = Literal[
    "porteur", "contact", "parametres", "commune", "ecole", "classe", "ligne", "article", "variante"
]
SINGLETONS = ("porteur", "contact", "parametres")
COLLECTIONS = {  # kind -> names of the lists that may hold it
    "commune": ("communes",),
    "ecole": ("ecoles",),
    "classe": ("classes",),
    "ligne": ("lignes", "services"),
}


class EditError(ValueError):
    """An edit that names something the dossier does not have (a bug, never user input)."""


@dataclass(frozen=True)
class SetField:
    kind: Kind
    id: str
    field: str
    value: Any
    label: str = "Modifier"


@dataclass(frozen=True)
class Insert:
    """Put ``obj`` at ``index`` of ``collection`` of the parent (``parent_id`` "" = dossier)."""

    kind: Kind
    parent_id: str
    collection: str
    index: int
    obj: Any
    label: str = "Ajouter"


@dataclass(frozen=True)
class Remove:
    kind: Kind
    id: str
    label: str = "Supprimer"


@dataclass(frozen=True)
class PutArticle:
    """Add or replace an article of the dossier's own catalogue (``item`` None removes it)."""

    article_id: str
    item: CatalogueItem | None
    label: str = "Modifier le catalogue"


@dataclass(frozen=True)
class AddVariant:
    """Put ``variante`` at ``index`` of the dossier's variants, its lines aside (not current)."""

    index: int
    variante: Variante
    label: str = "Nouvelle variante"


@dataclass(frozen=True)
class RemoveVariant:
    """Delete a variant and its lines; the current one gives way to the retained one first."""

    id: str
    label: str = "Supprimer la variante"


@dataclass(frozen=True)
class RetainVariant:
    """Make a variant the one the dossier files."""

    id: str
    label: str = "Retenir la variante"


@dataclass(frozen=True)
class SetVariantLines:
    """Replace one list of lines (``key``: its owner and list) of a variant not current."""

    variant_id: str
    key: LineKey
    lines: tuple[Line, ...]
    label: str = "Modifier une variante"


@dataclass(frozen=True)
class Batch:
    """Several edits that the user sees (and undoes) as one."""

    edits: tuple[Edit, ...]
    label: str = "Modifier"


Edit = (
    SetField
    | Insert
    | Remove
    | PutArticle
    | AddVariant
    | RemoveVariant
    | RetainVariant
    | SetVariantLines
    | Batch
)
VARIANT_EDITS = (AddVariant, RemoveVariant, RetainVariant, SetVariantLines)


# --- finding things ---------------------------------------------------------------------------


def singleton(dossier: Dossier, kind: str) -> Porteur | Contact | Parametres:
    if kind == "porteur":
        return dossier.porteur
    if kind == "contact":
        return dossier.porteur.contact
    if kind == "parametres":
        return dossier.parametres
    raise EditError(f"objet unique inconnu : {kind}")


def _containers(dossier: Dossier) -> Iterator[tuple[Any, str, str, list[Any]]]:
    """Every (parent, parent_id, collection name, list) of the dossier."""
    yield dossier, "", "communes", dossier.communes
    yield dossier, "", "ecoles", dossier.ecoles
    for school in dossier.ecoles:
        yield school, school.id, "classes", school.classes
        yield school, school.id, "lignes", school.lignes
        yield school, school.id, "services", school.services
        for classroom in school.classes:
            yield classroom, classroom.id, "lignes", classroom.lignes


def container(dossier: Dossier, parent_id: str, collection: str) -> list[Any]:
    for _parent, pid, name, items in _containers(dossier):
        if pid == parent_id and name == collection:
            return items
    raise EditError(f"liste introuvable : {parent_id}.{collection}")


def locate(dossier: Dossier, kind: str, ident: str) -> tuple[Any, str, str, int]:
    """The entity of that kind and id, with its parent id, collection name and index."""
    for _parent, pid, name, items in _containers(dossier):
        if name not in COLLECTIONS.get(kind, ()):
            continue
        for index, obj in enumerate(items):
            if obj.id == ident:
                return obj, pid, name, index
    raise EditError(f"{kind} introuvable : {ident}")


def find(dossier: Dossier, kind: str, ident: str) -> Any:
    if kind in SINGLETONS:
        return singleton(dossier, kind)
    if kind == "article":
        return dossier.catalogue[ident]
    if kind == "variante":
        return variant(dossier, ident)
    return locate(dossier, kind, ident)[0]


def variant(dossier: Dossier, ident: str) -> Variante:
    found = dossier.variante(ident)
    if found is None:
        raise EditError(f"variante introuvable : {ident}")
    return found


def aside_keys(obj: School | Classroom) -> list[LineKey]:
    """The places of lines that belong to a school (with its classes) or to a class."""
    if isinstance(obj, School):
        return [(obj.id, "lignes"), (obj.id, "services"), *((c.id, "lignes") for c in obj.classes)]
    return [(obj.id, "lignes")]


def _take_aside(dossier: Dossier, obj: School | Classroom) -> list[SetVariantLines]:
    """Take the lines the other variants hold for a school or class being removed, and return
    the edits that put them back (after the school or class is back)."""
    restore = []
    for other in dossier.variantes:
        for key in aside_keys(obj):
            lines = other.lignes.pop(key, None)
            if lines:
                restore.append(SetVariantLines(other.id, key, tuple(lines)))
    return restore


# --- applying ---------------------------------------------------------------------------------


def apply(dossier: Dossier, edit: Edit) -> Edit:
    """Apply ``edit`` to ``dossier`` in place and return the edit that undoes it."""
    if isinstance(edit, SetField):
        target = find(dossier, edit.kind, edit.id)
        if not hasattr(target, edit.field):
            raise EditError(f"{edit.kind} n'a pas de champ {edit.field}")
        old = getattr(target, edit.field)
        setattr(target, edit.field, edit.value)
        return SetField(edit.kind, edit.id, edit.field, old, edit.label)
    if isinstance(edit, Insert):
        items = container(dossier, edit.parent_id, edit.collection)
        if not 0 <= edit.index <= len(items):
            raise EditError(f"position {edit.index} hors de la liste {edit.collection}")
        items.insert(edit.index, edit.obj)
        return Remove(edit.kind, edit.obj.id, edit.label)
    if isinstance(edit, Remove):
        obj, parent_id, collection, index = locate(dossier, edit.kind, edit.id)
        container(dossier, parent_id, collection).pop(index)
        inverse = Insert(edit.kind, parent_id, collection, index, obj, edit.label)
        restore = _take_aside(dossier, obj) if isinstance(obj, School | Classroom) else []
        return Batch((inverse, *restore), edit.label) if restore else inverse
    if isinstance(edit, PutArticle):
        old = dossier.catalogue.get(edit.article_id)
        if edit.item is None:
            dossier.catalogue.pop(edit.article_id, None)
        else:
            dossier.catalogue[edit.article_id] = edit.item
        return PutArticle(edit.article_id, old, edit.label)
    if isinstance(edit, VARIANT_EDITS):
        return _apply_variant_edit(dossier, edit)
    if isinstance(edit, Batch):
        inverses = [apply(dossier, e) for e in edit.edits]
        return Batch(tuple(reversed(inverses)), edit.label)
    raise EditError(f"modification inconnue : {edit!r}")


def _apply_variant_edit(
    dossier: Dossier, edit: AddVariant | RemoveVariant | RetainVariant | SetVariantLines
) -> Edit:
    if isinstance(edit, AddVariant):
        if dossier.variante(edit.variante.id) is not None:
            raise EditError(f"variante déjà présente : {edit.variante.id}")
        if not 0 <= edit.index <= len(dossier.variantes):
            raise EditError(f"position {edit.index} hors de la liste des variantes")
        dossier.variantes.insert(edit.index, edit.variante)
        return RemoveVariant(edit.variante.id, edit.label)
    if isinstance(edit, RemoveVariant):
        removed = variant(dossier, edit.id)
        if edit.id == dossier.retenue or len(dossier.variantes) == 1:
            raise EditError(f"la variante retenue ne peut pas être supprimée : {edit.id}")
        if edit.id == dossier.courante:
            from socle_desktop.domain.variants import switch

            switch(dossier, dossier.retenue)
        index = dossier.variantes.index(removed)
        dossier.variantes.pop(index)
        return AddVariant(index, removed, edit.label)
    if isinstance(edit, RetainVariant):
        variant(dossier, edit.id)
        before, dossier.retenue = dossier.retenue, edit.id
        return RetainVariant(before, edit.label)
    if isinstance(edit, SetVariantLines):
        target = variant(dossier, edit.variant_id)
        if target.id == dossier.courante:
            raise EditError("les lignes de la variante courante sont dans les écoles et classes")
        old_lines = tuple(target.lignes.get(edit.key, ()))
        if edit.lines:
            target.lignes[edit.key] = list(edit.lines)
        else:
            target.lignes.pop(edit.key, None)
        return SetVariantLines(edit.variant_id, edit.key, old_lines, edit.label)
    raise EditError(f"modification inconnue : {edit!r}")


# --- building common edits --------------------------------------------------------------------


def copy_with_new_ids(obj: T) -> T:
    """A deep copy with fresh ids everywhere, e.g. to duplicate a class with its lines."""
    from socle_desktop.domain.model import new_id

    clone = copy.deepcopy(obj)
    stack = [clone]
    while stack:
        item = stack.pop()
        item.id = new_id()
        for name in ("classes", "lignes", "services"):
            stack.extend(getattr(item, name, []))
    return clone


def apply_lines_to_all_classes(school: School, source: Classroom) -> Batch:
    """« Appliquer à toutes les classes »: every other class gets a copy of ``source``'s lines."""
    edits: list[Edit] = []
    for classroom in school.classes:
        if classroom.id == source.id:
            continue
        edits += [Remove("ligne", line.id) for line in classroom.lignes]
        edits += [
            Insert("ligne", classroom.id, "lignes", i, copy_with_new_ids(line))
            for i, line in enumerate(source.lignes)
        ]
    return Batch(tuple(edits), "Appliquer à toutes les classes")
