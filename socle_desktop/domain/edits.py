"""Every change to a dossier is an ``Edit``: applied to the model here, undone by the inverse
that ``apply`` returns, and written to the dossier file by the store as the rows it touches.

Entities are named by kind and id:
  - ``porteur``, ``contact``, ``parametres``: the single objects (id is "")
  - ``commune``, ``ecole``, ``classe``, ``ligne``: list members, by their ``id``
  - ``article``: an entry of the dossier's own catalogue, by article id
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from socle_desktop.domain.model import CatalogueItem, Classroom, Dossier, Line, School

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
    kind: str
    id: str
    field: str
    value: Any
    label: str = "Modifier"


@dataclass(frozen=True)
class Insert:
    """Put ``obj`` at ``index`` of ``collection`` of the parent (``parent_id`` "" = dossier)."""

    kind: str
    parent_id: str
    collection: str
    index: int
    obj: Any
    label: str = "Ajouter"


@dataclass(frozen=True)
class Remove:
    kind: str
    id: str
    label: str = "Supprimer"


@dataclass(frozen=True)
class PutArticle:
    """Add or replace an article of the dossier's own catalogue (``item`` None removes it)."""

    article_id: str
    item: CatalogueItem | None
    label: str = "Modifier le catalogue"


@dataclass(frozen=True)
class Batch:
    """Several edits that the user sees (and undoes) as one."""

    edits: tuple
    label: str = "Modifier"


Edit = SetField | Insert | Remove | PutArticle | Batch


# --- finding things ---------------------------------------------------------------------------


def singleton(dossier: Dossier, kind: str):
    if kind == "porteur":
        return dossier.porteur
    if kind == "contact":
        return dossier.porteur.contact
    if kind == "parametres":
        return dossier.parametres
    raise EditError(f"objet unique inconnu : {kind}")


def _containers(dossier: Dossier):
    """Every (parent, parent_id, collection name, list) of the dossier."""
    yield dossier, "", "communes", dossier.communes
    yield dossier, "", "ecoles", dossier.ecoles
    for school in dossier.ecoles:
        yield school, school.id, "classes", school.classes
        yield school, school.id, "lignes", school.lignes
        yield school, school.id, "services", school.services
        for classroom in school.classes:
            yield classroom, classroom.id, "lignes", classroom.lignes


def container(dossier: Dossier, parent_id: str, collection: str) -> list:
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


def find(dossier: Dossier, kind: str, ident: str):
    if kind in SINGLETONS:
        return singleton(dossier, kind)
    if kind == "article":
        return dossier.catalogue[ident]
    return locate(dossier, kind, ident)[0]


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
        return Insert(edit.kind, parent_id, collection, index, obj, edit.label)
    if isinstance(edit, PutArticle):
        old = dossier.catalogue.get(edit.article_id)
        if edit.item is None:
            dossier.catalogue.pop(edit.article_id, None)
        else:
            dossier.catalogue[edit.article_id] = edit.item
        return PutArticle(edit.article_id, old, edit.label)
    if isinstance(edit, Batch):
        inverses = [apply(dossier, e) for e in edit.edits]
        return Batch(tuple(reversed(inverses)), edit.label)
    raise EditError(f"modification inconnue : {edit!r}")


# --- building common edits --------------------------------------------------------------------


def copy_with_new_ids(obj: School | Classroom | Line):
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
    edits: list = []
    for classroom in school.classes:
        if classroom.id == source.id:
            continue
        edits += [Remove("ligne", line.id) for line in classroom.lignes]
        edits += [
            Insert("ligne", classroom.id, "lignes", i, copy_with_new_ids(line))
            for i, line in enumerate(source.lignes)
        ]
    return Batch(tuple(edits), "Appliquer à toutes les classes")
