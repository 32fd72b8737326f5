"""The default catalogue of socle items (``resources/catalogue.toml``)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from socle_desktop.domain.model import CatalogueItem, Dossier, Line
from socle_desktop.domain.money import AmountError, parse_amount
from socle_desktop.resources import resource

NIVEAUX = ("classe", "ecole")
VOLETS = ("equipement", "services")
NIVEAU_LABELS = {"classe": "Classe", "ecole": "École"}
VOLET_LABELS = {"equipement": "Équipement", "services": "Services et ressources"}


class CatalogueError(ValueError):
    pass


def _rate(value: object, at: str) -> Decimal:
    """A VAT rate in percent (« 20 », « 5.5 »)."""
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        raise CatalogueError(f"{at} : taux de TVA invalide ({value!r})") from None
    if not rate.is_finite() or not 0 <= rate <= 100:
        raise CatalogueError(f"{at} : taux de TVA hors de 0 à 100 ({value!r})")
    return rate


def _places(value: object, at: str) -> int:
    """The devices a charging case holds (0 for any other article)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise CatalogueError(f"{at} : nombre de places invalide ({value!r})")
    return value


def parse_vat_rate(text: str) -> Decimal | None:
    """A rate typed by a user (« 5,5 », « 20 % »), or None when it is not one from 0 to 100."""
    cleaned = text.strip().replace("%", "").replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"\d{1,3}([.,]\d{1,2})?", cleaned):
        return None
    value = Decimal(cleaned.replace(",", "."))
    return value if value <= 100 else None


def vat_rate_text(rate: Decimal) -> str:
    """« 20 », « 5,5 »: a VAT rate as a user types it, without trailing zeros."""
    return f"{rate.normalize():f}".replace(".", ",")


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
                taux_tva=_rate(raw.get("taux_tva", "20"), at),
                subventionnable=bool(raw.get("subventionnable", True)),
                unite=str(raw.get("unite", "")),
                places=_places(raw.get("places", 0), at),
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
    source = path or resource("catalogue.toml")
    return parse_catalogue(source.read_text(encoding="utf-8"), str(source))


# --- the catalogue a dossier offers ---------------------------------------------------------------

ORIGIN_DEFAULT, ORIGIN_DOSSIER, ORIGIN_CHANGED = "Par défaut", "Dossier", "Dossier (modifié)"
OTHER = "autre"  # the category of an article outside the socle (and of a line without article)


@lru_cache(maxsize=1)
def default_catalogue() -> dict[str, CatalogueItem]:
    """The bundled catalogue, read once; never edited in place (the dossier keeps its copies)."""
    return load_default_catalogue()


def merged_catalogue(dossier: Dossier) -> dict[str, tuple[CatalogueItem, str]]:
    """Every article the dossier can use, with its origin: the default catalogue overlaid with
    the dossier's own copies (« Dossier (modifié) » when a copy differs from the default)."""
    default = default_catalogue()
    merged = {key: (item, ORIGIN_DEFAULT) for key, item in default.items()}
    for key, item in dossier.catalogue.items():
        changed = key in default and default[key] != item
        merged[key] = (item, ORIGIN_CHANGED if changed else ORIGIN_DOSSIER)
    return merged


def offered_articles(
    dossier: Dossier,
    socle_order: Sequence[str],
    niveau: str,
    volet: str,
    categories: Collection[str] | None = None,
) -> list[CatalogueItem]:
    """The articles for a class or a school (``niveau``) in one volet, in the socle's order
    (``socle_order``: the campaign's item ids), optionally of some categories only."""
    order = {item_id: i for i, item_id in enumerate(socle_order)}
    items = [
        item
        for item, _origin in merged_catalogue(dossier).values()
        if item.niveau == niveau
        and item.volet == volet
        and (categories is None or item.categorie in categories)
    ]
    return sorted(items, key=lambda item: order.get(item.categorie, len(order)))


def line_category(line: Line, dossier: Dossier) -> str:
    """The socle category of a line, by its article in the dossier's catalogue."""
    article = dossier.catalogue.get(line.article)
    return article.categorie if article is not None else OTHER


def lines_using(dossier: Dossier, article_id: str) -> list[Line]:
    return [
        line
        for s in dossier.ecoles
        for line in s.equipment_lines() + s.services
        if line.article == article_id
    ]
