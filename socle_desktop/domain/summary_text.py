"""The plan de financement as plain French text (``summary`` and the headless start)."""

from __future__ import annotations

from socle_desktop.domain.campaign import Campaign, setting_label
from socle_desktop.domain.model import PORTEUR_LABELS, Dossier
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import Result


def _row(label: str, *cells: str) -> str:
    return f"{label:<26}" + "".join(f"{cell:>16}" for cell in cells)


def _rules_lines(dossier: Dossier, campaign: Campaign) -> list[str]:
    """The settings the figures depend on, in the words of the PDF's rules page."""
    params = dossier.parametres
    prices = f"Montants {params.base}"
    if params.prix_saisis != params.base:
        prices += (
            f", prix saisis {params.prix_saisis} convertis ligne par ligne au taux de TVA "
            "de chaque article"
        )
    scope = setting_label("plafond_par_classe", params.plafond_par_classe)
    return [
        prices,
        f"Plafond de {euros(campaign.plafond_par_classe)} par classe appliqué {scope}",
        f"Subvention de chaque commune arrondie {setting_label('arrondi', params.arrondi)}",
    ]


def plan_text(dossier: Dossier, campaign: Campaign, result: Result) -> str:
    porteur = dossier.porteur
    out = [
        f"Plan de financement — {campaign.nom}",
        f"Porteur : {porteur.nom} ({PORTEUR_LABELS[porteur.type]})"
        + (f", SIREN {porteur.siren}" if porteur.siren else ""),
        f"Communes : {', '.join(f'{c.nom} ({c.insee})' for c in dossier.communes) or '—'}",
        f"Écoles : {len(dossier.ecoles)}, classes de cycles 2 et 3 : "
        f"{sum(s.classes_cycles_2_3 for s in result.schools)}",
        *_rules_lines(dossier, campaign),
        "",
        _row("Volet", "Dépense", "Éligible", "Taux", "Subvention", "Reste à charge"),
    ]
    for label, volet in (
        ("Équipement", result.equipment),
        ("Services et ressources", result.services),
    ):
        out.append(
            _row(
                label,
                euros(volet.expense),
                euros(volet.eligible),
                percent_fr(volet.rate, 1),
                euros(volet.subsidy),
                euros(volet.remaining),
            )
        )
    out.append(
        _row(
            "Total",
            euros(result.expense),
            "",
            percent_fr(result.rate, 1),
            euros(result.subsidy),
            euros(result.remaining),
        )
    )
    out.append("")
    out.append("Communes (volet équipement) :")
    for c in result.communes:
        out.append(
            f"  {c.nom} ({c.insee}) — dépense éligible {euros(c.base)}, subvention "
            f"{euros(c.subsidy)}"
        )
    out.append("")
    out.append("Écoles :")
    for s in result.schools:
        status = (
            f"exclue : {s.excluded_because}"
            if s.excluded_because
            else f"éligible {euros(s.eligible)}"
        )
        out.append(
            f"  {s.nom} ({s.uai}) — {s.classes_cycles_2_3} classe(s), dépense "
            f"{euros(s.expense)}, {status}"
        )
    if result.alerts:
        out.append("")
        out.append("Alertes :")
        out.extend(f"  • {a.message}" for a in result.alerts)
    return "\n".join(out) + "\n"
