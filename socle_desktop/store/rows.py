"""A dossier as rows of the tables of schema.py, and back.

Writing functions take a sqlite-utils ``Database`` and run inside the caller's transaction.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from sqlite_utils import Database

from socle_desktop.domain.model import (
    CatalogueItem,
    Classroom,
    Commune,
    Dossier,
    Line,
    Parametres,
    Porteur,
    School,
    Variante,
)
from socle_desktop.store.read_rows import FCTVA_KEY, PARAMETRES_FIELDS, read_dossier_rows

Row = dict[str, Any]  # one row to insert: column -> value

CONTACT_FIELDS = ("nom", "fonction", "telephone", "courriel")
# Where a line collection lives: (volet, niveau) of its rows.
LINE_LISTS = {
    "classe": ("equipement", "classe"),
    "lignes": ("equipement", "ecole"),
    "services": ("services", "ecole"),
}


def encode(value: Any) -> Any:
    """A model value as a column value: exact decimal text, enum values, 0/1, levels as text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return " ".join(str(item) for item in value)
    return value


# --- rows of each entity ----------------------------------------------------------------------


def parametres_row(p: Parametres) -> Row:
    return {"id": 1, **{name: encode(getattr(p, name)) for name in PARAMETRES_FIELDS}}


def fctva_row(on: bool) -> Row:
    """A display setting, not a rule: kept in meta, so files without it need no migration."""
    return {"cle": FCTVA_KEY, "valeur": "1" if on else "0"}


def porteur_row(porteur: Porteur) -> Row:
    return {
        "id": 1,
        "type": encode(porteur.type),
        "nom": porteur.nom,
        "siren": porteur.siren,
        **{f"contact_{name}": getattr(porteur.contact, name) for name in CONTACT_FIELDS},
    }


def commune_row(commune: Commune, position: int) -> Row:
    return {"id": commune.id, "position": position, "insee": commune.insee, "nom": commune.nom}


def school_row(school: School, position: int) -> Row:
    return {
        "id": school.id,
        "position": position,
        "nom": school.nom,
        "uai": school.uai,
        "commune": school.commune,
        "secteur": encode(school.secteur),
        "eleves": int(school.eleves),
    }


def class_row(classroom: Classroom, school_id: str, position: int) -> Row:
    return {
        "id": classroom.id,
        "ecole_id": school_id,
        "position": position,
        "nom": classroom.nom,
        "niveaux": encode(classroom.niveaux),
        "eleves": int(classroom.eleves),
    }


def line_row(
    line: Line,
    variant_id: str,
    school_id: str,
    class_id: str | None,
    collection: str,
    position: int,
) -> Row:
    volet, niveau = LINE_LISTS["classe" if class_id else collection]
    return {
        "id": line.id,
        "variante_id": variant_id,
        "ecole_id": school_id,
        "classe_id": class_id,
        "volet": volet,
        "niveau": niveau,
        "position": position,
        "article": line.article,
        "libelle": line.libelle,
        "quantite": int(line.quantite),
        "prix_unitaire": encode(line.prix_unitaire),
    }


def article_row(article_id: str, item: CatalogueItem, position: int) -> Row:
    return {
        "id": article_id,
        "position": position,
        "libelle": item.libelle,
        "categorie": item.categorie,
        "niveau": item.niveau,
        "volet": item.volet,
        "prix_unitaire": encode(item.prix_unitaire),
        "taux_tva": encode(item.taux_tva),
        "subventionnable": encode(bool(item.subventionnable)),
        "unite": item.unite,
        "places": int(item.places),
    }


def variant_row(variant: Variante, position: int, retained: bool) -> Row:
    return {"id": variant.id, "position": position, "nom": variant.nom, "retenue": int(retained)}


class Rows:
    """Rows to insert, table by table, gathered from a dossier or a part of it; the lines of
    schools and classes are those of the variant ``variant_id`` (the current one)."""

    def __init__(self, variant_id: str) -> None:
        self.tables: dict[str, list[Row]] = {}
        self.variant_id = variant_id

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)

    def school(self, school: School, position: int) -> None:
        self.add("ecoles", school_row(school, position))
        for element, etat in school.existant.items():
            self.add("existant", {"ecole_id": school.id, "element": element, "etat": encode(etat)})
        for i, classroom in enumerate(school.classes):
            self.classroom(classroom, school.id, i)
        self.lines(school.lignes, school.id, None, "lignes")
        self.lines(school.services, school.id, None, "services")

    def classroom(self, classroom: Classroom, school_id: str, position: int) -> None:
        self.add("classes", class_row(classroom, school_id, position))
        self.lines(classroom.lignes, school_id, classroom.id, "lignes")

    def lines(
        self,
        lines: list[Line],
        school_id: str,
        class_id: str | None,
        collection: str,
        start: int = 0,
    ) -> None:
        for i, line in enumerate(lines, start):
            self.add("lignes", line_row(line, self.variant_id, school_id, class_id, collection, i))

    def aside(self, variant: Variante, school_of: dict[str, str]) -> None:
        """The lines a variant not current keeps aside (``school_of``: class id → school id)."""
        for (owner, collection), lines in variant.lignes.items():
            school_id = school_of.get(owner, owner)
            class_id = owner if owner in school_of else None
            for i, line in enumerate(lines):
                self.add("lignes", line_row(line, variant.id, school_id, class_id, collection, i))

    def write(self, db: Database) -> None:
        # Parents before children, so that the foreign keys hold row by row.
        for table in PARENTS_FIRST:
            if table in self.tables:
                db.table(table).insert_all(self.tables[table], batch_size=500)
        for table, rows in self.tables.items():
            if table not in PARENTS_FIRST:
                db.table(table).insert_all(rows, batch_size=500)


PARENTS_FIRST = ("variantes", "ecoles", "existant", "classes", "lignes")


def class_schools(dossier: Dossier) -> dict[str, str]:
    """Class id → its school's id."""
    return {c.id: s.id for s in dossier.ecoles for c in s.classes}


def dossier_rows(dossier: Dossier) -> Rows:
    rows = Rows(dossier.courante)
    for i, variant in enumerate(dossier.variantes):
        rows.add("variantes", variant_row(variant, i, variant.id == dossier.retenue))
    rows.add("parametres", parametres_row(dossier.parametres))
    rows.add("porteur", porteur_row(dossier.porteur))
    rows.add("meta", fctva_row(dossier.parametres.fctva))
    for i, commune in enumerate(dossier.communes):
        rows.add("communes", commune_row(commune, i))
    for i, school in enumerate(dossier.ecoles):
        rows.school(school, i)
    for i, (article_id, item) in enumerate(dossier.catalogue.items()):
        rows.add("catalogue", article_row(article_id, item, i))
    school_of = class_schools(dossier)
    for variant in dossier.variantes:
        rows.aside(variant, school_of)
    return rows


__all__ = [
    "FCTVA_KEY",
    "PARAMETRES_FIELDS",
    "Rows",
    "dossier_rows",
    "encode",
    "fctva_row",
    "read_dossier_rows",
]
