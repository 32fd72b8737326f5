"""The plan de financement as plain French text (``summary`` and the headless start)."""

from __future__ import annotations

from socle_desktop.domain.campaign import Campaign, setting_label
from socle_desktop.domain.fctva import FctvaResult
from socle_desktop.domain.model import PORTEUR_LABELS, Dossier
from socle_desktop.domain.money import euros
from socle_desktop.domain.plan import (
    PLAN_HEADERS,
    RATE_MEANING,
    PlanRow,
    fctva_rows,
    financing_plan,
)
from socle_desktop.domain.presentation import plural, share
from socle_desktop.domain.rules import Result


def plan_table_text(plan_rows: tuple[PlanRow, ...]) -> list[str]:
    """The plan de financement's rows (``plan.plan_rows``) in aligned columns."""
    rows = [PLAN_HEADERS, *(row.cells for row in plan_rows)]
    widths = [max(len(row[c]) for row in rows) for c in range(len(PLAN_HEADERS))]
    return [
        f"{row[0]:<{widths[0]}}"
        + "".join(f"  {cell:>{w}}" for cell, w in zip(row[1:], widths[1:], strict=True))
        for row in rows
    ]


def fctva_lines(fctva: FctvaResult) -> list[str]:
    """The FCTVA estimate under the plan, apart from the State's figures."""
    words = fctva_rows(fctva)
    width = max(len(label) for label, _ in words.rows)
    amount = max(len(value) for _, value in words.rows)
    return [
        f"{words.title} :",
        *(f"  {label:<{width}}  {value:>{amount}}" for label, value in words.rows),
    ]


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


def _variant_line(dossier: Dossier) -> list[str]:
    """Which variant the plan is of, when the dossier has several."""
    if len(dossier.variantes) < 2:
        return []
    variant, kept = dossier.variante(dossier.courante), dossier.variante(dossier.retenue)
    if variant is None or kept is None:  # never: check_variants keeps both
        return []
    retained = (
        " (la variante retenue)"
        if variant.id == kept.id
        else (f" (la variante retenue est « {kept.nom} »)")
    )
    return [f"Variante : « {variant.nom} »{retained}, sur {len(dossier.variantes)}"]


def plan_text(dossier: Dossier, campaign: Campaign, result: Result) -> str:
    porteur = dossier.porteur
    plan = financing_plan(dossier, campaign, result)
    out = [
        f"Plan de financement — {campaign.nom}",
        f"Porteur : {porteur.nom} ({PORTEUR_LABELS[porteur.type]})"
        + (f", SIREN {porteur.siren}" if porteur.siren else ""),
        f"Communes : {', '.join(f'{c.nom} ({c.insee})' for c in dossier.communes) or '—'}",
        f"Écoles : {len(dossier.ecoles)}, classes de cycles 2 et 3 : "
        f"{sum(s.classes_cycles_2_3 for s in result.schools)}",
        *_variant_line(dossier),
        *_rules_lines(dossier, campaign),
        "",
        *plan_table_text(plan.rows),
        RATE_MEANING + " " + share(result, porteur.type),
    ]
    if plan.fctva is not None:
        out += ["", *fctva_lines(plan.fctva)]
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
            f"  {s.nom} ({s.uai}) — {plural(s.classes_cycles_2_3, 'classe')}, dépense "
            f"{euros(s.expense)}, {status}"
        )
    if result.alerts:
        out.append("")
        out.append("Alertes :")
        out.extend(f"  • {a.message}" for a in result.alerts)
    return "\n".join(out) + "\n"
