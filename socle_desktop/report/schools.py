"""Per commune and per school: classes, every equipment and services line, the school's expense,
cap and eligible amount (or why it is excluded), and its socle diagnostic."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.diagnostic import SchoolDiagnostic
from socle_desktop.domain.model import SECTEUR_LABELS, Dossier, Line, School
from socle_desktop.domain.money import amount_fr, euros
from socle_desktop.domain.rules import Result, SchoolResult
from socle_desktop.report.diagnostic import diagnostic_summary, diagnostic_table
from socle_desktop.report.styles import (
    BAD,
    BOX_BG,
    FONT_BOLD,
    SECTION_BG,
    bold_row,
    grid_style,
    stylesheet,
)
from socle_desktop.report.text import cell, markup, plural

RECAP_WIDTHS = [60 * mm, 42 * mm, 15 * mm, 19 * mm, 19 * mm, 19 * mm]
CLASS_WIDTHS = [74 * mm, 46 * mm, 18 * mm, 36 * mm]
LINE_WIDTHS = [96 * mm, 18 * mm, 30 * mm, 30 * mm]


def _head(labels: tuple[str, ...], right_from: int) -> list[Paragraph]:
    styles = stylesheet()
    return [Paragraph(label, styles["cell_head_right" if i >= right_from else "cell_head"])
            for i, label in enumerate(labels)]


def _commune_label(dossier: Dossier, insee: str) -> str:
    commune = dossier.commune(insee)
    return f"{commune.nom} ({insee})" if commune else f"{insee} (hors dossier)"


# --- the summary table ------------------------------------------------------------------------


def recap_table(dossier: Dossier, result: Result) -> Table:
    """One row per school: classes, expense, cap, eligible (« exclue » and why when it is)."""
    styles = stylesheet()
    rows = [_head(("École (UAI)", "Commune", "Classes", "Dépense", "Plafond",
                   "Éligible"), right_from=2)]
    for sr in result.schools:
        name = f"<b>{markup(sr.nom or '(école sans nom)')}</b><br/>{markup(sr.uai)}"
        if sr.excluded_because:
            name += f"<br/><font color='#a11d1d'>Exclue : {markup(sr.excluded_because)}</font>"
        rows.append([Paragraph(name, styles["cell"]),
                     cell(_commune_label(dossier, sr.commune), RECAP_WIDTHS[1]),
                     str(sr.classes_cycles_2_3), amount_fr(sr.expense), amount_fr(sr.cap),
                     amount_fr(sr.eligible)])
    table = Table(rows, colWidths=RECAP_WIDTHS, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(right_from=2)))
    return table


# --- one school -------------------------------------------------------------------------------


def _classes_table(school: School) -> Table:
    rows = [_head(("Classe", "Niveaux", "Élèves", "Compte pour le plafond"), right_from=2)]
    for classroom in school.classes:
        rows.append([cell(classroom.nom or "(sans nom)", CLASS_WIDTHS[0]),
                     cell(", ".join(classroom.niveaux) or "—", CLASS_WIDTHS[1]),
                     str(classroom.eleves), "oui" if classroom.cycle_2_3 else "non (hors CP-CM2)"])
    table = Table(rows, colWidths=CLASS_WIDTHS, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(right_from=2)))
    return table


def _line_row(line: Line, dossier: Dossier) -> list:
    label = line.libelle or line.article
    if not is_subsidisable(line, dossier):
        label += " (non subventionnable)"
    return [cell(label, LINE_WIDTHS[0]), str(line.quantite), amount_fr(line.prix_unitaire),
            amount_fr(line_amount(line, dossier))]


def _lines_table(school: School, sr: SchoolResult, dossier: Dossier) -> Table:
    """Every line, grouped by class, then the school's own equipment, then services."""
    params = dossier.parametres
    rows = [_head(("Article", "Quantité", f"Prix unitaire {params.prix_saisis} (€)",
                   f"Montant {params.base} (€)"), right_from=1)]
    style = grid_style(right_from=1, zebra=False)

    def section(title: str, lines: list[Line]) -> None:
        if not lines:
            return
        row = len(rows)
        rows.append([cell(title, sum(LINE_WIDTHS), bold=True), "", "", ""])
        style.extend([("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row),
                                                       SECTION_BG),
                      ("FONTNAME", (0, row), (-1, row), FONT_BOLD)])
        rows.extend(_line_row(line, dossier) for line in lines)

    for classroom in school.classes:
        section(f"Classe {classroom.nom}", classroom.lignes)
    section("Équipement commun de l'école", school.lignes)
    if school.equipment_lines():
        rows.append(["Dépense d'équipement de l'école", "", "", amount_fr(sr.expense)])
        style.extend(bold_row(len(rows) - 1))
    section("Services et ressources (deux années scolaires)", school.services)
    if len(rows) == 1:
        rows.append(["Aucune ligne d'équipement ni de services.", "", "", ""])
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=LINE_WIDTHS, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _figures(sr: SchoolResult, campaign: Campaign) -> Table:
    """Expense, cap, eligible amount, and the exclusion if any, in a tinted box."""
    styles = stylesheet()
    rows = [["Dépense d'équipement", euros(sr.expense)]]
    if sr.subsidisable != sr.expense:
        rows.append(["dont dépense subventionnable (socle)", euros(sr.subsidisable)])
    rows.append([f"Plafond : {plural(sr.classes_cycles_2_3, 'classe')} de cycles 2 et 3 × "
                 f"{euros(campaign.plafond_par_classe)}", euros(sr.cap)])
    if sr.above_cap > 0:
        rows.append(["Part au-delà du plafond, à la charge de la collectivité",
                     euros(sr.above_cap)])
    rows.append(["Dépense éligible de l'école", euros(sr.eligible)])
    style = [("BACKGROUND", (0, 0), (-1, -1), BOX_BG), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
             ("FONTNAME", (0, len(rows) - 1), (-1, len(rows) - 1), FONT_BOLD)]
    if sr.excluded_because:
        rows.append([Paragraph(f"<font color='#a11d1d'><b>École exclue de la subvention "
                               f"d'équipement</b> : {markup(sr.excluded_because)}.</font>",
                               styles["cell"]), ""])
        style += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                  ("TEXTCOLOR", (0, len(rows) - 1), (-1, -1), BAD)]
    table = Table(rows, colWidths=[134 * mm, 40 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(header_rows=0, zebra=False) + style))
    return table


def school_section(school: School, sr: SchoolResult, diagnostic: SchoolDiagnostic,
                   dossier: Dossier, campaign: Campaign) -> list:
    styles = stylesheet()
    facts = [f"UAI {school.uai or '—'}", SECTEUR_LABELS[school.secteur],
             plural(school.eleves, "élève"),
             f"{plural(len(school.classes), 'classe')} dont {school.cycle_2_3_classes} de "
             "cycles 2 et 3", f"commune : {_commune_label(dossier, school.commune)}"]
    flow = [
        CondPageBreak(70 * mm),
        Paragraph(markup(school.nom or "(école sans nom)"), styles["h2"]),
        Paragraph(markup(" · ".join(facts)), styles["small"]),
    ]
    if school.classes:
        flow += [Paragraph("Classes", styles["h3"]), _classes_table(school)]
    flow += [Paragraph("Équipement et services", styles["h3"]),
             _lines_table(school, sr, dossier), Spacer(1, 2.5 * mm), _figures(sr, campaign),
             KeepTogether([Paragraph("Diagnostic du socle numérique", styles["h3"]),
                           diagnostic_table(diagnostic), Spacer(1, 1.5 * mm),
                           diagnostic_summary(diagnostic)])]
    return flow


# --- every commune ----------------------------------------------------------------------------


def schools_detail(dossier: Dossier, campaign: Campaign, result: Result,
                   diagnostics: dict[str, SchoolDiagnostic]) -> list:
    """The detail, commune by commune; schools whose commune is not in the dossier come last."""
    styles = stylesheet()
    by_id = {sr.school_id: sr for sr in result.schools}
    flow: list = []
    groups = [(f"{c.nom} ({c.insee})", c) for c in result.communes]
    known = {c.insee for c in dossier.communes}
    for title, commune in groups:
        schools = dossier.schools_of(commune.insee)
        flow += [CondPageBreak(90 * mm), Paragraph("Commune : " + markup(title), styles["h1"]),
                 Paragraph(f"{plural(len(schools), 'école')} — dépense d'équipement "
                           f"{euros(commune.expense)}, dépense éligible {euros(commune.eligible)}, "
                           f"subvention d'équipement {euros(commune.subsidy)}.", styles["body"])]
        if not schools:
            flow.append(Paragraph("Aucune école de cette commune n'est saisie.", styles["body"]))
        for school in schools:
            flow += school_section(school, by_id[school.id], diagnostics[school.id], dossier,
                                   campaign)
    orphans = [s for s in dossier.ecoles if s.commune not in known]
    if orphans:
        flow.append(Paragraph("Écoles rattachées à une commune absente du dossier", styles["h1"]))
        for school in orphans:
            flow += school_section(school, by_id[school.id], diagnostics[school.id], dossier,
                                   campaign)
    return flow
