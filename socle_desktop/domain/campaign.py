"""The rules of a campaign, read from a TOML file of ``resources/campaigns`` and checked at load."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from socle_desktop.resources import resource


class CampaignError(ValueError):
    """A campaign file that cannot be used; the message says which file and which key."""


@dataclass(frozen=True)
class Band:
    up_to: Decimal  # upper bound of the band (cumulative)
    rate: Decimal


@dataclass(frozen=True)
class SocleItem:
    """One item of the « socle numérique de base » and the quantity rule the diagnostic applies."""

    id: str
    libelle: str
    niveau: str  # classe | ecole
    par_classe: int = 0
    par_4_classes_min: int = 0
    par_4_classes_conseil: int = 0
    par_4_classes_max: int = 0
    minimum: int = 0
    facultatif: bool = False
    volet: str = "equipement"


@dataclass(frozen=True)
class Campaign:
    id: str
    nom: str
    version: int
    minimum_par_ecole: Decimal
    plafond_par_classe: Decimal
    plafond_par_commune: Decimal
    bands: tuple[Band, ...]
    services_plafond_par_eleve: Decimal
    services_taux: Decimal
    services_annees: int
    defaults: dict[str, str]
    socle: tuple[SocleItem, ...]
    source_text: str = ""  # the TOML it was read from, kept in each dossier file

    @property
    def max_rate(self) -> Decimal:
        return max(band.rate for band in self.bands)

    def socle_item(self, item_id: str) -> SocleItem | None:
        return next((item for item in self.socle if item.id == item_id), None)


SETTINGS_CHOICES = {
    "base": ("TTC", "HT"),
    "prix_saisis": ("TTC", "HT"),
    "plafond_par_classe": ("ecole", "projet"),
    "arrondi": ("centime", "euro"),
    "eleves_services": ("ecoles", "cycles_2_3"),
}

# How each choice is said to the user (GUI, PDF, command line). The stored value « projet » is
# kept from the first files; it has always been read as a cap pooled within each commune, since
# the bands are per commune (snee-2021.md §5.3).
SETTINGS_LABELS = {
    "plafond_par_classe": {
        "ecole": "par école",
        "projet": "par commune (mis en commun entre les écoles de chaque commune)",
    },
    "arrondi": {
        "centime": "au centime, demi vers le haut",
        "euro": "à l'euro, demi vers le haut",
    },
    "eleves_services": {
        "ecoles": "tous les élèves des écoles équipées (retenues au volet équipement)",
        "cycles_2_3": "les élèves de cycles 2 et 3 des écoles équipées (retenues au volet "
        "équipement)",
    },
}


def setting_label(key: str, value: str) -> str:
    """The French words for a setting's value (« projet » → « par commune … »)."""
    return SETTINGS_LABELS.get(key, {}).get(value, value)


def _decimal(data: dict[str, Any], key: str, where: str) -> Decimal:
    try:
        value = Decimal(str(data[key]))
    except KeyError:
        raise CampaignError(f"{where} : la clé « {key} » manque") from None
    except InvalidOperation:
        raise CampaignError(f"{where} : « {key} » n'est pas un nombre ({data[key]!r})") from None
    if value < 0:
        raise CampaignError(f"{where} : « {key} » ne peut pas être négatif")
    return value


def parse_campaign(data: dict[str, Any], where: str) -> Campaign:
    """Build and check a campaign from the TOML mapping; ``where`` names the file in errors."""
    try:
        equipment, services, settings = data["equipement"], data["services"], data["parametres"]
        ident, name = str(data["id"]), str(data["nom"])
    except KeyError as missing:
        raise CampaignError(f"{where} : la section ou clé {missing} manque") from None
    bands = tuple(
        Band(
            _decimal(b, "jusqu_a", f"{where} [equipement.tranches]"),
            _decimal(b, "taux", f"{where} [equipement.tranches]"),
        )
        for b in equipment.get("tranches", [])
    )
    if not bands:
        raise CampaignError(f"{where} : aucune tranche de subvention n'est définie")
    if any(a.up_to >= b.up_to for a, b in zip(bands, bands[1:], strict=False)):
        raise CampaignError(f"{where} : les tranches doivent être dans l'ordre croissant")
    if any(band.rate > 1 for band in bands):
        raise CampaignError(f"{where} : un taux de tranche dépasse 100 %")
    for key, choices in SETTINGS_CHOICES.items():
        value = str(settings.get(key, choices[0]))
        if value not in choices:
            raise CampaignError(
                f"{where} : [parametres] {key} = « {value} » (attendu : {' ou '.join(choices)})"
            )
    try:
        socle = tuple(SocleItem(**item) for item in data.get("socle", []))
    except TypeError as error:
        raise CampaignError(f"{where} : élément [[socle]] invalide ({error})") from None
    return Campaign(
        id=ident,
        nom=name,
        version=int(data.get("version", 1)),
        minimum_par_ecole=_decimal(equipment, "minimum_par_ecole", f"{where} [equipement]"),
        plafond_par_classe=_decimal(equipment, "plafond_par_classe", f"{where} [equipement]"),
        plafond_par_commune=_decimal(equipment, "plafond_par_commune", f"{where} [equipement]"),
        bands=bands,
        services_plafond_par_eleve=_decimal(services, "plafond_par_eleve", f"{where} [services]"),
        services_taux=_decimal(services, "taux", f"{where} [services]"),
        services_annees=int(services.get("annees_scolaires", 2)),
        defaults={key: str(value) for key, value in settings.items()},
        socle=socle,
    )


def load_campaign_file(path: Path | Traversable) -> Campaign:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CampaignError(f"{path} : fichier de règles illisible ({error})") from None
    return parse_campaign_text(text, str(path))


def parse_campaign_text(text: str, where: str) -> Campaign:
    """Read a campaign from TOML text (a bundled file, or the copy a dossier file keeps)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CampaignError(f"{where} : fichier de règles illisible ({error})") from None
    campaign = parse_campaign(data, where)
    return replace(campaign, source_text=text)


_cache: dict[str, Campaign] = {}
_CAMPAIGN_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,60}")


def load_campaign(campaign_id: str = "snee-2021") -> Campaign:
    """The bundled rules of a campaign, by id (``resources/campaigns/<id>.toml``)."""
    if campaign_id not in _cache:
        if not isinstance(campaign_id, str) or not _CAMPAIGN_ID.fullmatch(campaign_id):
            shown = str(campaign_id)[:40]  # never a path: « ../catalogue » names no campaign
            raise CampaignError(f"campagne inconnue : « {shown} »")
        path = resource("campaigns", f"{campaign_id}.toml")
        if not path.is_file():
            raise CampaignError(
                f"campagne inconnue : « {campaign_id} » (pas de fichier {path.name})"
            )
        _cache[campaign_id] = load_campaign_file(path)
    return _cache[campaign_id]
