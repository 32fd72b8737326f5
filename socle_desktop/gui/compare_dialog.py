"""« Comparer les variantes »: the figures of every variant side by side, each one's difference
with the retained variant under it, per school on demand; retain a variant or go to it from
here. Everything shown comes from ``domain.comparison.compare`` (one ``compute()`` per
variant); nothing is computed in this dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.domain.comparison import FIGURES, SAME_PUPILS, Comparison, compare, tendency
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state, state_brush

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# A difference that costs the porteur more is a warning; one that saves, good news.
STATES = {"worse": "warning", "better": "ok", "": ""}


def _state(key: str, delta) -> str:
    return STATES[tendency(key, delta)]


def _table(name: str, accessible: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setMinimumSectionSize(120)
    return table


class CompareDialog(QDialog):
    def __init__(self, session: Session, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.actions = session, actions
        self.setObjectName("compare_dialog")
        self.setWindowTitle("Comparer les variantes")
        self.comparison: Comparison | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(SAME_PUPILS)
        self.intro.setWordWrap(True)
        set_state(self.intro, "muted")
        layout.addWidget(self.intro)
        self.figures_table = _table("figures_table", "Chiffres de chaque variante")
        layout.addWidget(self.figures_table, 3)
        self.headlines = QLabel()
        self.headlines.setObjectName("headlines_label")
        self.headlines.setWordWrap(True)
        self.headlines.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.headlines)
        self.schools_check = QCheckBox("&Détail par école (reste à charge de chaque école)")
        self.schools_check.setObjectName("schools_check")
        self.schools_check.toggled.connect(self._show_schools)
        layout.addWidget(self.schools_check)
        self.schools_table = _table("schools_table", "Reste à charge par école")
        self.schools_table.hide()
        layout.addWidget(self.schools_table, 3)

        row = QHBoxLayout()
        self.retain_button = QPushButton("&Retenir cette variante")
        self.retain_button.setObjectName("retain_button")
        self.retain_button.setToolTip(
            "La variante de la colonne choisie devient celle du PDF, "
            "des exports et du dépôt (Ctrl+Z pour annuler)."
        )
        self.go_button = QPushButton("&Aller à cette variante")
        self.go_button.setObjectName("go_button")
        self.pdf_button = QPushButton("&Exporter le PDF avec la comparaison…")
        self.pdf_button.setObjectName("pdf_button")
        self.close_button = QPushButton("&Fermer")
        self.close_button.setObjectName("close_button")
        for button in (self.retain_button, self.go_button, self.pdf_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retain_button.clicked.connect(self._retain)
        self.go_button.clicked.connect(self._go)
        self.pdf_button.clicked.connect(self._pdf)
        self.close_button.clicked.connect(self.reject)
        self.figures_table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        session.changed.connect(self._on_changed)
        self.resize(980, 640)
        self.refresh()
        self.figures_table.setFocus()

    # --- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        column = max(self.figures_table.currentColumn(), 0)
        self.comparison = compare(self.session.dossier, self.session.campaign, self.session.result)
        self._fill_figures()
        if self.schools_check.isChecked():  # 60 schools × 5 variants: only when asked
            self._fill_schools()
        self.headlines.setText(
            "\n".join(
                f"{c.nom} : {self.comparison.headline(c)}."
                for c in self.comparison.columns
                if not c.retained
            )
            or "Une seule variante : créez-en une autre pour comparer "
            "(Variantes › Nouvelle variante…)."
        )
        columns = len(self.comparison.columns)
        self.figures_table.setCurrentCell(0, min(column, columns - 1))
        self._update_buttons()

    def _heads(self, table: QTableWidget) -> None:
        columns = self.comparison.columns
        table.setColumnCount(len(columns))
        table.setHorizontalHeaderLabels(
            [
                _wrapped(c.nom)
                + ("\n(retenue)" if c.retained else "\n(vous la modifiez)" if c.current else "")
                for c in columns
            ]
        )

    def _item(self, text: str, state: str = "", bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(RIGHT)
        brush = state_brush(state)
        if brush is not None:
            item.setForeground(brush)
        if bold:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item

    def _fill_figures(self) -> None:
        comparison, table = self.comparison, self.figures_table
        self._heads(table)
        table.setRowCount(len(FIGURES))
        table.setVerticalHeaderLabels([f.label for f in FIGURES])
        for row, figure in enumerate(FIGURES):
            for col, column in enumerate(comparison.columns):
                text = "\n".join(filter(None, comparison.cell(column, figure.key)))
                state = _state(figure.key, comparison.delta(column, figure.key))
                table.setItem(row, col, self._item(text, state, figure.key == "remaining"))
        _fit_height(table)

    def _fill_schools(self) -> None:
        comparison, table = self.comparison, self.schools_table
        self._heads(table)
        table.setRowCount(len(comparison.school_names))
        table.setVerticalHeaderLabels([name for _id, name in comparison.school_names])
        for row in range(len(comparison.school_names)):
            for col, column in enumerate(comparison.columns):
                cells = (*comparison.school_cell(column, row), column.schools[row].socle_text)
                state = _state("remaining", comparison.school_delta(column, row))
                table.setItem(row, col, self._item("\n".join(filter(None, cells)), state))

    def _show_schools(self, shown_: bool) -> None:
        if shown_:
            self._fill_schools()
        self.schools_table.setVisible(shown_)

    # --- acting -------------------------------------------------------------------------------

    def chosen(self):
        """The variant of the column the cursor is in."""
        col = self.figures_table.currentColumn()
        columns = self.comparison.columns
        return columns[col] if 0 <= col < len(columns) else None

    def _update_buttons(self) -> None:
        chosen = self.chosen()
        writable = not self.session.read_only
        self.retain_button.setEnabled(chosen is not None and writable and not chosen.retained)
        self.go_button.setEnabled(chosen is not None and not chosen.current)
        several = len(self.comparison.columns) > 1
        self.pdf_button.setEnabled(several)
        if chosen is not None:
            self.retain_button.setText(f"&Retenir « {_short(chosen.nom)} »")
            self.go_button.setText(f"&Aller à « {_short(chosen.nom)} »")

    def _retain(self) -> None:
        chosen = self.chosen()
        if chosen is not None and self.actions.retain(chosen.variant_id):
            self.figures_table.setFocus()

    def _go(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.session.switch_variant(chosen.variant_id)
            self.figures_table.setFocus()

    def _pdf(self) -> None:
        self.accept()
        self.actions.window.export_pdf(comparison=True)

    def _on_changed(self, _result) -> None:
        if self.isVisible():
            self.refresh()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        try:  # a closed dialog must not redraw on later edits
            self.session.changed.disconnect(self._on_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)


def _wrapped(name: str, width: int = 26, lines: int = 3) -> str:
    """A long variant name on a few lines of a column heading (80 characters at most)."""
    import textwrap

    parts = textwrap.wrap(name, width) or [name]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


def _fit_height(table: QTableWidget) -> None:
    """Every row shown, without a scroll bar: the figures are few and must all be seen."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(
        rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
    )


def _short(name: str, keep: int = 24) -> str:
    return name if len(name) <= keep else name[: keep - 1] + "…"
