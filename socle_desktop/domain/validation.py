"""Every value a dossier can hold, checked once: the window, ``import-json``, the open-data import
and the store reading a file all call these functions, so that whatever one accepts the others
accept too (and an export always imports back). Each refusal is French and states its limit.

Limits are those a real dossier needs: texts long enough for any real name, short enough for
the PDF to print (a 500-character label and 250-character names on five lines each, every
field of a dossier at once, were measured to lay out; 40 lines in a cell do not).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from socle_desktop.domain.identifiers import (
    insee_error,
    short,
    siren_error,
    siren_key_ok,
    uai_check_letter_ok,
    uai_error,
    uai_form_ok,
)
from socle_desktop.domain.limits import MAX_VARIANTS
from socle_desktop.domain.model import (
    LEVELS,
    CatalogueItem,
    Classroom,
    Commune,
    Contact,
    Dossier,
    Existant,
    Line,
    LineKey,
    Parametres,
    PorteurType,
    School,
    Secteur,
)
from socle_desktop.domain.money import CENT, amount_fr, group_thousands

__all__ = [  # the identifiers' checks are part of the one validation
    "InvalidValue",
    "check_dossier",
    "check_field",
    "check_relations",
    "insee_error",
    "siren_error",
    "siren_key_ok",
    "uai_check_letter_ok",
    "uai_error",
    "uai_form_ok",
]

# --- the limits -------------------------------------------------------------------------------

MAX_NAME = 250  # a porteur, a commune, a school, a class, a person: the longest real ones ~120
MAX_LABEL = 500  # the libellé of a line or of a catalogue article
MAX_LINES = 5  # lines of a name or a label (the PDF cell must fit on a page)
MAX_FONCTION = 200
MAX_TELEPHONE = 30
MAX_COURRIEL = 254  # RFC 5321
MAX_CODE = 100  # an article id, a socle category, a unit
MAX_QUANTITY = 100_000  # beyond this a quantity is a typing mistake, not a purchase
MAX_SCHOOL_PUPILS = 5_000  # the largest French elementary schools have about 1 000
MAX_CLASS_PUPILS = 100
MAX_PRICE = Decimal("10000000.00")  # per unit: ten times the equipment ceiling of a commune
MAX_RATE = Decimal("100")
MAX_PLACES = 1_000  # devices one charging case or trolley holds (the largest hold 36)
MAX_VARIANT_NAME = 80  # shown in the selector, a column of the comparison and the PDF

# C0 and C1 controls (NUL included) but the line break and the tab, and lone surrogates, which
# no file or PDF can hold.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class InvalidValue(ValueError):
    """A value refused; ``str(error)`` is French (lower case first, no final stop) and says the
    limit; ``field`` names what was checked (a JSON-like path, may be empty)."""

    def __init__(self, message: str, field: str = ""):
        self.message, self.field = message, field
        super().__init__(message)

    def at(self, prefix: str) -> InvalidValue:
        """The same refusal, its field named under ``prefix`` (« ecoles[2] » + « uai »)."""
        field = f"{prefix}.{self.field}" if prefix and self.field else (prefix or self.field)
        return InvalidValue(self.message, field)


# --- kinds of values --------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    what: str  # « le nom de l'école »
    max_length: int = MAX_NAME
    max_lines: int = MAX_LINES
    required: bool = False

    def check(self, value: Any) -> None:
        if not isinstance(value, str):
            raise InvalidValue(f"{self.what} doit être un texte")
        if bad := _FORBIDDEN.search(value):
            raise InvalidValue(
                f"{self.what} contient un caractère invisible interdit (U+{ord(bad.group()):04X})"
            )
        if self.required and not value.strip():
            raise InvalidValue(f"{self.what} ne peut pas être vide")
        if len(value) > self.max_length:
            raise InvalidValue(
                f"{self.what} dépasse la longueur permise : "
                f"{group_thousands(len(value))} caractères, au plus "
                f"{group_thousands(self.max_length)}"
            )
        lines = value.count("\n") + 1
        if lines > self.max_lines:
            raise InvalidValue(
                f"{self.what} tient sur une ligne"
                if self.max_lines == 1
                else f"{self.what} a trop de lignes : {lines}, au plus {self.max_lines}"
            )


@dataclass(frozen=True)
class Code:
    """A SIREN, a UAI or an INSEE code; ``optional``: may stay empty until typed."""

    kind: str  # siren | uai | insee
    optional: bool = True

    def check(self, value: Any) -> None:
        if self.optional and value == "":
            return
        error = {"siren": siren_error, "uai": uai_error, "insee": insee_error}[self.kind](value)
        if error:
            raise InvalidValue(error)


@dataclass(frozen=True)
class Count:
    what: str  # « la quantité »
    maximum: int

    def check(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValue(f"{self.what} doit être un nombre entier")
        if value < 0:
            raise InvalidValue(f"{self.what} : un nombre négatif n'a pas de sens (0 ou plus)")
        if value > self.maximum:
            raise InvalidValue(f"{self.what} ne peut pas dépasser {group_thousands(self.maximum)}")


@dataclass(frozen=True)
class Amount:
    what: str  # « le prix unitaire »
    maximum: Decimal = MAX_PRICE
    unit: str = "€"

    def check(self, value: Any) -> None:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidValue(f"{self.what} doit être un montant exact")
        if value < 0:
            raise InvalidValue(f"{self.what} : un montant négatif n'a pas de sens")
        if value > self.maximum:
            limit = amount_fr(self.maximum) + ("\u00a0€" if self.unit == "€" else "\u00a0%")
            raise InvalidValue(f"{self.what} ne peut pas dépasser {limit}")
        if value != value.quantize(CENT):  # safe: the value is below the maximum
            raise InvalidValue(f"{self.what} a au plus 2 décimales")


@dataclass(frozen=True)
class Choice:
    what: str
    values: tuple[str, ...]

    def check(self, value: Any) -> None:
        if not isinstance(value, str) or str(value) not in self.values:
            shown = value if isinstance(value, str) else repr(value)
            raise InvalidValue(
                f"{self.what} : « {short(shown)} » inconnu (attendu : {', '.join(self.values)})"
            )


@dataclass(frozen=True)
class Levels:
    def check(self, value: Any) -> None:
        if not isinstance(value, list):
            raise InvalidValue("les niveaux de la classe sont une liste")
        for level in value:
            if level not in LEVELS:
                raise InvalidValue(f"niveau « {short(str(level))} » inconnu ({' '.join(LEVELS)})")
        if len(set(value)) != len(value):
            raise InvalidValue("un niveau est coché deux fois")


@dataclass(frozen=True)
class Flag:
    what: str

    def check(self, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidValue(f"{self.what} vaut vrai ou faux")


@dataclass(frozen=True)
class ExistantMap:
    def check(self, value: Any) -> None:
        if not isinstance(value, dict):
            raise InvalidValue("l'existant de l'école est une table élément → état")
        for key, state in value.items():
            ITEM_ID.check(key)
            if not isinstance(state, Existant):
                Choice(f"l'état de « {short(str(key))} »", tuple(e.value for e in Existant)).check(
                    state
                )


ITEM_ID = Text("l'identifiant d'un élément", MAX_CODE, 1, required=True)
_SECTEURS = tuple(s.value for s in Secteur)

# kind -> field -> its check. The kinds are those of domain/edits.py.
FIELDS: dict[str, dict[str, Any]] = {
    "porteur": {
        "type": Choice("le type de porteur", tuple(t.value for t in PorteurType)),
        "nom": Text("le nom du porteur"),
        "siren": Code("siren"),
    },
    "contact": {
        "nom": Text("le nom du contact", max_lines=1),
        "fonction": Text("la fonction du contact", MAX_FONCTION, 1),
        "telephone": Text("le téléphone", MAX_TELEPHONE, 1),
        "courriel": Text("le courriel", MAX_COURRIEL, 1),
    },
    "parametres": {
        "prix_saisis": Choice("la saisie des prix", ("TTC", "HT")),
        "taux_tva": Amount("le taux de TVA", MAX_RATE, "%"),
        "plafond_par_classe": Choice("la portée du plafond par classe", ("ecole", "projet")),
        "base": Choice("la base des montants", ("TTC", "HT")),
        "arrondi": Choice("l'arrondi", ("centime", "euro")),
        "eleves_services": Choice("les élèves comptés", ("ecoles", "cycles_2_3")),
        "fctva": Flag("« reste à charge après FCTVA »"),
    },
    "commune": {
        "insee": Code("insee", optional=False),
        "nom": Text("le nom de la commune", required=True),
    },
    "ecole": {
        "nom": Text("le nom de l'école"),
        "uai": Code("uai"),
        "commune": Code("insee"),  # « » until chosen; else one of the dossier's (relations)
        "secteur": Choice("le secteur", _SECTEURS),
        "eleves": Count("le nombre d'élèves de l'école", MAX_SCHOOL_PUPILS),
        "existant": ExistantMap(),
    },
    "classe": {
        "nom": Text("le nom de la classe", required=True),
        "niveaux": Levels(),
        "eleves": Count("le nombre d'élèves de la classe", MAX_CLASS_PUPILS),
    },
    "ligne": {
        "article": Text("l'article", MAX_CODE, 1, required=True),
        "libelle": Text("le libellé", MAX_LABEL, required=True),
        "quantite": Count("la quantité", MAX_QUANTITY),
        "prix_unitaire": Amount("le prix unitaire"),
    },
    "article": {
        "id": Text("l'identifiant de l'article", MAX_CODE, 1, required=True),
        "libelle": Text("le libellé de l'article", MAX_LABEL, required=True),
        "categorie": Text("la catégorie de l'article", MAX_CODE, 1, required=True),
        "niveau": Choice("le niveau de l'article", ("classe", "ecole")),
        "volet": Choice("le volet de l'article", ("equipement", "services")),
        "prix_unitaire": Amount("le prix de l'article"),
        "taux_tva": Amount("le taux de TVA de l'article", MAX_RATE, "%"),
        "subventionnable": Flag("« subventionnable »"),
        "unite": Text("l'unité de l'article", MAX_CODE, 1),
        "places": Count("les places de recharge de l'article", MAX_PLACES),
    },
    "variante": {
        "nom": Text("le nom de la variante", MAX_VARIANT_NAME, 1, required=True),
    },
}


def check_field(kind: str, field: str, value: Any) -> None:
    """Refuse (``InvalidValue``, ``field`` set) a value the field cannot hold."""
    spec = FIELDS.get(kind, {}).get(field)
    if spec is None:
        raise InvalidValue(f"champ inconnu : {kind}.{field}", field)
    try:
        spec.check(value.value if isinstance(value, PorteurType | Secteur) else value)
    except InvalidValue as error:
        raise InvalidValue(error.message, field) from None


def _check_fields(kind: str, obj: Any, names: Iterable[str]) -> None:
    for name in names:
        check_field(kind, name, getattr(obj, name))


# --- whole entities ---------------------------------------------------------------------------


def check_line(line: Line) -> None:
    _check_fields("ligne", line, ("article", "libelle", "quantite", "prix_unitaire"))


def check_classroom(classroom: Classroom) -> None:
    _check_fields("classe", classroom, ("nom", "niveaux", "eleves"))
    _check_list("lignes", classroom.lignes, check_line)


def check_school(school: School) -> None:
    _check_fields("ecole", school, ("nom", "uai", "commune", "secteur", "eleves", "existant"))
    _check_list("classes", school.classes, check_classroom)
    _check_list("lignes", school.lignes, check_line)
    _check_list("services", school.services, check_line)


def check_commune(commune: Commune) -> None:
    _check_fields("commune", commune, ("insee", "nom"))


def check_contact(contact: Contact) -> None:
    _check_fields("contact", contact, ("nom", "fonction", "telephone", "courriel"))


def check_parametres(params: Parametres) -> None:
    _check_fields("parametres", params, tuple(FIELDS["parametres"]))


def check_article(item: CatalogueItem) -> None:
    _check_fields("article", item, tuple(FIELDS["article"]))


def _check_list(name: str, items: list[Any], check: Callable[[Any], None]) -> None:
    for index, item in enumerate(items):
        try:
            check(item)
        except InvalidValue as error:
            raise error.at(f"{name}[{index}]") from None


# --- the dossier as a whole -------------------------------------------------------------------


def check_dossier(dossier: Dossier) -> None:
    """Every value and every relation; the first problem as ``InvalidValue`` whose ``field`` is
    the JSON path of the value (« ecoles[2].classes[0].lignes[1].quantite »)."""
    try:
        check_parametres(dossier.parametres)
    except InvalidValue as error:
        raise error.at("parametres") from None
    porteur = dossier.porteur
    try:
        _check_fields("porteur", porteur, ("type", "nom", "siren"))
        try:
            check_contact(porteur.contact)
        except InvalidValue as error:
            raise error.at("contact") from None
    except InvalidValue as error:
        raise error.at("porteur") from None
    _check_list("communes", dossier.communes, check_commune)
    _check_list("ecoles", dossier.ecoles, check_school)
    for key, item in dossier.catalogue.items():
        if key != item.id:
            raise InvalidValue(
                f"l'article « {short(key)} » porte l'identifiant « {short(item.id)} »",
                "catalogue",
            )
    _check_list("catalogue", list(dossier.catalogue.values()), check_article)
    check_relations(dossier)
    check_variants(dossier)


def check_relations(dossier: Dossier) -> None:
    """No commune twice, no UAI twice (an empty one is a school not finished), and each
    school's commune is one of the dossier's, or « » while not chosen."""
    seen: dict[str, int] = {}
    for index, commune in enumerate(dossier.communes):
        if commune.insee in seen:
            raise InvalidValue(
                f"la commune {commune.insee} est en double", f"communes[{index}].insee"
            )
        seen[commune.insee] = index
    uais: dict[str, int] = {}
    for index, school in enumerate(dossier.ecoles):
        if school.commune and school.commune not in seen:
            raise InvalidValue(
                f"la commune {short(school.commune)} n'est pas dans la liste "
                "« communes » du dossier",
                f"ecoles[{index}].commune",
            )
        if school.uai and school.uai in uais:
            raise InvalidValue(
                f"l'école {school.uai} est déjà dans le dossier", f"ecoles[{index}].uai"
            )
        if school.uai:
            uais[school.uai] = index


# --- variants ---------------------------------------------------------------------------------


def same_name(a: str, b: str) -> bool:
    """Two variant names the user would take for one (« ENI » and « eni  »)."""
    return a.strip().casefold() == b.strip().casefold()


def check_variant_name(dossier: Dossier, name: Any, ident: str = "") -> None:
    """A name a variant may take: valid, and no other variant's (``ident``: the one renamed)."""
    check_field("variante", "nom", name)
    other = next((v for v in dossier.variantes if v.id != ident and same_name(v.nom, name)), None)
    if other is not None:
        raise InvalidValue(f"une variante s'appelle déjà « {short(other.nom)} »", "nom")


def line_places(dossier: Dossier) -> dict[LineKey, str]:
    """Every place a list of lines can have, and what it is (« classe », « ecole »)."""
    places: dict[LineKey, str] = {}
    for school in dossier.ecoles:
        places[(school.id, "lignes")] = places[(school.id, "services")] = "ecole"
        for classroom in school.classes:
            places[(classroom.id, "lignes")] = "classe"
    return places


def check_aside_lines(places: dict[LineKey, str], key: Any, lines: Any) -> None:
    """One list of lines of a variant not current: a place the dossier has, valid lines."""
    if key not in places:
        raise InvalidValue(
            "des lignes d'une variante sont rangées dans une école ou une classe "
            "que le dossier n'a pas"
        )
    _check_list(key[1], list(lines), check_line)


def check_variants(dossier: Dossier) -> None:
    """At least one variant and at most MAX_VARIANTS, names valid and distinct, the current and
    the retained ones among them, the others' lines in places the dossier has."""
    variants = dossier.variantes
    if not variants:
        raise InvalidValue("le dossier n'a aucune variante", "variantes")
    if len(variants) > MAX_VARIANTS:
        raise InvalidValue(f"{len(variants)} variantes : au plus {MAX_VARIANTS}", "variantes")
    ids = {v.id for v in variants}
    if len(ids) != len(variants):
        raise InvalidValue("deux variantes ont le même identifiant", "variantes")
    if dossier.retenue not in ids or dossier.courante not in ids:
        raise InvalidValue("la variante retenue n'est pas une variante du dossier", "variantes")
    places = line_places(dossier)
    for index, variant in enumerate(variants):
        try:
            check_field("variante", "nom", variant.nom)
            earlier = next((v for v in variants[:index] if same_name(v.nom, variant.nom)), None)
            if earlier is not None:
                raise InvalidValue(f"une variante s'appelle déjà « {short(earlier.nom)} »", "nom")
            if variant.id == dossier.courante and variant.lignes:
                raise InvalidValue("la variante courante a des lignes rangées à part")
            for key, lines in variant.lignes.items():
                check_aside_lines(places, key, lines)
        except InvalidValue as error:
            raise error.at(f"variantes[{index}]") from None
