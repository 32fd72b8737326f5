"""The two table views of the pages, promoted in the Designer forms of ``ui/``.

``EditTable`` edits lines and classes from the keyboard; ``RowsTable`` shows the recap's
read-only rows. Both take only a parent, as the compiled forms build them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView

from socle_desktop.gui.models.rows import Cell, RowsModel

NAME_MAX_WIDTH = 300  # a school's name is capped, elided, shown whole in its tooltip
NAME_MIN_WIDTH = 140  # …and gives way down to this when the table is short of width
LAST_MIN_WIDTH = 110  # then the last column (a note, a calculation), elided likewise


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
        self.horizontalHeader().setResizeContentsPrecision(0)  # measure the visible rows only
        self._unfitted = True

    def set_headers(
        self, headers: list[str], tips: list[str] | None = None, spread: bool = False
    ) -> None:
        """Name the columns (``tips`` explain them); ``spread`` shares out the free width."""
        self.spread = spread
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
        """Columns sized to their content, within the table's width: a long name (first
        column) and the last text column give way, elided (their tooltips show them all)."""
        self._unfitted = False
        self.resizeColumnsToContents()
        if self.columnWidth(0) > NAME_MAX_WIDTH:
            self.setColumnWidth(0, NAME_MAX_WIDTH)
        columns = self.rows_model.columnCount()
        if columns < 2:
            return
        extra = self._available_width() - sum(self.columnWidth(c) for c in range(columns))
        if extra >= 0:  # the free width goes to the numbers (spread), else to the last column
            if self.spread:
                for c in range(1, columns):
                    self.setColumnWidth(c, self.columnWidth(c) + extra // (columns - 1))
            else:
                self.setColumnWidth(columns - 1, self.columnWidth(columns - 1) + extra)
            return
        for column, minimum in ((0, NAME_MIN_WIDTH), (columns - 1, LAST_MIN_WIDTH)):
            cut = min(-extra, self.columnWidth(column) - minimum)
            if cut > 0:
                self.setColumnWidth(column, self.columnWidth(column) - cut)
                extra += cut
            if extra >= 0:
                break

    def _available_width(self) -> int:
        """The width inside the frame, less the vertical scroll bar the rows need.

        Measured on the table itself: while it is being resized, its viewport and scroll
        bars still have their former sizes."""
        frame = 2 * self.frameWidth()
        width = self.width() - frame
        if self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            rows_height = self.height() - frame - self.horizontalHeader().height()
            if self.verticalHeader().length() > rows_height:
                width -= self.verticalScrollBar().sizeHint().width()
        return width

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()
