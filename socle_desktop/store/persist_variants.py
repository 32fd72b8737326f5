"""The variant edits written as rows of ``variantes`` and ``lignes`` (see persist.py).

Every line row names its variant (``variante_id``): deleting a variant deletes its lines by
the foreign key's cascade, and the lines of a variant not current are written by the place
they go, like those of the schools and classes.
"""

from __future__ import annotations

from sqlite_utils import Database

from socle_desktop.domain import edits
from socle_desktop.domain.model import Line, LineKey
from socle_desktop.store import rows as R
from socle_desktop.store.persist import Mismatch


def write_variant_edit(db: Database, edit: edits.Edit) -> None:
    if isinstance(edit, edits.AddVariant):
        _add(db, edit)
    elif isinstance(edit, edits.RemoveVariant):
        _remove(db, edit.id)
    elif isinstance(edit, edits.RetainVariant):
        db.execute("UPDATE variantes SET retenue = 0 WHERE retenue = 1")
        if db.execute("UPDATE variantes SET retenue = 1 WHERE id = ?", [edit.id]).rowcount != 1:
            raise Mismatch(f"variante {edit.id!r} absente du fichier")
    elif isinstance(edit, edits.SetVariantLines):
        _set_lines(db, edit.variant_id, edit.key, list(edit.lines))
    else:
        raise Mismatch(f"modification inconnue : {edit!r}")


def _class_schools(db: Database) -> dict[str, str]:
    return dict(db.execute("SELECT id, ecole_id FROM classes").fetchall())


def _add(db: Database, edit: edits.AddVariant) -> None:
    db.execute("UPDATE variantes SET position = position + 1 WHERE position >= ?", [edit.index])
    rows = R.Rows(edit.variante.id)
    rows.add("variantes", R.variant_row(edit.variante, edit.index, retained=False))
    school_of = _class_schools(db)
    schools = {row[0] for row in db.execute("SELECT id FROM ecoles")}
    for owner, _collection in edit.variante.lignes:
        if owner not in school_of and owner not in schools:
            raise Mismatch(f"école ou classe {owner!r} absente du fichier")
    rows.aside(edit.variante, school_of)
    rows.write(db)


def _remove(db: Database, variant_id: str) -> None:
    row = db.execute(
        "SELECT position, retenue FROM variantes WHERE id = ?", [variant_id]
    ).fetchone()
    if row is None:
        raise Mismatch(f"variante {variant_id!r} absente du fichier")
    if row[1]:
        raise Mismatch(f"variante {variant_id!r} retenue : elle ne peut être supprimée")
    db.execute("DELETE FROM variantes WHERE id = ?", [variant_id])  # its lines: ON DELETE CASCADE
    db.execute("UPDATE variantes SET position = position - 1 WHERE position > ?", [row[0]])


def _set_lines(db: Database, variant_id: str, key: LineKey, lines: list[Line]) -> None:
    owner, collection = key
    if db.execute("SELECT 1 FROM variantes WHERE id = ?", [variant_id]).fetchone() is None:
        raise Mismatch(f"variante {variant_id!r} absente du fichier")
    found = db.execute("SELECT ecole_id FROM classes WHERE id = ?", [owner]).fetchone()
    if found is not None:
        school_id, class_id = found[0], owner
        db.execute(
            "DELETE FROM lignes WHERE variante_id = ? AND classe_id = ?", [variant_id, owner]
        )
    else:
        if db.execute("SELECT 1 FROM ecoles WHERE id = ?", [owner]).fetchone() is None:
            raise Mismatch(f"école ou classe {owner!r} absente du fichier")
        school_id, class_id = owner, None
        volet, niveau = R.LINE_LISTS[collection]
        db.execute(
            "DELETE FROM lignes WHERE variante_id = ? AND ecole_id = ? AND "
            "classe_id IS NULL AND volet = ? AND niveau = ?",
            [variant_id, owner, volet, niveau],
        )
    rows = R.Rows(variant_id)
    rows.lines(lines, school_id, class_id, collection)
    rows.write(db)
