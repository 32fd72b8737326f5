"""Reading the JSON interchange form of a dossier (shared/domain/dossier-json.md), strictly.

Every bad value raises ``DossierJsonError`` with the JSON path of the value
(« ecoles[2].classes[0].lignes[1].quantite ») and a French reason. The shapes (text, whole
number, list…) are checked here; the values themselves by ``validation``, the one check shared
with the window and the store.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from socle_desktop.domain.catalogue import load_default_catalogue
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
from socle_desktop.domain.money import AmountError, group_thousands, parse_amount
from socle_desktop.domain.validation import (
    ITEM_ID,
    InvalidValue,
    check_field,
    check_relations,
    check_variants,
)
from socle_desktop.domain.variants import Lines

FORMAT = "socle-dossier"
FORMAT_VERSION = 1
MAX_DEPTH = 20  # a dossier is 6 levels deep; deeper is not a dossier (and could exhaust the stack)

# The JSON decoder's reasons, in French (json.JSONDecodeError.msg).
_DECODER_REASONS = (
    ("Expecting value", "valeur attendue"),
    (
        "Expecting property name enclosed in double quotes",
        "nom de clé attendu, entre guillemets droits",
    ),
    ("Expecting ':' delimiter", "« : » attendu après le nom de la clé"),
    ("Expecting ',' delimiter", "« , » attendue entre deux éléments"),
    ("Unterminated string starting at", "texte non terminé (guillemet fermant manquant)"),
    ("Invalid control character at", "caractère de contrôle dans un texte"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide"),
    ("Invalid \\escape", "séquence d'échappement « \\ » invalide"),
    ("Extra data", "texte en trop après la fin du dossier"),
    ("Illegal trailing comma before end of object", "virgule en trop avant « } »"),
    ("Illegal trailing comma before end of array", "virgule en trop avant « ] »"),
)


class DossierJsonError(ValueError):
    """Bad JSON input; ``path`` is the JSON path of the offending value (may be empty)."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path} : {reason}" if path else reason)


def _decoder_reason(message: str) -> str:
    for english, french in _DECODER_REASONS:
        if message.startswith(english):
            return french
    return "syntaxe JSON incorrecte"


def loads(text: str) -> Dossier:
    """A dossier from its JSON text; raises DossierJsonError on anything invalid."""
    if _too_deep(text):
        raise DossierJsonError(
            "", f"JSON invalide : imbriqué sur plus de {MAX_DEPTH} niveaux, ce n'est pas un dossier"
        )
    try:
        data = json.loads(text, parse_float=float, parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise DossierJsonError(
            "",
            f"JSON invalide, ligne {error.lineno}, colonne {error.colno} : "
            f"{_decoder_reason(error.msg)}",
        ) from None
    except (ValueError, RecursionError):  # e.g. an integer of more than 4 300 digits
        raise DossierJsonError("", "JSON invalide : un nombre a trop de chiffres") from None
    return from_data(data)


def _constant(name: str) -> float:
    return float(name)  # NaN, Infinity: refused with their path where a value is read


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> bool:
    """Nesting deeper than MAX_DEPTH, found without recursion (strings skipped)."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif token in "]}":
            depth -= 1
    return False


# --- reading helpers: each names the path of what it reads ---------------------------------


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int) and len(str(abs(value))) > 15:
        return f"un nombre de {group_thousands(len(str(abs(value))))} chiffres"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"le texte « {shown} »"
    if value is None:
        return "null"
    return "une liste" if isinstance(value, list) else "un objet"


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _get(
    obj: dict[str, Any], key: str, path: str, kind: type, required: bool = True, default: Any = None
) -> Any:
    at = _at(path, key)
    if key not in obj:
        if required:
            raise DossierJsonError(at, "valeur obligatoire manquante")
        return default
    value = obj[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise DossierJsonError(at, f"nombre entier attendu, trouvé {_describe(value)}")
    if not isinstance(value, kind):
        expected = {
            str: "texte attendu",
            dict: "objet attendu",
            list: "liste attendue",
            bool: "vrai ou faux attendu",
        }.get(kind, "valeur attendue")
        raise DossierJsonError(at, f"{expected}, trouvé {_describe(value)}")
    return value


def _field(kind: str, field: str, value: Any, at: str) -> Any:
    """``value`` once ``validation`` accepts it for ``kind.field``."""
    try:
        check_field(kind, field, value)
    except InvalidValue as error:
        raise DossierJsonError(at, error.message) from None
    return value


def _text(
    obj: dict[str, Any],
    key: str,
    path: str,
    kind: str,
    field: str | None = None,
    required: bool = True,
    default: str = "",
) -> str:
    value = _get(obj, key, path, str, required, default)
    return str(_field(kind, field or key, value, _at(path, key)))


def _count(obj: dict[str, Any], key: str, path: str, kind: str, required: bool = True) -> int:
    return int(_field(kind, key, _get(obj, key, path, int, required, 0), _at(path, key)))


def _amount(obj: dict[str, Any], key: str, path: str, kind: str | None = None) -> Decimal:
    at = _at(path, key)
    if key not in obj:
        raise DossierJsonError(at, "valeur obligatoire manquante")
    value = obj[key]
    if isinstance(value, float) or isinstance(value, int) and not isinstance(value, bool):
        raise DossierJsonError(
            at,
            f"les montants s'écrivent entre guillemets, jamais comme un nombre ("
            f"{_describe(value)})",
        )
    try:
        amount = parse_amount(value)
    except AmountError as error:
        raise DossierJsonError(at, str(error)) from None
    return _field(kind, key, amount, at) if kind else amount


def _object(raw: Any, path: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise DossierJsonError(path, f"objet attendu, trouvé {_describe(raw)}")
    return raw


# --- reading ----------------------------------------------------------------------------------


def from_data(data: Any) -> Dossier:
    if not isinstance(data, dict):
        raise DossierJsonError("", "un dossier est un objet JSON ({ … })")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise DossierJsonError(
            "format", f"ce fichier n'est pas un dossier Socle (« format » vaut {_describe(fmt)})"
        )
    version = _get(data, "version", "", int)
    if version > FORMAT_VERSION:
        raise DossierJsonError(
            "version",
            f"dossier au format {_describe(version).removeprefix('le nombre ')}, plus récent que "
            f"cette version de Socle (format {FORMAT_VERSION}) : mettez l'application à jour",
        )
    if version < 1:
        raise DossierJsonError("version", f"version {version} inconnue : {FORMAT_VERSION} attendu")
    from socle_desktop.domain.campaign import CampaignError, load_campaign

    campagne = _get(data, "campagne", "", str, False, "snee-2021")
    try:
        ITEM_ID.check(campagne)
        campaign = load_campaign(campagne)
    except (CampaignError, InvalidValue) as error:
        raise DossierJsonError("campagne", str(error)) from None
    dossier = Dossier(campagne=campagne)
    dossier.parametres = _parametres(data, campaign.defaults)
    dossier.porteur = _porteur(_get(data, "porteur", "", dict))
    communes = _get(data, "communes", "", list)
    dossier.communes = [_commune(c, f"communes[{i}]") for i, c in enumerate(communes)]
    ecoles = _get(data, "ecoles", "", list)
    dossier.ecoles = [_school(e, f"ecoles[{i}]") for i, e in enumerate(ecoles)]
    try:
        check_relations(dossier)
    except InvalidValue as error:
        raise DossierJsonError(error.field, error.message) from None
    _variants(data, dossier)
    dossier.catalogue = _catalogue(data, dossier)
    return dossier


# --- the extension « variantes » (docs/json-extensions.md) ----------------------------------


def _variants(data: dict[str, Any], dossier: Dossier) -> None:
    """The variants, if given: the retained one's lines are ``ecoles[]`` (already read), each
    other's in its own ``ecoles`` of the same shape. Without the key: one variant."""
    raw = _get(data, "variantes", "", list, False, None)
    if raw is None:
        return
    if not raw:
        raise DossierJsonError("variantes", "liste vide : une variante au moins (la retenue)")
    variants, retained = [], []
    for i, item in enumerate(raw):
        at = f"variantes[{i}]"
        item = _object(item, at)
        variant = Variante(_text(item, "nom", at, "variante"))
        if _get(item, "retenue", at, bool, False, False):
            if "ecoles" in item:
                raise DossierJsonError(
                    f"{at}.ecoles",
                    "les lignes de la variante retenue sont "
                    "celles de « ecoles » du dossier : pas de clé « ecoles » "
                    "ici",
                )
            retained.append(variant)
        else:
            variant.lignes = _aside_lines(item, at, dossier)
        variants.append(variant)
    if len(retained) != 1:
        raise DossierJsonError(
            "variantes",
            f"{len(retained)} variantes retenues : une et une seule doit avoir « retenue »: true",
        )
    dossier.variantes = variants
    dossier.courante = dossier.retenue = retained[0].id
    try:
        check_variants(dossier)
    except InvalidValue as error:
        raise DossierJsonError(error.field, error.message) from None


def _aside_lines(item: dict[str, Any], at: str, dossier: Dossier) -> Lines:
    """A variant's ``ecoles``: one entry per school of the dossier, each with one entry per
    class, in the same order."""
    schools = _get(item, "ecoles", at, list, False, [])
    if schools and len(schools) != len(dossier.ecoles):
        raise DossierJsonError(
            f"{at}.ecoles",
            f"{len(schools)} écoles, le dossier en a "
            f"{len(dossier.ecoles)} : une entrée par école, dans l'ordre",
        )
    lines: Lines = {}
    for index, (school, raw) in enumerate(zip(dossier.ecoles, schools, strict=False)):
        path = f"{at}.ecoles[{index}]"
        raw = _object(raw, path)
        classes = _get(raw, "classes", path, list, False, [])
        if classes and len(classes) != len(school.classes):
            raise DossierJsonError(
                f"{path}.classes",
                f"{len(classes)} classes, l'école en a "
                f"{len(school.classes)} : une entrée par classe, dans "
                "l'ordre",
            )
        for j, (classroom, raw_class) in enumerate(zip(school.classes, classes, strict=False)):
            found = _lines(
                _object(raw_class, f"{path}.classes[{j}]"), "lignes", f"{path}.classes[{j}]"
            )
            if found:
                lines[(classroom.id, "lignes")] = found
        for key in ("lignes", "services"):
            found = _lines(raw, key, path)
            if found:
                lines[(school.id, key)] = found
    return lines


def _parametres(data: dict[str, Any], defaults: dict[str, str]) -> Parametres:
    raw = _get(data, "parametres", "", dict, False, {})
    p = "parametres"
    texts: dict[str, Any] = {
        name: _text(raw, name, p, "parametres", required=False, default=defaults.get(name, value))
        for name, value in (
            ("prix_saisis", "TTC"),
            ("plafond_par_classe", "ecole"),
            ("base", "TTC"),
            ("arrondi", "centime"),
            ("eleves_services", "ecoles"),
        )
    }
    params = Parametres(**texts)
    params.fctva = _get(raw, "fctva", p, bool, False, False)
    if "taux_tva" in raw:
        params.taux_tva = _amount(raw, "taux_tva", p, "parametres")
    else:
        params.taux_tva = Decimal(defaults.get("taux_tva", "20"))
    return params


def _porteur(raw: dict[str, Any]) -> Porteur:
    p = "porteur"
    kind = _text(raw, "type", p, "porteur")
    contact_raw = _get(raw, "contact", p, dict, False, {})
    contact = Contact(
        **{
            key: _text(contact_raw, key, "porteur.contact", "contact", required=False)
            for key in ("nom", "fonction", "telephone", "courriel")
        }
    )
    return Porteur(
        PorteurType(kind),
        _text(raw, "nom", p, "porteur"),
        _text(raw, "siren", p, "porteur", required=False),
        contact,
    )


def _commune(raw: Any, path: str) -> Commune:
    raw = _object(raw, path)
    return Commune(_text(raw, "insee", path, "commune"), _text(raw, "nom", path, "commune"))


def _lines(raw: dict[str, Any], key: str, path: str) -> list[Line]:
    result = []
    for i, item in enumerate(_get(raw, key, path, list, False, [])):
        at = f"{path}.{key}[{i}]"
        item = _object(item, at)
        article = _text(item, "article", at, "ligne")
        result.append(
            Line(
                article=article,
                libelle=_text(item, "libelle", at, "ligne", required=False, default=article),
                quantite=_count(item, "quantite", at, "ligne"),
                prix_unitaire=_amount(item, "prix_unitaire", at, "ligne"),
            )
        )
    return result


def _classroom(raw: Any, at: str) -> Classroom:
    raw = _object(raw, at)
    levels = _get(raw, "niveaux", at, list, False, [])
    for j, level in enumerate(levels):
        _field("classe", "niveaux", [level], f"{at}.niveaux[{j}]")
    return Classroom(
        nom=_text(raw, "nom", at, "classe"),
        niveaux=_field("classe", "niveaux", list(levels), f"{at}.niveaux"),
        eleves=_count(raw, "eleves", at, "classe", required=False),
        lignes=_lines(raw, "lignes", at),
    )


def _school(raw: Any, path: str) -> School:
    raw = _object(raw, path)
    uai = _text(raw, "uai", path, "ecole")
    commune = _text(raw, "commune", path, "ecole")
    classes = [
        _classroom(c, f"{path}.classes[{i}]")
        for i, c in enumerate(_get(raw, "classes", path, list, False, []))
    ]
    existant = {}
    for key, value in _get(raw, "existant", path, dict, False, {}).items():
        at = f"{path}.existant.{key}"
        _field("ecole", "existant", {key: value}, at)
        existant[key] = Existant(value)
    return School(
        nom=_text(raw, "nom", path, "ecole"),
        uai=uai,
        commune=commune,
        secteur=Secteur(
            _text(raw, "secteur", path, "ecole", required=False, default=Secteur.PUBLIC.value)
        ),
        eleves=_count(raw, "eleves", path, "ecole", required=False),
        classes=classes,
        lignes=_lines(raw, "lignes", path),
        services=_lines(raw, "services", path),
        existant=existant,
    )


def _catalogue(data: dict[str, Any], dossier: Dossier) -> dict[str, CatalogueItem]:
    """The dossier's own copy of the articles it uses: given in the JSON, else the default's."""
    items: dict[str, CatalogueItem] = {}
    default = load_default_catalogue()
    for i, raw in enumerate(_get(data, "catalogue", "", list, False, [])):
        at = f"catalogue[{i}]"
        raw = _object(raw, at)
        item = CatalogueItem(
            id=_text(raw, "id", at, "article"),
            libelle=_text(raw, "libelle", at, "article"),
            categorie=_text(raw, "categorie", at, "article", required=False, default="autre"),
            niveau=_text(raw, "niveau", at, "article"),
            volet=_text(raw, "volet", at, "article"),
            prix_unitaire=_amount(raw, "prix_unitaire", at, "article"),
            # an article without a rate of its own takes the dossier's (snee-2021.md §5.3)
            taux_tva=(
                _amount(raw, "taux_tva", at, "article")
                if "taux_tva" in raw
                else dossier.parametres.taux_tva
            ),
            subventionnable=_get(raw, "subventionnable", at, bool, False, True),
            unite=_text(raw, "unite", at, "article", required=False),
        )
        # a file written before the charging cases had places: those of the default catalogue
        item.places = (
            _count(raw, "places", at, "article")
            if "places" in raw
            else getattr(default.get(item.id), "places", 0)
        )
        if item.id in items:
            raise DossierJsonError(f"{at}.id", f"l'article « {item.id} » est en double")
        items[item.id] = item
    for article in used_articles(dossier):
        if article not in items and article in default:
            items[article] = default[article]
    return items


def used_articles(dossier: Dossier) -> list[str]:
    """The articles of every line of every variant, in order of first use."""
    seen: dict[str, None] = {}
    for school in dossier.ecoles:
        for line in school.equipment_lines() + school.services:
            seen.setdefault(line.article)
    for variant in dossier.variantes:
        for lines in variant.lignes.values():
            for line in lines:
                seen.setdefault(line.article)
    return list(seen)
