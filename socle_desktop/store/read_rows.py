"""A dossier read back from the rows of its file, every cell checked on the way.

A file may come from anyone (mailed, on a USB stick, edited with the sqlite3 shell): each cell is
checked for its type (a blob or a text that is not UTF-8 where a name belongs, « beaucoup » in a
quantity, « NaN » in a price) and then by ``validation``, the check the window and ``import-json``
apply. The first problem raises ``DamagedRow``, a French message naming the table and the row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from socle_desktop.domain.model import (
    CatalogueItem,
    Classroom,
    Commune,
    Contact,
    Dossier,
    Existant,
    Line,
    Parametres,
    Porteur,
    PorteurType,
    School,
    Secteur,
    Variante,
)
from socle_desktop.domain.money import AmountError, parse_amount
from socle_desktop.domain.validation import (
    FIELDS,
    ITEM_ID,
    Choice,
    InvalidValue,
    check_article,
    check_classroom,
    check_commune,
    check_contact,
    check_field,
    check_line,
    check_parametres,
    check_relations,
    check_school,
    check_variants,
)

T = TypeVar("T")
V = TypeVar("V")
E = TypeVar("E", bound=Enum)

PARAMETRES_FIELDS = (
    "prix_saisis",
    "taux_tva",
    "plafond_par_classe",
    "base",
    "arrondi",
    "eleves_services",
)
FCTVA_KEY = "parametre_fctva"  # meta key of Parametres.fctva (a display setting: no column)


class DamagedRow(ValueError):
    """A cell or a row the dossier cannot hold; ``str(error)`` is French and names the table,
    the row and the column."""


class _BadText:
    """A TEXT cell whose bytes are not UTF-8 (SQLite would raise without naming the cell)."""

    def __init__(self, data: bytes):
        self.data = data


def _decode(data: bytes) -> str | _BadText:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _BadText(data)


def _where(table: str, rowid: int, ident: Any = None) -> str:
    named = f" (identifiant « {ident} »)" if isinstance(ident, str) and len(ident) <= 40 else ""
    return f"table « {table} », ligne n° {rowid}{named}"


def _describe(value: Any) -> str:
    if value is None:
        return "une valeur vide (NULL)"
    if isinstance(value, _BadText):
        return "un texte qui n'est pas en UTF-8"
    if isinstance(value, bytes):
        return "des données binaires"
    if isinstance(value, float):
        return f"le nombre à virgule {value}"
    if isinstance(value, int):
        return f"le nombre {value}"
    shown = value if len(value) <= 40 else value[:40] + "…"
    return f"le texte « {shown} »"


# --- one cell ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"texte attendu, trouvé {_describe(value)}")
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, int):
        raise ValueError(f"nombre entier attendu, trouvé {_describe(value)}")
    return value


def _amount(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise ValueError(f"montant attendu (texte décimal), trouvé {_describe(value)}")
    try:
        parse_amount(value)
    except AmountError as error:
        raise ValueError(str(error)) from None
    return Decimal(value)  # as written: « 5.5 » stays « 5.5 »


def _flag(value: Any) -> bool:
    if value not in (0, 1) or isinstance(value, float):
        raise ValueError(f"0 ou 1 attendu, trouvé {_describe(value)}")
    return bool(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


CELL = {"text": _text, "int": _integer, "amount": _amount, "flag": _flag, "text?": _optional_text}


def _rows(
    conn: sqlite3.Connection, table: str, columns: dict[str, str], order: str = "rowid"
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each row of ``table`` as (where, {column: checked value})."""
    sql = f"SELECT rowid, {', '.join(columns)} FROM {table} ORDER BY {order}"
    seen: set[Any] = set()
    for raw in conn.execute(sql):
        rowid, values = raw[0], raw[1:]
        where = _where(table, rowid, values[0] if "id" in columns else None)
        if "id" in columns:  # a file edited by hand may have lost its primary keys
            if values[0] in seen:
                raise DamagedRow(f"{where} : identifiant en double")
            seen.add(values[0])
        row: dict[str, Any] = {}
        for (name, kind), value in zip(columns.items(), values, strict=True):
            try:
                row[name] = CELL[kind](value)
            except ValueError as error:
                raise DamagedRow(f"{where}, colonne « {name} » : {error}") from None
        yield where, row


def _checked(
    where: str, check: Callable[[Any], None], obj: T, columns: dict[str, str] | None = None
) -> T:
    """``obj`` once ``validation`` accepts it, else DamagedRow naming the column."""
    try:
        check(obj)
    except InvalidValue as error:
        column = (columns or {}).get(error.field, error.field)
        raise DamagedRow(f"{where}, colonne « {column} » : {error.message}") from None
    return obj


def _field_check(kind: str, field: str) -> Callable[[Any], None]:
    return lambda value: check_field(kind, field, value)


def _choice(where: str, kind: str, field: str, value: str, enum: type[E]) -> E:
    _checked(where, _field_check(kind, field), value, {field: field})
    return enum(value)


# --- the tables -------------------------------------------------------------------------------


def read_campaign_row(conn: sqlite3.Connection) -> tuple[str, str, str] | None:
    """(identifiant, regles_toml, origine) of the ``campagne`` table, or None if it is empty."""
    with _decoding(conn):
        for _, row in _rows(
            conn, "campagne", {"identifiant": "text", "regles_toml": "text", "origine": "text"}
        ):
            return row["identifiant"], row["regles_toml"], row["origine"]
    return None


class _decoding:
    """Text cells decoded by us for the time of a read, so that a bad one can be named."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.before = self.conn.text_factory
        self.conn.text_factory = _decode

    def __exit__(self, *exc: object) -> None:
        self.conn.text_factory = self.before


def read_dossier_rows(conn: sqlite3.Connection, campagne: str) -> Dossier:
    """The whole dossier from an open connection (a plain ``sqlite3`` one is enough)."""
    with _decoding(conn):
        dossier = Dossier(campagne=campagne)
        dossier.parametres = _parametres(conn)
        fctva = conn.execute("SELECT valeur FROM meta WHERE cle = ?", [FCTVA_KEY]).fetchone()
        dossier.parametres.fctva = fctva is not None and fctva[0] == "1"
        dossier.porteur = _porteur(conn)
        where_of: dict[str, str] = {}
        for where, row in _rows(
            conn, "communes", {"id": "text", "insee": "text", "nom": "text"}, "position, rowid"
        ):
            commune = _checked(where, check_commune, Commune(row["insee"], row["nom"], row["id"]))
            dossier.communes.append(commune)
            where_of[commune.id] = where
        _variants(conn, dossier, where_of)
        dossier.ecoles = _schools(conn, where_of, dossier)
        dossier.catalogue = _catalogue(conn)
        try:
            check_relations(dossier)
        except InvalidValue as error:
            raise DamagedRow(
                f"{_relation_where(dossier, error.field, where_of)} : {error.message}"
            ) from None
        try:
            check_variants(dossier)
        except InvalidValue as error:
            raise DamagedRow(
                f"{_variant_where(dossier, error.field, where_of)} : {error.message}"
            ) from None
        return dossier


def _variants(conn: sqlite3.Connection, dossier: Dossier, where_of: dict[str, str]) -> None:
    """The variants, in order; the retained one is current (its lines go in the schools)."""
    variants, retained = [], []
    columns = {"id": "text", "nom": "text", "retenue": "flag"}
    for where, row in _rows(conn, "variantes", columns, "position, rowid"):
        variant = Variante(row["nom"], row["id"])
        _checked(where, lambda v: check_field("variante", "nom", v), variant.nom, {"nom": "nom"})
        variants.append(variant)
        where_of[variant.id] = where
        if row["retenue"]:
            retained.append(variant)
    if not variants:
        raise DamagedRow("table « variantes » : aucune variante (il en faut une au moins)")
    if len(retained) != 1:
        raise DamagedRow(
            f"table « variantes » : {len(retained)} variantes retenues, il en faut "
            "une et une seule (colonne « retenue »)"
        )
    dossier.variantes = variants
    dossier.courante = dossier.retenue = retained[0].id


def _variant_where(dossier: Dossier, path: str, where_of: dict[str, str]) -> str:
    """« variantes[1] » -> where that variant's row is."""
    head = path.partition(".")[0]
    if head.startswith("variantes[") and head.endswith("]"):
        variant = dossier.variantes[int(head[len("variantes[") : -1])]
        return f"{where_of[variant.id]}, colonne « nom »"
    return "table « variantes »"


def _relation_where(dossier: Dossier, path: str, where_of: dict[str, str]) -> str:
    """« communes[1].insee » -> where that commune's row is, and its column."""
    head, _dot, column = path.partition(".")
    name, _bracket, index = head.partition("[")
    items = dossier.communes if name == "communes" else dossier.ecoles
    obj = items[int(index.rstrip("]"))]
    return f"{where_of[obj.id]}, colonne « {column} »"


def _parametres(conn: sqlite3.Connection) -> Parametres:
    columns = {name: "amount" if name == "taux_tva" else "text" for name in PARAMETRES_FIELDS}
    for where, row in _rows(conn, "parametres", columns):
        return _checked(where, check_parametres, Parametres(**row))
    return Parametres()


def _porteur(conn: sqlite3.Connection) -> Porteur:
    columns = {
        "type": "text",
        "nom": "text",
        "siren": "text",
        "contact_nom": "text",
        "contact_fonction": "text",
        "contact_telephone": "text",
        "contact_courriel": "text",
    }
    for where, row in _rows(conn, "porteur", columns):
        kind = _choice(where, "porteur", "type", row["type"], PorteurType)
        for field in ("nom", "siren"):
            _checked(where, _field_check("porteur", field), row[field], {field: field})
        contact = Contact(
            row["contact_nom"],
            row["contact_fonction"],
            row["contact_telephone"],
            row["contact_courriel"],
        )
        _checked(where, check_contact, contact, {f: f"contact_{f}" for f in FIELDS["contact"]})
        return Porteur(kind, row["nom"], row["siren"], contact)
    return Porteur()


def _schools(conn: sqlite3.Connection, where_of: dict[str, str], dossier: Dossier) -> list[School]:
    schools: dict[str, School] = {}
    columns = {
        "id": "text",
        "nom": "text",
        "uai": "text",
        "commune": "text",
        "secteur": "text",
        "eleves": "int",
    }
    for where, row in _rows(conn, "ecoles", columns, "position, rowid"):
        secteur = _choice(where, "ecole", "secteur", row["secteur"], Secteur)
        school = School(
            row["nom"], row["uai"], row["commune"], secteur, row["eleves"], id=row["id"]
        )
        schools[school.id] = _checked(where, check_school, school)
        where_of[school.id] = where
    for where, row in _rows(
        conn, "existant", {"ecole_id": "text", "element": "text", "etat": "text"}
    ):
        school = _parent(where, schools, row["ecole_id"], "ecole_id", "l'école")
        _checked(where, ITEM_ID.check, row["element"], {"": "element"})
        states = tuple(e.value for e in Existant)
        _checked(
            where,
            Choice(f"l'état de « {row['element']} »", states).check,
            row["etat"],
            {"": "etat"},
        )
        school.existant[row["element"]] = Existant(row["etat"])
    classes = _classes(conn, schools)
    _lines(conn, schools, classes, dossier)
    return list(schools.values())


def _parent(where: str, items: dict[str, V], ident: Any, column: str, what: str) -> V:
    if ident not in items:
        raise DamagedRow(
            f"{where}, colonne « {column} » : {what} « {str(ident)[:40]} » "
            "n'existe pas dans le fichier"
        )
    return items[ident]


def _classes(
    conn: sqlite3.Connection, schools: dict[str, School]
) -> dict[str, tuple[str, Classroom]]:
    classes: dict[str, tuple[str, Classroom]] = {}
    columns = {"id": "text", "ecole_id": "text", "nom": "text", "niveaux": "text", "eleves": "int"}
    for where, row in _rows(conn, "classes", columns, "ecole_id, position, rowid"):
        school = _parent(where, schools, row["ecole_id"], "ecole_id", "l'école")
        classroom = Classroom(
            row["nom"],
            row["niveaux"].split(" ") if row["niveaux"] else [],
            row["eleves"],
            id=row["id"],
        )
        _checked(where, check_classroom, classroom)
        classes[classroom.id] = (where, classroom)
        school.classes.append(classroom)
    return classes


# Where a line goes, by its (niveau, volet) columns.
_LINE_PLACES = {
    ("classe", "equipement"): "classe",
    ("ecole", "equipement"): "lignes",
    ("ecole", "services"): "services",
}


def _lines(
    conn: sqlite3.Connection,
    schools: dict[str, School],
    classes: dict[str, tuple[str, Classroom]],
    dossier: Dossier,
) -> None:
    """Each line where its variant keeps it: the current one's in the schools and classes, the
    others' aside, by place."""
    columns = {
        "id": "text",
        "variante_id": "text",
        "ecole_id": "text",
        "classe_id": "text?",
        "volet": "text",
        "niveau": "text",
        "article": "text",
        "libelle": "text",
        "quantite": "int",
        "prix_unitaire": "amount",
    }
    variants = {v.id: v for v in dossier.variantes}
    order = "ecole_id, classe_id, variante_id, position, rowid"
    for where, row in _rows(conn, "lignes", columns, order):
        variant = _parent(where, variants, row["variante_id"], "variante_id", "la variante")
        school = _parent(where, schools, row["ecole_id"], "ecole_id", "l'école")
        place = _LINE_PLACES.get((row["niveau"], row["volet"]))
        if place is None or (place == "classe") != (row["classe_id"] is not None):
            raise DamagedRow(
                f"{where}, colonnes « niveau », « volet » et « classe_id » : combinaison impossible"
            )
        line = _checked(
            where,
            check_line,
            Line(
                row["article"], row["libelle"], row["quantite"], row["prix_unitaire"], id=row["id"]
            ),
        )
        if place == "classe":
            _class_where, classroom = _parent(
                where, classes, row["classe_id"], "classe_id", "la classe"
            )
            if not any(c is classroom for c in school.classes):
                raise DamagedRow(
                    f"{where}, colonne « classe_id » : la classe n'est pas une "
                    "classe de l'école de la ligne"
                )
            key = (classroom.id, "lignes")
        else:
            key = (school.id, place)
        if variant.id == dossier.courante:
            (classroom.lignes if place == "classe" else getattr(school, place)).append(line)
        else:
            variant.lignes.setdefault(key, []).append(line)


def _catalogue(conn: sqlite3.Connection) -> dict[str, CatalogueItem]:
    columns = {
        "id": "text",
        "libelle": "text",
        "categorie": "text",
        "niveau": "text",
        "volet": "text",
        "prix_unitaire": "amount",
        "taux_tva": "amount",
        "subventionnable": "flag",
        "unite": "text",
        "places": "int",
    }
    items: dict[str, CatalogueItem] = {}
    for where, row in _rows(conn, "catalogue", columns, "position, rowid"):
        item = _checked(where, check_article, CatalogueItem(**row))
        if item.id in items:
            raise DamagedRow(
                f"{where}, colonne « id » : l'article « {item.id[:40]} » est en double"
            )
        items[item.id] = item
    return items
