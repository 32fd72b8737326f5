"""Each edit of ``socle_desktop.domain.edits`` written as the few rows it touches.

The caller has already applied the edit to the dossier in memory and runs these functions inside
one transaction; an edit naming something the file does not hold raises ``Mismatch`` (the
transaction is then rolled back, so the file never holds half an edit). Lines an edit inserts
belong to the current variant (``variant_id``); the variant edits name theirs.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from socle_desktop.domain import edits
from socle_desktop.domain.model import Classroom, Commune, Existant, School
from socle_desktop.store import rows as R

# kind -> (table, key column, {model field: column}); the singletons are the row with id 1.
COLUMNS = {
    "porteur": ("porteur", {"type": "type", "nom": "nom", "siren": "siren"}),
    "contact": ("porteur", {name: f"contact_{name}" for name in R.CONTACT_FIELDS}),
    "parametres": ("parametres", {name: name for name in R.PARAMETRES_FIELDS}),
    "commune": ("communes", {"insee": "insee", "nom": "nom"}),
    "ecole": ("ecoles", {name: name for name in ("nom", "uai", "commune", "secteur", "eleves")}),
    "classe": ("classes", {"nom": "nom", "niveaux": "niveaux", "eleves": "eleves"}),
    "ligne": (
        "lignes",
        {name: name for name in ("article", "libelle", "quantite", "prix_unitaire")},
    ),
    "article": (
        "catalogue",
        {
            name: name
            for name in (
                "libelle",
                "categorie",
                "niveau",
                "volet",
                "prix_unitaire",
                "taux_tva",
                "subventionnable",
                "unite",
                "places",
            )
        },
    ),
    "variante": ("variantes", {"nom": "nom"}),
}
INTEGER_COLUMNS = {"eleves", "quantite", "places"}


class Mismatch(Exception):
    """The edit does not fit the file (a bug: the file and the dossier in memory disagree)."""


def write_edit(db: Database, edit: edits.Edit, variant_id: str) -> None:
    """Write ``edit``; ``variant_id``: the current variant, whose lines are in the schools."""
    if isinstance(edit, edits.SetField):
        _set_field(db, edit, variant_id)
    elif isinstance(edit, edits.Insert):
        _insert(db, edit, variant_id)
    elif isinstance(edit, edits.Remove):
        _remove(db, edit)
    elif isinstance(edit, edits.PutArticle):
        _put_article(db, edit)
    elif isinstance(edit, edits.VARIANT_EDITS):
        from socle_desktop.store.persist_variants import write_variant_edit

        write_variant_edit(db, edit)
    elif isinstance(edit, edits.Batch):
        for part in edit.edits:
            write_edit(db, part, variant_id)
    else:
        raise Mismatch(f"modification inconnue : {edit!r}")


def _update(db: Database, table: str, key: str | int, values: dict[str, Any]) -> None:
    assignments = ", ".join(f"{column} = ?" for column in values)
    cursor = db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), key])
    if cursor.rowcount != 1:
        raise Mismatch(f"{table} {key!r} absent du fichier")


# --- SetField ---------------------------------------------------------------------------------


def _set_field(db: Database, edit: edits.SetField, variant_id: str) -> None:
    kind, field, value = edit.kind, edit.field, edit.value
    key = 1 if kind in edits.SINGLETONS else edit.id
    if kind == "porteur" and field == "contact":
        _update(db, "porteur", 1, {f"contact_{n}": getattr(value, n) for n in R.CONTACT_FIELDS})
    elif kind == "parametres" and field == "fctva":
        db.execute(
            "INSERT OR REPLACE INTO meta (cle, valeur) VALUES (?, ?)",
            [R.FCTVA_KEY, R.fctva_row(bool(value))["valeur"]],
        )
    elif kind == "ecole" and field == "existant":
        _existant(db, edit.id, value)
    elif field in ("classes", "lignes", "services"):
        _replace_children(db, kind, edit.id, field, value, variant_id)
    elif kind in COLUMNS and field in COLUMNS[kind][1]:
        table, columns = COLUMNS[kind]
        column = columns[field]
        encoded = R.encode(value)
        if column in INTEGER_COLUMNS:
            encoded = int(encoded)
        _update(db, table, key, {column: encoded})
    else:
        raise Mismatch(f"champ non enregistrable : {kind}.{field}")


def _existant(db: Database, school_id: str, existant: dict[str, Existant]) -> None:
    db.execute("DELETE FROM existant WHERE ecole_id = ?", [school_id])
    for element, etat in existant.items():
        db.execute(
            "INSERT INTO existant (ecole_id, element, etat) VALUES (?, ?, ?)",
            [school_id, element, R.encode(etat)],
        )


def _replace_children(
    db: Database, kind: str, parent_id: str, field: str, items: list[Any], variant_id: str
) -> None:
    """A whole list set at once (rare): its rows are deleted and written again."""
    rows = R.Rows(variant_id)
    if kind == "ecole" and field == "classes":
        db.execute("DELETE FROM classes WHERE ecole_id = ?", [parent_id])
        for i, classroom in enumerate(items):
            rows.classroom(classroom, parent_id, i)
    elif kind == "ecole" and field in ("lignes", "services"):
        volet, niveau = R.LINE_LISTS[field]
        db.execute(
            "DELETE FROM lignes WHERE ecole_id = ? AND volet = ? AND niveau = ? AND "
            "variante_id = ?",
            [parent_id, volet, niveau, variant_id],
        )
        rows.lines(items, parent_id, None, field)
    elif kind == "classe" and field == "lignes":
        school_id = _class_school(db, parent_id)
        db.execute(
            "DELETE FROM lignes WHERE classe_id = ? AND variante_id = ?", [parent_id, variant_id]
        )
        rows.lines(items, school_id, parent_id, "lignes")
    else:
        raise Mismatch(f"liste non enregistrable : {kind}.{field}")
    rows.write(db)


# --- Insert and Remove ------------------------------------------------------------------------


def _class_school(db: Database, class_id: str) -> str:
    row = db.execute("SELECT ecole_id FROM classes WHERE id = ?", [class_id]).fetchone()
    if row is None:
        raise Mismatch(f"classe {class_id!r} absente du fichier")
    return str(row[0])


def _siblings(
    db: Database, kind: str, parent_id: str, collection: str, variant_id: str
) -> tuple[str, str, list[str]]:
    """(table, WHERE clause, parameters) naming the list an entity belongs to."""
    if kind == "commune":
        return "communes", "1", []
    if kind == "ecole":
        return "ecoles", "1", []
    if kind == "classe":
        return "classes", "ecole_id = ?", [parent_id]
    if kind == "ligne":
        row = db.execute("SELECT 1 FROM classes WHERE id = ?", [parent_id]).fetchone()
        if row is not None:
            return "lignes", "classe_id = ? AND variante_id = ?", [parent_id, variant_id]
        volet, niveau = R.LINE_LISTS[collection]
        return (
            "lignes",
            "ecole_id = ? AND volet = ? AND niveau = ? AND variante_id = ?",
            [parent_id, volet, niveau, variant_id],
        )
    raise Mismatch(f"type d'élément inconnu : {kind}")


def _shift(db: Database, table: str, where: str, params: list[str], start: int, by: int) -> None:
    db.execute(
        f"UPDATE {table} SET position = position + ? WHERE {where} AND position >= ?",
        [by, *params, start],
    )


def _insert(db: Database, edit: edits.Insert, variant_id: str) -> None:
    table, where, params = _siblings(db, edit.kind, edit.parent_id, edit.collection, variant_id)
    _shift(db, table, where, params, edit.index, +1)
    rows, obj = R.Rows(variant_id), edit.obj
    if edit.kind == "commune" and isinstance(obj, Commune):
        rows.add("communes", R.commune_row(obj, edit.index))
    elif edit.kind == "ecole" and isinstance(obj, School):
        rows.school(obj, edit.index)
    elif edit.kind == "classe" and isinstance(obj, Classroom):
        if db.execute("SELECT 1 FROM ecoles WHERE id = ?", [edit.parent_id]).fetchone() is None:
            raise Mismatch(f"école {edit.parent_id!r} absente du fichier")
        rows.classroom(obj, edit.parent_id, edit.index)
    elif edit.kind == "ligne":
        if table == "lignes" and where.startswith("classe_id"):
            rows.lines(
                [obj], _class_school(db, edit.parent_id), edit.parent_id, "lignes", edit.index
            )
        else:
            rows.lines([obj], edit.parent_id, None, edit.collection, edit.index)
    else:
        raise Mismatch(f"insertion incohérente : {edit.kind} {type(obj).__name__}")
    rows.write(db)


_LOCATE = {
    "commune": ("communes", "SELECT position FROM communes WHERE id = ?"),
    "ecole": ("ecoles", "SELECT position FROM ecoles WHERE id = ?"),
    "classe": ("classes", "SELECT position, ecole_id FROM classes WHERE id = ?"),
    "ligne": (
        "lignes",
        "SELECT position, ecole_id, classe_id, volet, niveau, variante_id FROM lignes WHERE id = ?",
    ),
}


def _remove(db: Database, edit: edits.Remove) -> None:
    if edit.kind not in _LOCATE:
        raise Mismatch(f"type d'élément inconnu : {edit.kind}")
    table, query = _LOCATE[edit.kind]
    row = db.execute(query, [edit.id]).fetchone()
    if row is None:
        raise Mismatch(f"{edit.kind} {edit.id!r} absent du fichier")
    db.execute(f"DELETE FROM {table} WHERE id = ?", [edit.id])  # children: ON DELETE CASCADE
    position = row[0]
    if edit.kind in ("commune", "ecole"):
        where, params = "1", []
    elif edit.kind == "classe":
        where, params = "ecole_id = ?", [row[1]]
    elif row[2] is not None:
        where, params = "classe_id = ? AND variante_id = ?", [row[2], row[5]]
    else:
        where, params = (
            "ecole_id = ? AND volet = ? AND niveau = ? AND variante_id = ?",
            [row[1], row[3], row[4], row[5]],
        )
    _shift(db, table, where, params, position + 1, -1)


# --- the dossier's catalogue ------------------------------------------------------------------


def _put_article(db: Database, edit: edits.PutArticle) -> None:
    if edit.item is None:
        db.execute("DELETE FROM catalogue WHERE id = ?", [edit.article_id])
        return
    row = db.execute("SELECT position FROM catalogue WHERE id = ?", [edit.article_id]).fetchone()
    if row is None:  # a new key goes last, as in the dict
        row = db.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM catalogue").fetchone()
    values = R.article_row(edit.article_id, edit.item, row[0])
    db.execute(
        f"INSERT OR REPLACE INTO catalogue ({', '.join(values)}) VALUES "
        f"({', '.join('?' for _ in values)})",
        list(values.values()),
    )
