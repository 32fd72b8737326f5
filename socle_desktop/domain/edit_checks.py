"""An edit is checked before it touches the dossier: its values by ``validation`` (the check the
JSON import and the store apply), and the relations it could break (a UAI twice, a school whose
commune is not in the dossier). So whatever the window saves, ``export-json`` → ``import-json``
gives back. Only the edited values are checked: a keystroke stays cheap on a big dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from socle_desktop.domain import edits
from socle_desktop.domain.limits import MAX_VARIANTS
from socle_desktop.domain.model import Dossier, School
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.validation import (
    FIELDS,
    InvalidValue,
    check_article,
    check_aside_lines,
    check_classroom,
    check_commune,
    check_contact,
    check_field,
    check_line,
    check_school,
    check_variant_name,
    line_places,
)

Check = Callable[[Any], None]
_ENTITY_CHECKS: dict[str, Check] = {
    "commune": check_commune,
    "ecole": check_school,
    "classe": check_classroom,
    "ligne": check_line,
}
_LIST_CHECKS: dict[str, Check] = {
    "classes": check_classroom,
    "lignes": check_line,
    "services": check_line,
}


def apply_checked(dossier: Dossier, edit: edits.Edit) -> edits.Edit:
    """Check ``edit`` then apply it in place; return its inverse. ``InvalidValue`` (French)
    leaves the dossier as it was: the parts of a batch are checked one after the other, each
    against the dossier the previous ones made, and undone if a later one is refused."""
    if isinstance(edit, edits.Batch):
        inverses: list[edits.Edit] = []
        try:
            for part in edit.edits:
                inverses.append(apply_checked(dossier, part))
        except BaseException:
            for inverse in reversed(inverses):
                edits.apply(dossier, inverse)
            raise
        return edits.Batch(tuple(reversed(inverses)), edit.label)
    check_edit(dossier, edit)
    return edits.apply(dossier, edit)


def check_edit(dossier: Dossier, edit: edits.Edit) -> None:
    """Refuse (``InvalidValue``) one edit (not a batch) whose values or relations the dossier,
    as it is now, cannot hold."""
    if isinstance(edit, edits.SetField):
        _check_set_field(dossier, edit)
    elif isinstance(edit, edits.Insert):
        _check_insert(dossier, edit)
    elif isinstance(edit, edits.Remove):
        if edit.kind == "commune":
            commune = edits.find(dossier, "commune", edit.id)
            _no_school_in(dossier, commune.insee)
    elif isinstance(edit, edits.PutArticle):
        if edit.item is not None:
            check_article(edit.item)
            if edit.item.id != edit.article_id:
                raise InvalidValue("l'article ne porte pas son identifiant", "id")
    elif isinstance(edit, edits.VARIANT_EDITS):
        _check_variant_edit(dossier, edit)
    elif isinstance(edit, edits.Batch):
        raise TypeError("a batch is checked part by part as it is applied: apply_checked()")


def _check_set_field(dossier: Dossier, edit: edits.SetField) -> None:
    kind, field, value = edit.kind, edit.field, edit.value
    if kind == "variante":
        edits.variant(dossier, edit.id)
        if field != "nom":
            raise InvalidValue(f"champ inconnu : variante.{field}", field)
        check_variant_name(dossier, value, edit.id)
        return
    if kind == "porteur" and field == "contact":
        check_contact(value)
        return
    if field in _LIST_CHECKS and field not in FIELDS.get(kind, {}):
        for item in value:
            _LIST_CHECKS[field](item)
        return
    check_field(kind, field, value)
    if kind == "ecole" and field in ("uai", "commune"):
        school = edits.find(dossier, "ecole", edit.id)
        _school_relations(
            dossier,
            value if field == "uai" else school.uai,
            value if field == "commune" else school.commune,
            school,
        )
    elif kind == "commune" and field == "insee":
        commune = edits.find(dossier, "commune", edit.id)
        if value != commune.insee:
            _new_insee(dossier, value)
            _no_school_in(dossier, commune.insee)


def _check_insert(dossier: Dossier, edit: edits.Insert) -> None:
    check = _ENTITY_CHECKS.get(edit.kind)
    if check is None:
        raise InvalidValue(f"élément inconnu : {edit.kind}")
    check(edit.obj)
    if edit.kind == "ecole":
        _school_relations(dossier, edit.obj.uai, edit.obj.commune, None)
    elif edit.kind == "commune":
        _new_insee(dossier, edit.obj.insee)


def _school_relations(dossier: Dossier, uai: str, commune: str, school: School | None) -> None:
    if uai:
        other = next((s for s in dossier.ecoles if s.uai == uai and s is not school), None)
        if other is not None:
            raise InvalidValue(
                f"l'UAI {uai} est déjà celle de l'école « {other.nom or 'sans nom'} »", "uai"
            )
    if commune and dossier.commune(commune) is None:
        raise InvalidValue(
            f"la commune {commune} n'est pas dans la liste des communes du dossier", "commune"
        )


def _new_insee(dossier: Dossier, insee: Any) -> None:
    if dossier.commune(insee) is not None:
        raise InvalidValue(f"la commune {insee} est déjà dans la liste", "insee")


def _no_school_in(dossier: Dossier, insee: str) -> None:
    schools = dossier.schools_of(insee)
    if schools:
        names = ", ".join(s.nom or s.uai or "sans nom" for s in schools[:3])
        raise InvalidValue(
            f"la commune {insee} est celle de {plural(len(schools), 'école')} "
            f"({names}) : changez d'abord leur commune"
        )


def _check_variant_edit(dossier: Dossier, edit: edits.Edit) -> None:
    """The refusals a user can meet (French): a name taken, too many variants, the last one or
    the retained one deleted; and lines placed where the dossier has no school or class."""
    if isinstance(edit, edits.AddVariant):
        if len(dossier.variantes) >= MAX_VARIANTS:
            raise InvalidValue(
                f"le dossier a déjà {MAX_VARIANTS} variantes, le plus possible : "
                "supprimez-en une d'abord"
            )
        check_variant_name(dossier, edit.variante.nom)
        places = line_places(dossier)
        for key, lines in edit.variante.lignes.items():
            check_aside_lines(places, key, lines)
        return
    if isinstance(edit, edits.SetVariantLines):
        edits.variant(dossier, edit.variant_id)
        check_aside_lines(line_places(dossier), edit.key, edit.lines)
        return
    if not isinstance(edit, (edits.RemoveVariant, edits.RetainVariant)):
        return
    variant = edits.variant(dossier, edit.id)
    if isinstance(edit, edits.RemoveVariant):
        if len(dossier.variantes) == 1:
            raise InvalidValue(
                f"« {variant.nom} » est la seule variante du dossier : elle ne "
                "peut pas être supprimée"
            )
        if variant.id == dossier.retenue:
            raise InvalidValue(
                f"« {variant.nom} » est la variante retenue : retenez-en d'abord "
                "une autre, puis supprimez-la"
            )
