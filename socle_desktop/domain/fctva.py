"""The remaining cost after FCTVA: an estimate kept apart from the State's subsidy.

The Fonds de compensation pour la TVA pays the collectivité back, a year or two later, a fixed
share of the TTC investment expense. It is not part of the SNEE subsidy and changes none of its
figures; a dossier shows it only when its setting ``parametres.fctva`` is on. The rate, its
source and its date are data of the campaign file (section ``[fctva]``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from socle_desktop.domain.campaign import Campaign, CampaignError, load_campaign
from socle_desktop.domain.dates import iso_date_fr
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.money import ZERO, cents, euros, percent_fr, to_json
from socle_desktop.domain.results import Result

VOLET_LABELS = {"equipement": "équipement", "services": "services et ressources"}
NOT_SUBSIDY = (
    "Le FCTVA est versé plus tard par l'État au titre de la TVA payée ; il ne fait pas partie "
    "de la subvention demandée."
)
# « la dépense TTC d'équipement »: what the estimate is a share of, by the volets it covers
_BASE_WORDS = {"equipement": "d'équipement", "services": "de services et ressources"}


@dataclass(frozen=True)
class FctvaRate:
    taux: Decimal  # a fraction: 0.16404 is 16,404 %
    source: str
    date: str  # ISO date from which the rate applies
    volets: tuple[str, ...]  # the volets whose expense the FCTVA covers

    @property
    def label(self) -> str:
        """« 16,404 % »."""
        return percent_fr(self.taux, 3)

    @property
    def source_text(self) -> str:
        """« Taux : <source>, en vigueur au 1er janvier 2021. »"""
        return f"Taux : {self.source}" + (
            f", en vigueur au {iso_date_fr(self.date)}." if self.date else "."
        )

    @property
    def base_label(self) -> str:
        """« dépense TTC d'équipement » (« … d'équipement et de services et ressources »)."""
        return "dépense TTC " + " et ".join(_BASE_WORDS[v] for v in self.volets)


@dataclass(frozen=True)
class FctvaResult:
    rate: FctvaRate
    base: Decimal  # TTC expense of the volets the FCTVA covers
    amount: Decimal  # estimated FCTVA, to the cent
    remaining_before: Decimal  # the reste à charge after the State's subsidy
    explanation: str  # French

    @property
    def remaining_after(self) -> Decimal:
        return self.remaining_before - self.amount


@lru_cache(maxsize=8)
def _parse(text: str, where: str) -> FctvaRate | None:
    try:
        section = tomllib.loads(text).get("fctva")
    except tomllib.TOMLDecodeError:
        return None
    if not isinstance(section, dict):
        return None
    try:
        taux = Decimal(str(section["taux"]))
    except (KeyError, InvalidOperation):
        raise CampaignError(f"{where} : [fctva] taux manque ou n'est pas un nombre") from None
    if not 0 <= taux < 1:
        raise CampaignError(f"{where} : [fctva] taux doit être une fraction (0.16404)")
    volets = tuple(str(v) for v in section.get("volets", ["equipement"]))
    unknown = [v for v in volets if v not in VOLET_LABELS]
    if unknown:
        raise CampaignError(f"{where} : [fctva] volet inconnu « {unknown[0]} »")
    return FctvaRate(taux, str(section.get("source", "")), str(section.get("date", "")), volets)


def fctva_rate(campaign: Campaign) -> FctvaRate | None:
    """The rate of the dossier's copy of the rules, else that of the bundled campaign (a dossier
    created before the rate was data keeps rules without it)."""
    rate = _parse(campaign.source_text, campaign.id) if campaign.source_text else None
    if rate is None:
        try:
            bundled = load_campaign(campaign.id)
        except CampaignError:
            return None
        if bundled.source_text and bundled.source_text != campaign.source_text:
            rate = _parse(bundled.source_text, bundled.id)
    return rate


def compute_fctva(dossier: Dossier, campaign: Campaign, result: Result) -> FctvaResult | None:
    """The FCTVA estimate when the dossier asks for it, amounts TTC and a rate is known."""
    if not dossier.parametres.fctva or dossier.parametres.base != "TTC":
        return None
    rate = fctva_rate(campaign)
    if rate is None:
        return None
    volets = {"equipement": result.equipment, "services": result.services}
    base = sum((volets[v].expense for v in rate.volets), ZERO)
    amount = cents(base * rate.taux)
    explanation = "\n".join(
        [
            f"FCTVA estimé : {rate.label} de la {rate.base_label} ({euros(base)}) = "
            f"{euros(amount)}.",
            f"Reste à charge après subvention de l'État : {euros(result.remaining)} ; "
            f"après FCTVA : {euros(result.remaining - amount)}.",
            NOT_SUBSIDY,
            rate.source_text,
        ]
    )
    return FctvaResult(rate, base, amount, result.remaining, explanation)


def fctva_data(fctva: FctvaResult) -> dict[str, str]:
    """The ``fctva`` key of ``summary --json`` (docs/json-extensions.md), amounts as strings."""
    return {
        "taux": str(fctva.rate.taux),
        "source": fctva.rate.source,
        "date": fctva.rate.date,
        "base": to_json(fctva.base),
        "montant": to_json(fctva.amount),
        "reste_a_charge_apres_fctva": to_json(fctva.remaining_after),
    }


def fctva_unavailable_reason(dossier: Dossier, campaign: Campaign) -> str | None:
    """Why the estimate is not shown although asked for (French), or None."""
    if not dossier.parametres.fctva:
        return None
    if dossier.parametres.base != "TTC":
        return "montants HT : le FCTVA se calcule sur la dépense TTC"
    if fctva_rate(campaign) is None:
        return "les règles de la campagne ne donnent pas de taux de FCTVA"
    return None
