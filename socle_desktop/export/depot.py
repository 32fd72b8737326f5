"""The fiche de dépôt: every value the démarches-simplifiées form asks, in the order of the
dossier de candidature, ready to copy; then the attachments to prepare.

Amounts are given as the form's number fields take them: digits, a decimal comma, no space
and no « € » (« 14700,00 »); counts as plain digits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.model import PORTEUR_LABELS, SECTEUR_LABELS, Dossier, PorteurType
from socle_desktop.domain.money import cents
from socle_desktop.domain.plan import FCTVA_REMAINING, STATE_SHARE, Plan, financing_plan
from socle_desktop.domain.presentation import assembly
from socle_desktop.domain.rules import Result, compute

ATTACHMENTS_RUBRIQUE = "Pièces à joindre"
Add = Callable[[str, str, object], None]  # (rubrique, champ, valeur)


@dataclass(frozen=True)
class Entry:
    rubrique: str
    champ: str
    valeur: str


def form_amount(amount: Decimal) -> str:
    """« 14700,00 »: what a number field of the online form accepts."""
    return f"{cents(amount):.2f}".replace(".", ",")


def form_rate(rate: Decimal) -> str:
    """« 45,59 » (a percentage, two decimals)."""
    return f"{cents(rate * 100):.2f}".replace(".", ",")


def fiche(
    dossier: Dossier,
    campaign: Campaign,
    result: Result | None = None,
    variant_id: str | None = None,
) -> list[Entry]:
    """The values of the form (the retained variant unless told), then the attachments
    (rubrique « Pièces à joindre »)."""
    from socle_desktop.export.files import filed

    dossier, result = filed(dossier, result, variant_id)
    result = compute(dossier, campaign) if result is None else result
    entries: list[Entry] = []

    def add(rubrique: str, champ: str, valeur: object) -> None:
        entries.append(Entry(rubrique, champ, str(valeur)))

    porteur, contact = dossier.porteur, dossier.porteur.contact
    add("Porteur du projet", "Type de porteur", PORTEUR_LABELS[porteur.type])
    add("Porteur du projet", "Nom (raison sociale)", porteur.nom)
    add("Porteur du projet", "Numéro SIREN", porteur.siren)
    for champ, value in (
        ("Nom", contact.nom),
        ("Fonction", contact.fonction),
        ("Téléphone", contact.telephone),
        ("Courriel", contact.courriel),
    ):
        add("Contact", champ, value)
    add("Communes concernées", "Nombre de communes", len(dossier.communes))
    for number, commune in enumerate(dossier.communes, 1):
        add("Communes concernées", f"Commune {number}", f"{commune.nom} ({commune.insee})")
    _schools(dossier, result, add)
    plan = financing_plan(dossier, campaign, result)
    _volets(plan, result.services_pupils, add)
    _plan(plan, dossier.parametres.base, result.rate, add)
    for champ, hint in attachments(dossier):
        add(ATTACHMENTS_RUBRIQUE, champ, hint)
    return entries


def _schools(dossier: Dossier, result: Result, add: Add) -> None:
    names = {c.insee: c.nom for c in dossier.communes}
    add("Écoles", "Nombre d'écoles", len(dossier.ecoles))
    add(
        "Écoles",
        "Nombre de classes de cycles 2 et 3",
        sum(s.classes_cycles_2_3 for s in result.schools),
    )
    add("Écoles", "Nombre d'élèves", sum(s.eleves for s in dossier.ecoles))
    for number, (school, computed) in enumerate(
        zip(dossier.ecoles, result.schools, strict=True), 1
    ):
        rubrique = f"École {number}"
        add(rubrique, "Nom de l'école", school.nom)
        add(rubrique, "UAI", school.uai)
        commune = names.get(school.commune)
        add(rubrique, "Commune", f"{commune} ({school.commune})" if commune else school.commune)
        add(rubrique, "Secteur", SECTEUR_LABELS[school.secteur])
        add(rubrique, "Classes de cycles 2 et 3", computed.classes_cycles_2_3)
        add(rubrique, "Élèves", school.eleves)
        add(rubrique, "Dépense d'équipement", form_amount(computed.expense))
        add(rubrique, "Dépense éligible", form_amount(computed.eligible))
        if computed.excluded_because:
            add(rubrique, "Observation", f"exclue de la subvention : {computed.excluded_because}")


def _volets(plan: Plan, services_pupils: int, add: Add) -> None:
    """Each volet's row of the plan de financement (``plan.plan_rows``)."""
    equipment, services = plan.volets
    add("Volet équipement", "Dépense", form_amount(equipment.expense))
    add("Volet équipement", "Dépense éligible", form_amount(equipment.eligible))
    add("Volet équipement", "Subvention demandée", form_amount(equipment.subsidy))
    add("Volet services et ressources", "Dépense", form_amount(services.expense))
    add("Volet services et ressources", "Dépense éligible", form_amount(services.eligible))
    add("Volet services et ressources", "Élèves comptés pour le plafond", services_pupils)
    add("Volet services et ressources", "Subvention demandée", form_amount(services.subsidy))


def _plan(plan: Plan, base: str, state_share: Decimal, add: Add) -> None:
    """The total row of the plan, and the FCTVA estimate apart when the dossier shows it."""
    total, rubrique = plan.total, "Plan de financement"
    add(rubrique, f"Dépense totale ({base})", form_amount(total.expense))
    add(rubrique, "Subvention de l'État demandée", form_amount(total.subsidy))
    add(rubrique, f"{STATE_SHARE} (%)", form_rate(state_share))
    add(rubrique, "Autofinancement (reste à charge)", form_amount(total.remaining))
    if plan.fctva is not None:
        add(rubrique, "FCTVA estimé (hors subvention)", form_amount(plan.fctva.amount))
        add(
            rubrique,
            f"{FCTVA_REMAINING} (estimation)",
            form_amount(plan.fctva.remaining_after),
        )


def attachments(dossier: Dossier) -> list[tuple[str, str]]:
    """(attachment, where it comes from), in the order the form asks them."""
    council = assembly(dossier.porteur.type).of_council
    items = [
        (
            f"Délibération {council} approuvant le projet et le plan de financement",
            "projet : Fichier › Projet de délibération…, à faire voter et signer",
        ),
        (
            "Devis ou estimations détaillées des équipements et des services",
            "un par fournisseur, aux montants du dossier",
        ),
        ("Relevé d'identité bancaire (RIB) de la collectivité", "au nom du porteur"),
        (
            "Dossier de candidature (plan de financement et détail par école)",
            "Fichier › Exporter PDF…",
        ),
        ("Avis de l'IEN de circonscription ou projet pédagogique", "si l'académie le demande"),
    ]
    if dossier.porteur.type != PorteurType.COMMUNE:
        items.append(
            (
                "Statuts ou arrêté attestant la compétence scolaire du porteur",
                "EPCI, syndicat ou RPI",
            )
        )
    return items


def depot_data(entries: list[Entry]) -> list[dict[str, str]]:
    """``depot --json``: [{"rubrique", "champ", "valeur"}], in order."""
    return [{"rubrique": e.rubrique, "champ": e.champ, "valeur": e.valeur} for e in entries]


def depot_text(entries: list[Entry], dossier: Dossier) -> str:
    """The fiche for the terminal: each rubrique, its fields, then the checklist."""
    lines = [
        f"Fiche de dépôt — {dossier.porteur.nom or 'porteur sans nom'}",
        "Valeurs à reporter dans le formulaire démarches-simplifiées, dans l'ordre :",
    ]
    rubrique = None
    for entry in entries:
        if entry.rubrique != rubrique:
            rubrique = entry.rubrique
            lines += ["", f"{rubrique}"]
        if rubrique == ATTACHMENTS_RUBRIQUE:
            lines.append(f"  [ ] {entry.champ} ({entry.valeur})")
        else:
            lines.append(f"  {entry.champ} : {entry.valeur or '—'}")
    return "\n".join(lines) + "\n"
