"""Page 6 « Récapitulatif »: the plan de financement and its details, the socle, the warnings.

Every figure is read from the ``Result`` of ``compute``; nothing is computed here. Export and
printing belong to the main window: this page only offers the buttons and emits the requests.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from socle_desktop.domain.diagnostic import STATUS_LABELS, Status
from socle_desktop.domain.model import Existant
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import Result
from socle_desktop.gui.models.lines import category_label
from socle_desktop.gui.models.rows import Cell, RowsModel
from socle_desktop.gui.pages.common import LazyPage

EXISTANT_WORDS = {Existant.ABSENT: "absent", Existant.PRESENT: "présent",
                  Existant.OBSOLETE: "obsolète"}
STATUS_COLORS = {
    Status.COVERED: "#dff0d8",
    Status.PARTIAL: "#fcf0d2",
    Status.MISSING: "#f6d5d1",
    Status.OPTIONAL: "#eeeeee",
}
PLAN_COLUMNS = ("Volet", "Dépense", "Dépense éligible", "Taux", "Subvention", "Reste à charge")
NAME_MAX_WIDTH = 300


def _two_lines(label: str) -> str:
    """« Terminaux mobiles » → « Terminaux\nmobiles » (at the space nearest the middle)."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1:]


class _Table(QTableView):
    """A read-only table of ``Cell`` rows; with ``spread``, number columns share the width."""

    def __init__(self, headers, spread: bool = False):
        super().__init__()
        self.spread = spread
        self.rows_model = RowsModel(list(headers), self)
        self.setModel(self.rows_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(not spread)
        self.horizontalHeader().setResizeContentsPrecision(0)  # measure the visible rows only
        self._unfitted = True

    def set_rows(self, rows: list[list[Cell]]) -> None:
        self.rows_model.set_rows(rows)
        self._unfitted = True
        if self.isVisible():  # a table in a hidden tab is sized when it is shown
            self.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._unfitted:
            self.fit()

    def cell_text(self, row: int, column: int) -> str:
        cell = self.rows_model.cell(row, column)
        return cell.text if cell else ""

    def fit(self) -> None:
        """Columns sized to their content, a long name capped (its tooltip shows it all)."""
        self._unfitted = False
        self.resizeColumnsToContents()
        if self.columnWidth(0) > NAME_MAX_WIDTH:
            self.setColumnWidth(0, NAME_MAX_WIDTH)
        columns = self.rows_model.columnCount()
        if self.spread and columns > 1:
            used = sum(self.columnWidth(c) for c in range(columns))
            extra = self.viewport().width() - used
            if extra > 0:
                for c in range(1, columns):
                    self.setColumnWidth(c, self.columnWidth(c) + extra // (columns - 1))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.spread:
            self.fit()


class RecapitulatifPage(LazyPage):
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
        self.plan_table = _Table(PLAN_COLUMNS, spread=True)
        self.plan_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.plan_table.setAccessibleName("Plan de financement")
        self.plan_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plan_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.share_label = QLabel()
        self.share_label.setWordWrap(True)

        self.export_button = QPushButton("E&xporter en PDF…")
        self.export_button.setToolTip("Écrire le dossier complet dans un fichier PDF")
        self.export_button.clicked.connect(self.exportRequested)
        self.print_button = QPushButton("&Imprimer…")
        self.print_button.setToolTip("Imprimer le dossier complet")
        self.print_button.clicked.connect(self.printRequested)

        self.communes_table = _Table(
            ("Commune", "Dépense", "Dépense éligible", "Base retenue", "Subvention",
             "Calcul par tranches"))
        school_headers = ["École", "Classes", "Dépense", "Plafond", "Dépense éligible",
                          "Au-delà du plafond", "Observation"]
        self.schools_table = _Table(school_headers)
        self.schools_table.rows_model.set_headers(school_headers, [
            "", "Classes de cycles 2 et 3 (CP à CM2)", "Dépense d'équipement de l'école",
            f"{euros(session.campaign.plafond_par_classe)} par classe de cycles 2 et 3",
            "Dépense retenue pour la subvention",
            "Part de la dépense au-delà du plafond, à la charge de la collectivité", ""])
        socle = session.campaign.socle
        # two-line headers: nine columns beside the panel at 1366×768
        socle_headers = ["École", "Socle\natteint",
                         *(_two_lines(category_label(i.id)) for i in socle)]
        self.socle_table = _Table(socle_headers)
        self.socle_table.rows_model.set_headers(
            socle_headers, ["", "L'école aura-t-elle tout le socle avec le projet ?",
                            *(i.libelle for i in socle)])
        self.communes_table.setAccessibleName("Détail par commune")
        self.schools_table.setAccessibleName("Détail par école")
        self.socle_table.setAccessibleName("Socle numérique de chaque école")
        self.alerts_model = QStringListModel(self)
        self.alerts_list = QListView()
        self.alerts_list.setModel(self.alerts_model)
        self.alerts_list.setWordWrap(True)
        self.alerts_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alerts_list.setSpacing(2)
        self.alerts_list.setAccessibleName("Points d'attention")
        self.explanation_text = QPlainTextEdit()
        self.explanation_text.setReadOnly(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.schools_table, "Par école")
        self.tabs.addTab(self.communes_table, "Par commune")
        self.tabs.addTab(self.socle_table, "Socle numérique")
        self.tabs.addTab(self.alerts_list, "Points d'attention")
        self.tabs.addTab(self.explanation_text, "Calcul détaillé")

        buttons = QHBoxLayout()
        buttons.addWidget(self.share_label, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_table)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        for first, second in [(self.export_button, self.print_button),
                              (self.print_button, self.tabs)]:
            self.setTabOrder(first, second)
        self.redraw(session.result)

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self, result: Result) -> None:
        self._draw_plan(result)
        self._draw_communes(result)
        self._draw_schools(result)
        self._draw_socle()
        self._draw_alerts(result)
        self.explanation_text.setPlainText(
            "Équipement\n" + result.equipment.explanation
            + "\n\nServices et ressources\n" + result.services.explanation)

    def _draw_plan(self, result: Result) -> None:
        rows = []
        for name, volet in (("Équipement", result.equipment),
                            ("Services et ressources", result.services)):
            rate = percent_fr(volet.rate, 1) if volet.eligible else "—"
            rows.append([Cell(name), Cell(euros(volet.expense), True),
                         Cell(euros(volet.eligible), True),
                         Cell(rate, True, "Subvention rapportée à la dépense éligible"),
                         Cell(euros(volet.subsidy), True), Cell(euros(volet.remaining), True)])
        total_eligible = result.equipment.eligible + result.services.eligible
        rows.append([Cell("Total", bold=True), Cell(euros(result.expense), True, bold=True),
                     Cell(euros(total_eligible), True, bold=True), Cell("", True),
                     Cell(euros(result.subsidy), True, bold=True),
                     Cell(euros(result.remaining), True, bold=True)])
        self.plan_table.set_rows(rows)
        height = self.plan_table.horizontalHeader().sizeHint().height()
        height += 2 * self.plan_table.frameWidth()
        height += sum(self.plan_table.rowHeight(r) for r in range(len(rows)))
        self.plan_table.setFixedHeight(height)
        self.share_label.setText(
            f"L'État finance {percent_fr(result.rate, 1)} de la dépense totale ; "
            f"reste à la charge de la collectivité : {euros(result.remaining)}."
            if result.expense else "Aucune dépense n'est encore saisie.")

    def _draw_communes(self, result: Result) -> None:
        rows = []
        for c in result.communes:
            bands = " + ".join(f"{percent_fr(b.rate)} × {euros(b.amount)}"
                               for b in c.bands if b.amount > 0) or "—"
            base_tip = (f"Dépense éligible plafonnée par commune ({euros(c.above_ceiling)} "
                        "au-delà)" if c.above_ceiling > 0 else "")
            rows.append([Cell(f"{c.nom} ({c.insee})"), Cell(euros(c.expense), True),
                         Cell(euros(c.eligible), True), Cell(euros(c.base), True, base_tip),
                         Cell(euros(c.subsidy), True), Cell(bands)])
        self.communes_table.set_rows(rows)

    def _draw_schools(self, result: Result) -> None:
        rows = []
        for s in result.schools:
            colour, tip = "", ""
            if s.excluded_because:
                note, colour = f"Exclue : {s.excluded_because}", "#b03a2e"
            elif s.above_cap > 0:
                note = "Plafond atteint"
                tip = (f"{euros(s.above_cap)} au-delà du plafond restent à la charge de la "
                       "collectivité")
            elif s.subsidisable < s.expense:
                note = f"{euros(s.expense - s.subsidisable)} hors socle"
                tip = "Articles non subventionnables (hors socle ou coûts récurrents)"
            else:
                note = "Éligible"
            rows.append([Cell(s.nom or s.uai), Cell(str(s.classes_cycles_2_3), True),
                         Cell(euros(s.expense), True), Cell(euros(s.cap), True),
                         Cell(euros(s.eligible), True),
                         Cell(euros(s.above_cap) if s.above_cap else "—", True),
                         Cell(note, tip=tip, foreground=colour)])
        self.schools_table.set_rows(rows)

    def _draw_socle(self) -> None:
        diagnostics = self.session.diagnostics()
        rows = []
        for school in self.session.dossier.ecoles:
            diagnostic = diagnostics.get(school.id)
            if diagnostic is None:
                continue
            missing = ", ".join(category_label(d.item.id).lower() for d in diagnostic.missing)
            reached = diagnostic.reaches_socle
            row = [Cell(school.nom or school.uai),
                   Cell("Oui" if reached else "Non", tip="" if reached else f"Manque : {missing}",
                        background=STATUS_COLORS[Status.COVERED if reached else Status.MISSING])]
            for d in diagnostic.items:
                text = STATUS_LABELS[d.status]
                if d.status == Status.PARTIAL:
                    text = f"{d.planned} sur {d.needed}"
                tip = (f"{d.item.libelle} : existant « {EXISTANT_WORDS[d.existant]} », "
                       f"prévu {d.planned}, nécessaire {d.needed}")
                row.append(Cell(text, tip=tip, background=STATUS_COLORS[d.status]))
            rows.append(row)
        self.socle_table.set_rows(rows)

    def _draw_alerts(self, result: Result) -> None:
        messages = [f"⚠ {alert.message}" for alert in result.alerts]
        self.alerts_model.setStringList(messages or ["Aucun point d'attention."])
        index = self.tabs.indexOf(self.alerts_list)
        count = len(result.alerts)
        self.tabs.setTabText(index, f"Points d'attention ({count})" if count
                             else "Points d'attention")
