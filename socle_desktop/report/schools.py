"""Per commune and per school: classes, every equipment and services line, the school's expense,
cap and eligible amount (or why it is excluded), and its socle diagnostic."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.diagnostic import SchoolDiagnostic
from socle_desktop.domain.model import SECTEUR_LABELS, Dossier, Line, School
from socle_desktop.domain.money import amount_fr, euros
from socle_desktop.domain.presentation import payer, plural
from socle_desktop.domain.rules import Result, SchoolResult
from socle_desktop.report.diagnostic import diagnostic_summary, diagnostic_table
from socle_desktop.report.styles import (
    BAD_HEX,
    BOX_BG,
    FONT_BOLD,
    SECTION_BG,
    Command,
    Flowable,
    bold_row,
    grid_style,
    make_table,
    stylesheet,
)
from socle_desktop.report.text import Para, cell, heading, markup

RECAP_WIDTHS = [60 * mm, 42 * mm, 15 * mm, 19 * mm, 19 * mm, 19 * mm]
CLASS_WIDTHS = [74 * mm, 46 * mm, 18 * mm, 36 * mm]
LINE_WIDTHS = [96 * mm, 18 * mm, 30 * mm, 30 * mm]


def _commune_label(dossier: Dossier, insee: str) -> str:
    commune = dossier.commune(insee)
    return f"{commune.nom} ({insee})" if commune else f"{insee} (hors dossier)"


# --- the summary table ------------------------------------------------------------------------


def recap_table(dossier: Dossier, result: Result) -> Table:
    """One row per school: classes, expense, cap, eligible (« exclue » and why when it is)."""
    styles = stylesheet()
    rows = [["École (UAI)", "Commune", "Classes", "Dépense", "Plafond", "Éligible"]]
    for sr in result.schools:
        name = f"<b>{markup(sr.nom or '(école sans nom)')}</b><br/>{markup(sr.uai)}"
        if sr.excluded_because:
            name += f"<br/><font color='{BAD_HEX}'>Exclue : {markup(sr.excluded_because)}</font>"
        rows.append(
            [
                Para(name, styles["cell"]),
                cell(_commune_label(dossier, sr.commune), RECAP_WIDTHS[1]),
                str(sr.classes_cycles_2_3),
                amount_fr(sr.expense),
                amount_fr(sr.cap),
                amount_fr(sr.eligible),
            ]
        )
    return make_table(rows, RECAP_WIDTHS, grid_style(), right_from=2)


# --- one school -------------------------------------------------------------------------------


def _classes_table(school: School) -> Table:
    rows = [["Classe", "Niveaux", "Élèves", "Compte pour\nle plafond"]]
    for classroom in school.classes:
        rows.append(
            [
                cell(classroom.nom or "(sans nom)", CLASS_WIDTHS[0]),
                cell(", ".join(classroom.niveaux) or "—", CLASS_WIDTHS[1]),
                str(classroom.eleves),
                "oui" if classroom.cycle_2_3 else "non (hors CP-CM2)",
            ]
        )
    return make_table(rows, CLASS_WIDTHS, grid_style(), right_from=2)


def _line_row(line: Line, dossier: Dossier) -> list[Flowable]:
    label = line.libelle or line.article
    if not is_subsidisable(line, dossier):
        label += " (non subventionnable)"
    return [
        cell(label, LINE_WIDTHS[0]),
        str(line.quantite),
        amount_fr(line.prix_unitaire),
        amount_fr(line_amount(line, dossier)),
    ]


def _class_title(name: str) -> str:
    """« Classe CP », but « Classe 5 » rather than « Classe Classe 5 »."""
    name = name or "(sans nom)"
    return name if name.casefold().startswith("classe") else f"Classe {name}"


def _lines_table(school: School, sr: SchoolResult, dossier: Dossier) -> Table:
    """Every line, grouped by class, then the school's own equipment, then services."""
    params = dossier.parametres
    rows = [
        [
            "Article",
            "Quantité",
            f"Prix unitaire\n{params.prix_saisis} (€)",
            f"Montant\n{params.base} (€)",
        ]
    ]
    style = grid_style(zebra=False)

    def section(title: str, lines: list[Line]) -> None:
        if not lines:
            return
        row = len(rows)
        rows.append([cell(title, sum(LINE_WIDTHS), bold=True), "", "", ""])
        style.extend(
            [
                ("SPAN", (0, row), (-1, row)),
                ("BACKGROUND", (0, row), (-1, row), SECTION_BG),
                ("FONTNAME", (0, row), (-1, row), FONT_BOLD),
            ]
        )
        rows.extend(_line_row(line, dossier) for line in lines)

    for classroom in school.classes:
        section(_class_title(classroom.nom), classroom.lignes)
    section("Équipement commun de l'école", school.lignes)
    if school.equipment_lines():
        rows.append(["Dépense d'équipement de l'école", "", "", amount_fr(sr.expense)])
        style.extend(bold_row(len(rows) - 1))
    section("Services et ressources (deux années scolaires)", school.services)
    if len(rows) == 1:
        rows.append(["Aucune ligne d'équipement ni de services.", "", "", ""])
        style.append(("SPAN", (0, 1), (-1, 1)))
    return make_table(rows, LINE_WIDTHS, style, right_from=1)


def _figures(sr: SchoolResult, campaign: Campaign, who_pays: str) -> Table:
    """Expense, cap, eligible amount, and the exclusion if any, in a tinted box."""
    styles = stylesheet()
    rows = [["Dépense d'équipement", euros(sr.expense)]]
    if sr.subsidisable != sr.expense:
        rows.append(["dont dépense subventionnable (socle)", euros(sr.subsidisable)])
    rows.append(
        [
            f"Plafond : {plural(sr.classes_cycles_2_3, 'classe')} de cycles 2 et 3 × "
            f"{euros(campaign.plafond_par_classe)}",
            euros(sr.cap),
        ]
    )
    if sr.pooled > 0:
        rows.append(
            [
                "Plafond mis en commun : part laissée libre par les autres écoles de la commune",
                euros(sr.pooled),
            ]
        )
    if sr.above_cap > 0:
        rows.append([f"Part au-delà du plafond, à la charge de {who_pays}", euros(sr.above_cap)])
    rows.append(["Dépense éligible de l'école", euros(sr.eligible)])
    eligible_row = len(rows) - 1
    if not sr.excluded_because:
        rows.append(
            [
                "Sa part de la subvention d'équipement de la commune (au prorata de la "
                "dépense éligible)",
                euros(sr.subsidy),
            ]
        )
    style: list[Command] = [
        ("BACKGROUND", (0, 0), (-1, -1), BOX_BG),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("FONTNAME", (0, eligible_row), (-1, eligible_row), FONT_BOLD),
    ]
    if sr.excluded_because:
        rows.append(
            [
                Para(
                    f"<font color='{BAD_HEX}'><b>École exclue de la subvention "
                    f"d'équipement</b> : {markup(sr.excluded_because)}.</font>",
                    styles["cell"],
                ),
                "",
            ]
        )
        style.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    return make_table(
        rows, [134 * mm, 40 * mm], grid_style(header_rows=0, zebra=False) + style, repeat_rows=0
    )


def _subheading(text: str) -> list[Flowable]:
    """A small heading never left alone at the foot of a page; the table under it may split."""
    return [CondPageBreak(30 * mm), Para(text, stylesheet()["h3"])]


def school_section(
    school: School,
    sr: SchoolResult,
    diagnostic: SchoolDiagnostic,
    dossier: Dossier,
    campaign: Campaign,
) -> list[Flowable]:
    styles = stylesheet()
    facts = [
        f"UAI {school.uai or '—'}",
        SECTEUR_LABELS[school.secteur],
        plural(school.eleves, "élève"),
        f"{plural(len(school.classes), 'classe')} dont {school.cycle_2_3_classes} de cycles 2 et 3",
        f"commune : {_commune_label(dossier, school.commune)}",
    ]
    flow = [
        CondPageBreak(70 * mm),
        Para(heading(school.nom or "(école sans nom)"), styles["h2"]),
        Para(markup(" · ".join(facts)), styles["small"]),
    ]
    if school.classes:
        flow += _subheading("Classes") + [_classes_table(school)]
    flow += _subheading("Équipement et services")
    flow += [
        _lines_table(school, sr, dossier),
        Spacer(1, 2.5 * mm),
        KeepTogether([_figures(sr, campaign, payer(dossier.porteur.type))]),
    ]
    flow.append(
        KeepTogether(
            [
                Para("Diagnostic du socle numérique", styles["h3"]),
                diagnostic_table(diagnostic),
                Spacer(1, 1.5 * mm),
                diagnostic_summary(diagnostic),
            ]
        )
    )
    return flow


# --- every commune ----------------------------------------------------------------------------


def schools_detail(
    dossier: Dossier, campaign: Campaign, result: Result, diagnostics: dict[str, SchoolDiagnostic]
) -> list[Flowable]:
    """The detail, commune by commune; schools whose commune is not in the dossier come last."""
    styles = stylesheet()
    by_id = {sr.school_id: sr for sr in result.schools}
    flow: list[Flowable] = []
    for commune in result.communes:
        schools = dossier.schools_of(commune.insee)
        title = heading(f"Commune : {commune.nom} ({commune.insee})")
        flow += [
            CondPageBreak(90 * mm),
            Para(title, styles["h1"]),
            Para(
                f"{plural(len(schools), 'école')} — dépense d'équipement "
                f"{euros(commune.expense)}, dépense éligible {euros(commune.eligible)}, "
                f"subvention d'équipement {euros(commune.subsidy)}.",
                styles["body"],
            ),
        ]
        if not schools:
            flow.append(Para("Aucune école de cette commune n'est saisie.", styles["body"]))
        for school in schools:
            flow += school_section(
                school, by_id[school.id], diagnostics[school.id], dossier, campaign
            )
    known = {c.insee for c in dossier.communes}
    orphans = [s for s in dossier.ecoles if s.commune not in known]
    if orphans:
        flow.append(Para("Écoles rattachées à une commune absente du dossier", styles["h1"]))
        for school in orphans:
            flow += school_section(
                school, by_id[school.id], diagnostics[school.id], dossier, campaign
            )
    return flow
