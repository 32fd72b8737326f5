"""The JSON interchange form of a dossier (docs/dossier-json.md), both ways.

Reading is strict: every bad value raises ``DossierJsonError`` with the JSON path of the value
(« ecoles[2].classes[0].lignes[1].quantite ») and a French reason.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from socle_desktop.domain.catalogue import NIVEAUX, VOLETS, load_default_catalogue
from socle_desktop.domain.model import (
    LEVELS,
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
)
from socle_desktop.domain.money import AmountError, parse_amount, to_json
from socle_desktop.domain.validation import insee_error, siren_error, uai_error

FORMAT = "socle-dossier"
FORMAT_VERSION = 1
MAX_QUANTITY = 100_000  # beyond this a quantity is a typing mistake, not a purchase
MAX_PUPILS = 10_000
MAX_TEXT = 500


class DossierJsonError(ValueError):
    """Bad JSON input; ``path`` is the JSON path of the offending value (may be empty)."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path} : {reason}" if path else reason)


# --- reading helpers: each names the path of what it reads ---------------------------------


def _get(obj: dict, key: str, path: str, kind: type | tuple, required: bool = True, default=None):
    at = f"{path}.{key}" if path else key
    if key not in obj:
        if required:
            raise DossierJsonError(at, "valeur obligatoire manquante")
        return default
    value = obj[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise DossierJsonError(at, f"nombre entier attendu, trouvé {_describe(value)}")
    if not isinstance(value, kind):
        expected = {str: "texte attendu", dict: "objet attendu", list: "liste attendue"}.get(
            kind, "valeur attendue"
        )
        raise DossierJsonError(at, f"{expected}, trouvé {_describe(value)}")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise DossierJsonError(at, f"texte trop long ({len(value)} caractères, au plus {MAX_TEXT})")
    return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte « {value} »"
    if value is None:
        return "null"
    return "une liste" if isinstance(value, list) else "un objet"


def _count(obj: dict, key: str, path: str, maximum: int, required: bool = True) -> int:
    value = _get(obj, key, path, int, required, 0)
    at = f"{path}.{key}"
    if value < 0:
        raise DossierJsonError(at, f"ne peut pas être négatif ({value})")
    if value > maximum:
        raise DossierJsonError(at, f"valeur invraisemblable ({value}, au plus {maximum})")
    return value


def _amount(obj: dict, key: str, path: str) -> Decimal:
    at = f"{path}.{key}"
    value = obj.get(key)
    if isinstance(value, float) or isinstance(value, int) and not isinstance(value, bool):
        raise DossierJsonError(
            at, f'les montants s\'écrivent entre guillemets ("{value}"), jamais comme un nombre'
        )
    if key not in obj:
        raise DossierJsonError(at, "valeur obligatoire manquante")
    try:
        return parse_amount(value)
    except AmountError as error:
        raise DossierJsonError(at, str(error)) from None


def _choice(obj: dict, key: str, path: str, choices, default=None) -> str:
    value = _get(obj, key, path, str, default is None, default)
    if value not in choices:
        raise DossierJsonError(
            f"{path}.{key}", f"« {value} » inconnu (attendu : {', '.join(choices)})"
        )
    return value


# --- reading ----------------------------------------------------------------------------------


def loads(text: str) -> Dossier:
    """A dossier from its JSON text; raises DossierJsonError on anything invalid."""
    try:
        data = json.loads(text, parse_float=float)
    except json.JSONDecodeError as error:
        raise DossierJsonError(
            "", f"JSON invalide, ligne {error.lineno}, colonne {error.colno} : {error.msg}"
        ) from None
    return from_data(data)


def from_data(data: Any) -> Dossier:
    if not isinstance(data, dict):
        raise DossierJsonError("", "un dossier est un objet JSON ({ … })")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise DossierJsonError(
            "format", f"ce fichier n'est pas un dossier Socle (« format » vaut {fmt!r})"
        )
    version = _get(data, "version", "", int)
    if version > FORMAT_VERSION:
        raise DossierJsonError(
            "version",
            f"dossier au format {version}, plus récent que cette version de Socle "
            f"(format {FORMAT_VERSION}) : mettez l'application à jour",
        )
    from socle_desktop.domain.campaign import CampaignError, load_campaign

    campagne = _get(data, "campagne", "", str, False, "snee-2021")
    try:
        campaign = load_campaign(campagne)
    except CampaignError as error:
        raise DossierJsonError("campagne", str(error)) from None
    dossier = Dossier(campagne=campagne)
    dossier.parametres = _parametres(data, campaign.defaults)
    dossier.porteur = _porteur(_get(data, "porteur", "", dict))
    communes = _get(data, "communes", "", list)
    dossier.communes = [_commune(c, f"communes[{i}]") for i, c in enumerate(communes)]
    codes = [c.insee for c in dossier.communes]
    for i, code in enumerate(codes):
        if code in codes[:i]:
            raise DossierJsonError(f"communes[{i}].insee", f"la commune {code} est en double")
    ecoles = _get(data, "ecoles", "", list)
    dossier.ecoles = [_school(e, f"ecoles[{i}]", set(codes)) for i, e in enumerate(ecoles)]
    uais = [s.uai for s in dossier.ecoles]
    for i, uai in enumerate(uais):
        if uai in uais[:i]:
            raise DossierJsonError(f"ecoles[{i}].uai", f"l'école {uai} est déjà dans le dossier")
    dossier.catalogue = _catalogue(data, dossier)
    return dossier


def _parametres(data: dict, defaults: dict[str, str]) -> Parametres:
    raw = _get(data, "parametres", "", dict, False, {})
    p = "parametres"
    params = Parametres(
        prix_saisis=_choice(
            raw, "prix_saisis", p, ("TTC", "HT"), defaults.get("prix_saisis", "TTC")
        ),
        plafond_par_classe=_choice(
            raw,
            "plafond_par_classe",
            p,
            ("ecole", "projet"),
            defaults.get("plafond_par_classe", "ecole"),
        ),
        base=_choice(raw, "base", p, ("TTC", "HT"), defaults.get("base", "TTC")),
        arrondi=_choice(raw, "arrondi", p, ("centime", "euro"), defaults.get("arrondi", "centime")),
        eleves_services=_choice(
            raw,
            "eleves_services",
            p,
            ("ecoles", "cycles_2_3"),
            defaults.get("eleves_services", "ecoles"),
        ),
    )
    if "taux_tva" in raw:
        rate = _amount(raw, "taux_tva", p)
        if rate > 100:
            raise DossierJsonError("parametres.taux_tva", "un taux de TVA ne dépasse pas 100")
        params.taux_tva = rate
    else:
        params.taux_tva = Decimal(defaults.get("taux_tva", "20"))
    return params


def _porteur(raw: dict) -> Porteur:
    p = "porteur"
    kind = _choice(raw, "type", p, [t.value for t in PorteurType])
    siren = _get(raw, "siren", p, str, False, "")
    if error := siren_error(siren):
        raise DossierJsonError("porteur.siren", error)
    contact_raw = _get(raw, "contact", p, dict, False, {})
    contact = Contact(
        **{
            key: _get(contact_raw, key, "porteur.contact", str, False, "")
            for key in ("nom", "fonction", "telephone", "courriel")
        }
    )
    return Porteur(PorteurType(kind), _get(raw, "nom", p, str), siren, contact)


def _commune(raw: Any, path: str) -> Commune:
    if not isinstance(raw, dict):
        raise DossierJsonError(path, "objet attendu")
    insee = _get(raw, "insee", path, str)
    if error := insee_error(insee):
        raise DossierJsonError(f"{path}.insee", error)
    return Commune(insee, _get(raw, "nom", path, str))


def _lines(raw: dict, key: str, path: str) -> list[Line]:
    items = _get(raw, key, path, list, False, [])
    result = []
    for i, item in enumerate(items):
        at = f"{path}.{key}[{i}]"
        if not isinstance(item, dict):
            raise DossierJsonError(at, "objet attendu")
        article = _get(item, "article", at, str)
        result.append(
            Line(
                article=article,
                libelle=_get(item, "libelle", at, str, False, article),
                quantite=_count(item, "quantite", at, MAX_QUANTITY),
                prix_unitaire=_amount(item, "prix_unitaire", at),
            )
        )
    return result


def _school(raw: Any, path: str, communes: set[str]) -> School:
    if not isinstance(raw, dict):
        raise DossierJsonError(path, "objet attendu")
    uai = _get(raw, "uai", path, str)
    if error := uai_error(uai):
        raise DossierJsonError(f"{path}.uai", error)
    commune = _get(raw, "commune", path, str)
    if commune not in communes:
        raise DossierJsonError(
            f"{path}.commune",
            f"la commune {commune} n'est pas dans la liste « communes » du dossier",
        )
    classes = []
    for i, c in enumerate(_get(raw, "classes", path, list, False, [])):
        at = f"{path}.classes[{i}]"
        if not isinstance(c, dict):
            raise DossierJsonError(at, "objet attendu")
        levels = _get(c, "niveaux", at, list, False, [])
        for j, level in enumerate(levels):
            if level not in LEVELS:
                raise DossierJsonError(
                    f"{at}.niveaux[{j}]", f"niveau « {level} » inconnu ({' '.join(LEVELS)})"
                )
        classes.append(
            Classroom(
                nom=_get(c, "nom", at, str),
                niveaux=list(levels),
                eleves=_count(c, "eleves", at, 100, required=False),
                lignes=_lines(c, "lignes", at),
            )
        )
    existant_raw = _get(raw, "existant", path, dict, False, {})
    existant = {}
    for key, value in existant_raw.items():
        if value not in [e.value for e in Existant]:
            raise DossierJsonError(
                f"{path}.existant.{key}", f"« {value} » inconnu (present, absent, obsolete)"
            )
        existant[key] = Existant(value)
    return School(
        nom=_get(raw, "nom", path, str),
        uai=uai,
        commune=commune,
        secteur=Secteur(_choice(raw, "secteur", path, [s.value for s in Secteur], "public")),
        eleves=_count(raw, "eleves", path, MAX_PUPILS, required=False),
        classes=classes,
        lignes=_lines(raw, "lignes", path),
        services=_lines(raw, "services", path),
        existant=existant,
    )


def _catalogue(data: dict, dossier: Dossier) -> dict[str, CatalogueItem]:
    """The dossier's own copy of the articles it uses: given in the JSON, else the default's."""
    items: dict[str, CatalogueItem] = {}
    for i, raw in enumerate(_get(data, "catalogue", "", list, False, [])):
        at = f"catalogue[{i}]"
        if not isinstance(raw, dict):
            raise DossierJsonError(at, "objet attendu")
        item = CatalogueItem(
            id=_get(raw, "id", at, str),
            libelle=_get(raw, "libelle", at, str),
            categorie=_get(raw, "categorie", at, str, False, "autre"),
            niveau=_choice(raw, "niveau", at, NIVEAUX),
            volet=_choice(raw, "volet", at, VOLETS),
            prix_unitaire=_amount(raw, "prix_unitaire", at),
            # an article without a rate of its own takes the dossier's (snee-2021.md §5.3)
            taux_tva=(_amount(raw, "taux_tva", at) if "taux_tva" in raw
                      else dossier.parametres.taux_tva),
            subventionnable=bool(_get(raw, "subventionnable", at, bool, False, True)),
            unite=_get(raw, "unite", at, str, False, ""),
        )
        items[item.id] = item
    default = load_default_catalogue()
    for article in used_articles(dossier):
        if article not in items and article in default:
            items[article] = default[article]
    return items


def used_articles(dossier: Dossier) -> list[str]:
    seen: dict[str, None] = {}
    for school in dossier.ecoles:
        for line in school.equipment_lines() + school.services:
            seen.setdefault(line.article)
    return list(seen)


# --- writing ----------------------------------------------------------------------------------


def _line_data(line: Line) -> dict:
    return {
        "article": line.article,
        "libelle": line.libelle,
        "quantite": line.quantite,
        "prix_unitaire": to_json(line.prix_unitaire),
    }


def to_data(dossier: Dossier) -> dict:
    p = dossier.parametres
    porteur = dossier.porteur
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "campagne": dossier.campagne,
        "parametres": {
            "prix_saisis": p.prix_saisis,
            "taux_tva": to_json(p.taux_tva),
            "plafond_par_classe": p.plafond_par_classe,
            "base": p.base,
            "arrondi": p.arrondi,
            "eleves_services": p.eleves_services,
        },
        "porteur": {
            "type": porteur.type.value,
            "nom": porteur.nom,
            "siren": porteur.siren,
            "contact": vars(porteur.contact).copy(),
        },
        "communes": [{"insee": c.insee, "nom": c.nom} for c in dossier.communes],
        "ecoles": [
            {
                "nom": s.nom,
                "uai": s.uai,
                "commune": s.commune,
                "secteur": s.secteur.value,
                "eleves": s.eleves,
                "classes": [
                    {
                        "nom": c.nom,
                        "niveaux": list(c.niveaux),
                        "eleves": c.eleves,
                        "lignes": [_line_data(line) for line in c.lignes],
                    }
                    for c in s.classes
                ],
                "lignes": [_line_data(line) for line in s.lignes],
                "services": [_line_data(line) for line in s.services],
                "existant": {key: value.value for key, value in s.existant.items()},
            }
            for s in dossier.ecoles
        ],
        "catalogue": [
            {
                "id": item.id,
                "libelle": item.libelle,
                "categorie": item.categorie,
                "niveau": item.niveau,
                "volet": item.volet,
                "prix_unitaire": to_json(item.prix_unitaire),
                "taux_tva": to_json(item.taux_tva),
                "subventionnable": item.subventionnable,
                "unite": item.unite,
            }
            for item in dossier.catalogue.values()
        ],
    }


def dumps(dossier: Dossier) -> str:
    return json.dumps(to_data(dossier), ensure_ascii=False, indent=2) + "\n"


def result_data(result) -> dict:
    """The computed result in the contract's ``summary --json`` form (amounts as strings)."""

    def volet(v):
        return {
            "depense": to_json(v.expense),
            "eligible": to_json(v.eligible),
            "subvention": to_json(v.subsidy),
            "reste_a_charge": to_json(v.remaining),
        }

    return {
        "campagne": result.campagne,
        "equipement": volet(result.equipment),
        "services": {**volet(result.services), "eleves": result.services_pupils},
        "total": {
            "depense": to_json(result.expense),
            "subvention": to_json(result.subsidy),
            "reste_a_charge": to_json(result.remaining),
        },
        "communes": [
            {
                "insee": c.insee,
                "nom": c.nom,
                "depense_equipement": to_json(c.expense),
                "eligible_equipement": to_json(c.base),
                "subvention_equipement": to_json(c.subsidy),
            }
            for c in result.communes
        ],
        "ecoles": [
            {
                "uai": s.uai,
                "nom": s.nom,
                "commune": s.commune,
                "classes_cycles_2_3": s.classes_cycles_2_3,
                "depense_equipement": to_json(s.expense),
                "plafond": to_json(s.cap),
                "eligible_equipement": to_json(s.eligible),
                "subvention_equipement": to_json(s.subsidy),
                "exclue": s.excluded_because is not None,
                "motif_exclusion": s.excluded_because,
            }
            for s in result.schools
        ],
        "alertes": [a.message for a in result.alerts],
    }
