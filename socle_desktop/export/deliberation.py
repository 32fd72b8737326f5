"""The draft délibération (« projet de délibération ») the secrétaire de mairie adapts: the
council of the porteur approves the project and its plan de financement, asks the State for its
subsidy and authorises the maire or the président to sign. Amounts in figures and in words;
the gaps to fill (date of the session, number, votes) are marked and highlighted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.plan import PLAN_HEADERS, RATE_MEANING, Plan, financing_plan
from socle_desktop.domain.presentation import assembly, plural
from socle_desktop.domain.rules import Result, compute
from socle_desktop.export.amount_words import euros_in_words
from socle_desktop.export.blocks import Document, Run, TableBlock, blank
from socle_desktop.export.files import ExportError, check_target, filed, write_bytes
from socle_desktop.export.workbook import clean_text

SUFFIXES = (".odt", ".docx")


def amount(value: Decimal) -> str:
    """« 14 700,00 € (quatorze mille sept cents euros) »."""
    return f"{euros(value)} ({euros_in_words(value)})"


def deliberation(dossier: Dossier, campaign: Campaign, result: Result) -> Document:
    porteur = dossier.porteur
    who = assembly(porteur.type)
    name = clean_text(porteur.nom.strip()) or "[nom du porteur]"
    base = dossier.parametres.base
    plan = financing_plan(dossier, campaign, result)
    doc = Document(f"Projet de délibération — {name}")
    doc.para(name, style="subtitle")
    doc.para("Projet de délibération", style="title")
    doc.para(
        f"Séance {who.of_council} du ",
        blank("date de la séance"),
        " — Délibération n° ",
        blank("numéro"),
        style="center",
    )
    doc.para(
        "Date de la convocation : ",
        blank("date"),
        " — Membres en exercice : ",
        blank("nombre"),
        ", présents : ",
        blank("nombre"),
        ", votants : ",
        blank("nombre"),
        style="center",
    )
    doc.para(
        Run("Objet : ", bold=True),
        f"appel à projets « {campaign.nom} » — approbation du projet et du plan de "
        "financement, demande de subvention de l'État",
    )
    doc.para(Run(f"{who.council},", bold=True))
    doc.para("Vu le code général des collectivités territoriales ;")
    doc.para(
        f"Vu l'appel à projets « {campaign.nom} », lancé par le ministère de l'Éducation "
        "nationale en janvier 2021 dans le cadre du plan de relance (continuité "
        "pédagogique) ;"
    )
    doc.para(
        "Considérant que le projet, préparé avec les équipes pédagogiques et "
        "l'inspection de l'Éducation nationale, vise à doter les écoles élémentaires d'un "
        "socle numérique de base (équipement des classes, terminaux mobiles, réseau, "
        "services et ressources numériques) ;"
    )
    _schools(doc, dossier, result)
    doc.para(f"Considérant le plan de financement suivant (montants {base}) :")
    doc.table(_plan_table(plan))
    doc.para(RATE_MEANING)  # the total's rate is over the eligible expense, not the whole one
    doc.para(f"Entendu l'exposé {who.of_signatory}, ", blank("M. ou Mme, nom"), ",")
    doc.para(
        "Après en avoir délibéré, par ",
        blank("nombre"),
        " voix pour, ",
        blank("nombre"),
        " voix contre et ",
        blank("nombre"),
        " abstentions,",
    )
    doc.para(
        Run("APPROUVE", bold=True),
        " le projet d'équipement numérique des écoles "
        f"présenté, pour une dépense totale {base} de {amount(result.expense)} ;",
        style="decision",
    )
    doc.para(Run("APPROUVE", bold=True), " le plan de financement ci-dessus ;", style="decision")
    doc.para(
        Run("SOLLICITE", bold=True),
        f" une subvention de l'État de {amount(result.subsidy)}"
        f" au titre de l'appel à projets « {campaign.nom} », soit "
        f"{percent_fr(result.rate, 1)} de la dépense, dont {euros(result.equipment.subsidy)}"
        f" pour le volet équipement et {euros(result.services.subsidy)} pour le volet "
        "services et ressources numériques ;",
        style="decision",
    )
    doc.para(
        Run("S'ENGAGE", bold=True),
        " à inscrire au budget les crédits nécessaires et à "
        f"financer la part restant à sa charge, soit {amount(result.remaining)} ;",
        style="decision",
    )
    if plan.fctva is not None:
        doc.para(
            Run("PREND ACTE", bold=True),
            " que cette part pourra être diminuée du fonds "
            "de compensation pour la TVA, estimé à "
            f"{amount(plan.fctva.amount)} ({plan.fctva.rate.label} de la dépense TTC "
            "d'équipement), qui ne fait pas partie de la subvention sollicitée ;",
            style="decision",
        )
    doc.para(
        Run("AUTORISE", bold=True),
        f" {who.signatory} à déposer le dossier de candidature,"
        " à signer la convention avec l'État et tout document relatif à ce projet.",
        style="decision",
    )
    doc.para(
        "Fait et délibéré à ",
        blank("lieu"),
        ", le ",
        blank("date de la séance"),
        ".",
        style="signature",
    )
    doc.para("Pour extrait conforme,", style="signature")
    doc.para(Run(who.signature, bold=True), style="signature")
    doc.para(blank("nom, signature et cachet"), style="signature")
    return doc


def _schools(doc: Document, dossier: Dossier, result: Result) -> None:
    names = {c.insee: c.nom for c in dossier.communes}
    doc.para("Considérant que le projet concerne les écoles suivantes :")
    if not dossier.ecoles:
        doc.para("– ", blank("écoles du projet"), style="decision")
    for school, computed in zip(dossier.ecoles, result.schools, strict=True):
        commune = names.get(school.commune, school.commune)
        details = [
            f"UAI {school.uai}" if school.uai else "",
            clean_text(commune),
            f"{plural(computed.classes_cycles_2_3, 'classe')} de cycles 2 et 3",
            plural(school.eleves, "élève"),
        ]
        doc.para(
            f"– {clean_text(school.nom) or 'école sans nom'} ("
            + ", ".join(part for part in details if part)
            + ") ;",
            style="decision",
        )


def _plan_table(plan: Plan) -> TableBlock:
    """The plan's rows as every front end shows them (``PlanRow.cells``)."""
    return TableBlock(
        PLAN_HEADERS,
        tuple(row.cells for row in plan.rows),
        widths=(3.2, 2.6, 2.6, 1.6, 2.6, 2.6),
    )


def write_deliberation(
    dossier: Dossier,
    campaign: Campaign,
    path: Path,
    result: Result | None = None,
    variant_id: str | None = None,
) -> None:
    """Write the draft to ``path`` (.odt or .docx), atomically; ExportError if not."""
    path = Path(path)
    check_target(path, SUFFIXES)
    dossier, result = filed(dossier, result, variant_id)
    result = compute(dossier, campaign) if result is None else result
    document = deliberation(dossier, campaign, result)
    try:
        if path.suffix.lower() == ".odt":
            from socle_desktop.export.odt import odt_bytes

            data = odt_bytes(document)
        else:
            from socle_desktop.export.docx import docx_bytes

            data = docx_bytes(document)
    except Exception as error:  # noqa: BLE001 - told in French, never a traceback
        raise ExportError(f"{path} : le document n'a pas pu être composé ({error})") from error
    write_bytes(path, data)
