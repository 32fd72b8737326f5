"""The first page: who applies, for which communes, under which campaign, and the plan de
financement, then the equipment subsidy per commune and the services calculation."""

from __future__ import annotations

import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from socle_desktop.domain import presentation
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.dates import date_fr
from socle_desktop.domain.fctva import FctvaResult, compute_fctva
from socle_desktop.domain.model import PORTEUR_LABELS, Dossier
from socle_desktop.domain.money import euros, group_thousands, percent_fr
from socle_desktop.domain.plan import fctva_rows
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.rules import Result
from socle_desktop.report.closing import bands_fr
from socle_desktop.report.styles import (
    ACCENT,
    BOX_BG,
    CONTENT_WIDTH,
    FONT_BOLD,
    MUTED_HEX,
    Flowable,
    bold_row,
    grid_style,
    make_table,
    stylesheet,
)
from socle_desktop.report.text import Para, cell, markup, para


def _contact(dossier: Dossier) -> str:
    contact = dossier.porteur.contact
    who = ", ".join(part for part in (contact.nom, contact.fonction) if part.strip())
    return " — ".join(part for part in (who, contact.telephone, contact.courriel) if part.strip())


def _identity(dossier: Dossier, campaign: Campaign, result: Result, today: datetime.date) -> Table:
    styles = stylesheet()
    porteur = dossier.porteur
    classes = sum(len(s.classes) for s in dossier.ecoles)
    cycles = sum(s.classes_cycles_2_3 for s in result.schools)
    pupils = sum(s.eleves for s in dossier.ecoles)
    communes = ", ".join(f"{c.nom} ({c.insee})" for c in dossier.communes) or "—"
    rows = [
        ("Porteur du projet", porteur.nom or "(sans nom)"),
        ("Type de porteur", PORTEUR_LABELS[porteur.type]),
        ("SIREN", porteur.siren or "—"),
        ("Contact", _contact(dossier) or "—"),
        ("Communes concernées", communes),
        (
            "Écoles",
            f"{plural(len(dossier.ecoles), 'école')}, {plural(classes, 'classe')} dont "
            f"{group_thousands(cycles)} de cycles 2 et 3, {plural(pupils, 'élève')}",
        ),
        *_variant_row(dossier),
        ("Campagne", f"{campaign.nom} ({campaign.id}, version {campaign.version})"),
        ("Montants", f"exprimés {dossier.parametres.base}"),
        ("Date du dossier", date_fr(today)),
    ]
    data = [[Para(label, styles["cell_bold"]), para(value, "cell")] for label, value in rows]
    return make_table(
        data, [42 * mm, CONTENT_WIDTH - 42 * mm], grid_style(header_rows=0), repeat_rows=0
    )


def _two_lines(header: str) -> str:
    """« Dépense éligible » → « Dépense\néligible »: the first space breaks the line."""
    return header.replace(" ", "\n", 1)


def _variant_row(dossier: Dossier) -> list[tuple[str, str]]:
    """The variant printed, when the dossier has several: the retained one, or which."""
    if len(dossier.variantes) < 2:
        return []
    printed, retained = dossier.variante(dossier.courante), dossier.variante(dossier.retenue)
    if printed is None or retained is None:  # never: check_variants keeps both
        return []
    if printed.id == retained.id:
        return [
            (
                "Variante",
                f"« {printed.nom} », la variante retenue (sur {len(dossier.variantes)} étudiées)",
            )
        ]
    return [
        (
            "Variante",
            f"« {printed.nom} » — document de travail : la variante retenue du "
            f"dossier est « {retained.nom} »",
        )
    ]


def plan_table(result: Result) -> Table:
    """The rows of ``presentation.plan_lines``: per volet, then the total."""
    rows = [
        [
            header if i < 2 or i == 3 else _two_lines(header)
            for i, header in enumerate(presentation.PLAN_HEADERS)
        ]
    ]
    rows += [list(line.cells) for line in presentation.plan_lines(result)]
    widths = [36 * mm, 29 * mm, 29 * mm, 15 * mm, 32 * mm, 33 * mm]
    style = grid_style(zebra=False) + bold_row(len(rows) - 1)
    style += [
        ("FONTSIZE", (0, 1), (-1, -1), 9),
        ("LEADING", (0, 1), (-1, -1), 11.5),
        ("TOPPADDING", (0, 1), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 4.5),
    ]
    return make_table(rows, widths, style, right_from=1)


def _fctva_box(fctva: FctvaResult) -> list[Flowable]:
    """The FCTVA estimate, below the State's figures and visibly apart from them."""
    words = fctva_rows(fctva)
    text = (
        f"<b>{words.title}.</b> FCTVA estimé : {words.amount} ({words.share}, "
        f"{euros(fctva.base)}). {words.remaining_label} : <b>{words.remaining}</b>. "
        f"{words.note} {markup(words.source)}"
    )
    return [Spacer(1, 2 * mm), Para(text, stylesheet()["small"])]


def _key_figures(dossier: Dossier, result: Result) -> Table:
    """The two numbers a council asks for, large."""
    styles = stylesheet()
    big = styles["h2"].clone("big", spaceBefore=0, spaceAfter=0, fontSize=10.5, leading=19)
    data = [
        [
            Para(
                f"Subvention de l'État demandée<br/><font name='{FONT_BOLD}' size='16'>"
                f"{euros(result.subsidy)}</font><br/><font size='8.5' color='{MUTED_HEX}'>"
                f"soit {percent_fr(result.rate, 1)} de la dépense totale</font>",
                big,
            ),
            Para(
                f"Reste à charge de {presentation.payer(dossier.porteur.type)}<br/>"
                f"<font name='{FONT_BOLD}' size='16'>"
                f"{euros(result.remaining)}</font><br/><font size='8.5' color='{MUTED_HEX}'>"
                f"sur une dépense totale de {euros(result.expense)}</font>",
                big,
            ),
        ]
    ]
    return make_table(
        data,
        [CONTENT_WIDTH / 2] * 2,
        [
            ("BACKGROUND", (0, 0), (-1, -1), BOX_BG),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ],
        repeat_rows=0,
    )


def _communes_table(dossier: Dossier, result: Result) -> Table:
    rows = [
        [
            "Commune (code INSEE)",
            "Écoles",
            "Dépense",
            "Dépense\néligible",
            "Base\nretenue",
            "Subvention",
        ]
    ]
    name_width = 56 * mm
    for c in result.communes:
        schools = len(dossier.schools_of(c.insee))
        rows.append(
            [
                cell(f"{c.nom} ({c.insee})", name_width),
                str(schools),
                euros(c.expense),
                euros(c.eligible),
                euros(c.base),
                euros(c.subsidy),
            ]
        )
    rows.append(
        [
            "Total du volet équipement",
            "",
            euros(result.equipment.expense),
            "",
            euros(result.equipment.eligible),
            euros(result.equipment.subsidy),
        ]
    )
    widths = [name_width, 14 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm]
    return make_table(rows, widths, grid_style() + bold_row(len(rows) - 1), right_from=1)


def _bands_text(campaign: Campaign) -> str:
    return (
        f"Base retenue : somme des dépenses éligibles des écoles de la commune, plafonnée à "
        f"{euros(campaign.plafond_par_commune)}. Subvention par tranches : "
        f"{bands_fr(campaign)} ; elle est arrondie pour chaque commune, et le volet est la "
        "somme des communes."
    )


def first_page(
    dossier: Dossier, campaign: Campaign, result: Result, today: datetime.date
) -> list[Flowable]:
    """Title, identity of the porteur, plan de financement, equipment per commune, services."""
    styles = stylesheet()
    flow: list[Flowable] = [
        Para("Dossier de candidature", styles["title"]),
        Para(f"Appel à projets « {markup(campaign.nom)} »", styles["subtitle"]),
        _identity(dossier, campaign, result, today),
        Para("Plan de financement", styles["h1"]),
        plan_table(result),
        Spacer(1, 3 * mm),
        Para(f"Montants {dossier.parametres.base}. {presentation.RATE_MEANING}", styles["small"]),
        Spacer(1, 2 * mm),
        _key_figures(dossier, result),
        *(_fctva_box(fctva) if (fctva := compute_fctva(dossier, campaign, result)) else []),
        Para("Volet équipement : subvention par commune", styles["h2"]),
        _communes_table(dossier, result),
        Spacer(1, 1.5 * mm),
        Para(_bands_text(campaign), styles["small"]),
        Para("Volet services et ressources", styles["h2"]),
    ]
    flow += [para(line, "body") for line in result.services.explanation.splitlines()]
    return flow
