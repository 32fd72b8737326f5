"""The two table views of the pages, promoted in the Designer forms of ``ui/``.

``EditTable`` edits lines and classes from the keyboard; ``RowsTable`` shows the recap's
read-only rows. Both take only a parent, as QUiLoader builds them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView

from socle_desktop.gui.models.rows import Cell, RowsModel

NAME_MAX_WIDTH = 300


class EditTable(QTableView):
    """A table for the keyboard: Entrée edits the current cell, Suppr asks to delete the row."""

    deleteRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table: the page's tab order stays simple
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setWordWrap(False)

    def keyPressEvent(self, event) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()  # the editor commits; Entrée must not also press « Suivant »
                return
        else:
            if event.key() == Qt.Key.Key_Delete:
                self.deleteRequested.emit()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.currentIndex()
                if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.edit(index)
                    return
                event.ignore()  # let the wizard have Entrée when nothing here is editable
                return
        super().keyPressEvent(event)


class RowsTable(QTableView):
    """A read-only table of ``Cell`` rows; with ``spread``, number columns share the width."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spread = False
        self.rows_model = RowsModel([], self)
        self.setModel(self.rows_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setResizeContentsPrecision(0)  # measure the visible rows only
        self._unfitted = True

    def set_headers(self, headers: list[str], tips: list[str] | None = None,
                    spread: bool = False) -> None:
        """Name the columns (``tips`` explain them); ``spread`` shares out the free width."""
        self.spread = spread
        self.horizontalHeader().setStretchLastSection(not spread)
        self.rows_model.set_headers(headers, tips)
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


TABLE_WIDGETS = (EditTable, RowsTable)
