"""Page 6 « Récapitulatif »: the plan de financement and its details, the socle, the warnings.

Every figure is read from the ``Result`` of ``compute``; nothing is computed here. Export and
printing belong to the main window: this page only offers the buttons and emits the requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import QLabel, QListView, QPlainTextEdit, QPushButton, QTabWidget

from socle_desktop.domain import presentation
from socle_desktop.domain.diagnostic import STATUS_LABELS, Status
from socle_desktop.domain.fctva import compute_fctva
from socle_desktop.domain.model import Existant
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.plan import fctva_rows
from socle_desktop.domain.rules import Result
from socle_desktop.gui.models.rows import Cell
from socle_desktop.gui.pages.common import LazyPage

if TYPE_CHECKING:
    from socle_desktop.gui.tables import RowsTable

EXISTANT_WORDS = {
    Existant.ABSENT: "absent",
    Existant.PRESENT: "présent",
    Existant.OBSOLETE: "obsolète",
}


def _two_lines(label: str) -> str:
    """« Terminaux mobiles » → « Terminaux\nmobiles » (at the space nearest the middle)."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1 :]


class RecapitulatifPage(LazyPage):
    STEP = "recapitulatif"

    exportRequested = Signal()
    printRequested = Signal()

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Récapitulatif",
            "Le plan de financement du projet, le détail par commune et par école, le socle "
            "numérique de chaque école et les points d'attention.",
            parent=parent,
        )

    def build(self) -> None:
        """The page's widgets, made on its first visit (``DossierPage.ensure_built``)."""
        # Imported on the first visit: the start shows one page, and imports only its own widgets.
        from socle_desktop.gui.forms import load_form
        from socle_desktop.gui.generated.ui_recapitulatif_page import Ui_RecapitulatifForm
        from socle_desktop.gui.variant_bar import comparison_checkbox

        session = self.session
        form = self.form = load_form(Ui_RecapitulatifForm(), self)
        self.plan_table: RowsTable = form.plan_table
        self.plan_table.set_headers(list(presentation.PLAN_HEADERS), spread=True)
        self.share_label: QLabel = form.share_label

        self.export_button: QPushButton = form.export_button
        self.export_button.clicked.connect(self.exportRequested)
        self.print_button: QPushButton = form.print_button
        self.print_button.clicked.connect(self.printRequested)
        self.comparison_check = comparison_checkbox(form.buttons_row, self.export_button)

        self.communes_table: RowsTable = form.communes_table
        self.communes_table.set_headers(
            [
                "Commune",
                "Dépense",
                "Dépense éligible",
                "Base retenue",
                "Subvention",
                "Calcul par tranches",
            ]
        )
        self.schools_table: RowsTable = form.schools_table
        self.schools_table.set_headers(
            ["École", "Classes", "Dépense", "Plafond", "Éligible", "Hors plafond", "Observation"],
            [
                "",
                "Classes de cycles 2 et 3 (CP à CM2)",
                "Dépense d'équipement de l'école",
                f"{euros(session.campaign.plafond_par_classe)} par classe de cycles 2 et 3",
                "Dépense retenue pour la subvention",
                "Part de la dépense au-delà du plafond, qui reste à charge",
                "",
            ],
        )
        socle = session.campaign.socle
        # two-line headers: nine columns beside the panel at 1366×768
        self.socle_table: RowsTable = form.socle_table
        self.socle_table.set_headers(
            [
                "École",
                "Socle\natteint",
                *(_two_lines(presentation.category_label(i.id)) for i in socle),
            ],
            ["", "L'école aura-t-elle tout le socle avec le projet ?", *(i.libelle for i in socle)],
        )
        self.alerts_model = QStringListModel(self)
        self.alerts_list: QListView = form.alerts_list
        self.alerts_list.setModel(self.alerts_model)
        self.explanation_text: QPlainTextEdit = form.explanation_text
        self.tabs: QTabWidget = form.tabs
        self.redraw(session.result)

    # --- drawing ---------------------------------------------------------------------------

    def wants_comparison(self) -> bool:
        """The PDF asked with the page comparing the variants (ticked, several variants)."""
        if not self.built:  # never shown: its box was never ticked
            return False
        return self.comparison_check.isChecked() and len(self.session.dossier.variantes) > 1

    def redraw(self, result: Result) -> None:
        self.comparison_check.setVisible(len(self.session.dossier.variantes) > 1)
        self._draw_plan(result)
        self._draw_communes(result)
        self._draw_schools(result)
        self._draw_socle()
        self._draw_alerts(result)
        self.explanation_text.setPlainText(
            "Équipement\n"
            + result.equipment.explanation
            + "\n\nServices et ressources\n"
            + result.services.explanation
        )

    def _draw_plan(self, result: Result) -> None:
        rows = []
        for line in presentation.plan_lines(result):
            label, *figures = line.cells
            row = [Cell(label, bold=line.total)]
            row += [Cell(text, True, bold=line.total) for text in figures]
            row[3] = Cell(line.rate, True, presentation.RATE_MEANING, bold=line.total)
            rows.append(row)
        self.plan_table.set_rows(rows)
        height = self.plan_table.horizontalHeader().sizeHint().height()
        height += 2 * self.plan_table.frameWidth()
        height += sum(self.plan_table.rowHeight(r) for r in range(len(rows)))
        self.plan_table.setFixedHeight(height)
        share = presentation.share(result, self._porteur_type())
        fctva = compute_fctva(self.session.dossier, self.session.campaign, result)
        if fctva is not None:  # apart from the State's figures, on a line of its own
            share += "\n" + fctva_rows(fctva).sentence
        self.share_label.setText(share)

    def _draw_communes(self, result: Result) -> None:
        rows = []
        for c in result.communes:
            bands = (
                " + ".join(
                    f"{percent_fr(b.rate)} × {euros(b.amount)}" for b in c.bands if b.amount > 0
                )
                or "—"
            )
            base_tip = (
                f"Dépense éligible plafonnée par commune ({euros(c.above_ceiling)} au-delà)"
                if c.above_ceiling > 0
                else ""
            )
            rows.append(
                [
                    Cell(f"{c.nom} ({c.insee})"),
                    Cell(euros(c.expense), True),
                    Cell(euros(c.eligible), True),
                    Cell(euros(c.base), True, base_tip),
                    Cell(euros(c.subsidy), True),
                    Cell(bands),
                ]
            )
        self.communes_table.set_rows(rows)

    def _draw_schools(self, result: Result) -> None:
        rows = []
        porteur_type = self._porteur_type()
        for s in result.schools:
            note = presentation.school_note(s, porteur_type)
            rows.append(
                [
                    Cell(s.nom or s.uai),
                    Cell(str(s.classes_cycles_2_3), True),
                    Cell(euros(s.expense), True),
                    Cell(euros(s.cap), True),
                    Cell(euros(s.eligible), True),
                    Cell(euros(s.above_cap) if s.above_cap else "—", True),
                    Cell(note.text, tip=note.tip, state=note.state),
                ]
            )
        self.schools_table.set_rows(rows)

    def _porteur_type(self) -> str:
        return self.session.dossier.porteur.type

    def _draw_socle(self) -> None:
        diagnostics = self.session.diagnostics()
        rows = []
        for school in self.session.dossier.ecoles:
            diagnostic = diagnostics.get(school.id)
            if diagnostic is None:
                continue
            missing = ", ".join(
                presentation.category_label(d.item.id).lower() for d in diagnostic.missing
            )
            reached = diagnostic.reaches_socle
            row = [
                Cell(school.nom or school.uai),
                Cell(
                    "Oui" if reached else "Non",
                    tip="" if reached else f"Manque : {missing}",
                    background="ok" if reached else "error",
                ),
            ]
            for d in diagnostic.items:
                text = STATUS_LABELS[d.status]
                if d.status == Status.PARTIAL:
                    text = f"{d.planned} sur {d.needed}"
                tip = (
                    f"{d.item.libelle} : existant « {EXISTANT_WORDS[d.existant]} », "
                    f"prévu {d.planned}, nécessaire {d.needed}"
                )
                row.append(Cell(text, tip=tip, background=presentation.STATUS_STATES[d.status]))
            rows.append(row)
        self.socle_table.set_rows(rows)

    def _draw_alerts(self, result: Result) -> None:
        messages = [f"⚠ {alert.message}" for alert in result.alerts]
        self.alerts_model.setStringList(messages or ["Aucun point d'attention."])
        index = self.tabs.indexOf(self.alerts_list)
        count = len(result.alerts)
        self.tabs.setTabText(
            index, f"Points d'attention ({count})" if count else "Points d'attention"
        )
