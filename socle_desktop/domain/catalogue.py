"""The default catalogue of socle items (``resources/catalogue.toml``)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from socle_desktop.domain.model import CatalogueItem
from socle_desktop.domain.money import AmountError, parse_amount
from socle_desktop.resources import resource

NIVEAUX = ("classe", "ecole")
VOLETS = ("equipement", "services")
NIVEAU_LABELS = {"classe": "Classe", "ecole": "École"}
VOLET_LABELS = {"equipement": "Équipement", "services": "Services et ressources"}


class CatalogueError(ValueError):
    pass


def parse_catalogue(text: str, where: str) -> dict[str, CatalogueItem]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{where} : catalogue illisible ({error})") from None
    items: dict[str, CatalogueItem] = {}
    for index, raw in enumerate(data.get("article", [])):
        at = f"{where} : article n° {index + 1}"
        try:
            item = CatalogueItem(
                id=str(raw["id"]),
                libelle=str(raw["libelle"]),
                categorie=str(raw.get("categorie", "autre")),
                niveau=str(raw["niveau"]),
                volet=str(raw["volet"]),
                prix_unitaire=parse_amount(str(raw["prix"])),
                taux_tva=Decimal(str(raw.get("taux_tva", "20"))),
                subventionnable=bool(raw.get("subventionnable", True)),
                unite=str(raw.get("unite", "")),
            )
        except KeyError as missing:
            raise CatalogueError(f"{at} : la clé {missing} manque") from None
        except AmountError as error:
            raise CatalogueError(f"{at} : {error}") from None
        if item.niveau not in NIVEAUX or item.volet not in VOLETS:
            raise CatalogueError(f"{at} : niveau ou volet inconnu")
        if item.id in items:
            raise CatalogueError(f"{at} : l'identifiant « {item.id} » est en double")
        items[item.id] = item
    return items


def load_default_catalogue(path: Path | None = None) -> dict[str, CatalogueItem]:
    path = path or resource("catalogue.toml")
    return parse_catalogue(path.read_text(encoding="utf-8"), str(path))
