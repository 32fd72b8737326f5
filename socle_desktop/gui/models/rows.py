"""A read-only table of prepared cells (text, alignment, tooltip, colours): the recap's tables.

Cells are plain data, so a redraw replaces a Python list and resets the model; no item objects
are created or destroyed one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from socle_desktop.gui.theme import state_brush

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Cell:
    text: str
    money: bool = False  # right-aligned
    tip: str = ""
    state: str = ""  # its text in the colour of a state of gui/theme.py (error, warning…)
    background: str = ""  # its background in the tint of a state (the socle table)
    bold: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[Cell]] = []
        self._tips: list[str] = [""] * len(headers)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_headers(self, headers: list[str], tips: list[str] | None = None) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._tips = list(tips or [""] * len(headers))
        self.endResetModel()

    def set_rows(self, rows: list[list[Cell]]) -> None:
        if len(rows) == len(self._rows) and rows:
            self._rows = rows
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(self._headers) - 1)
            )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell | None:
        try:
            return self._rows[row][column]
        except IndexError:
            return None

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and self._tips[section]:
                return self._tips[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tip or cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if cell.money else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole and cell.background:
            return state_brush(cell.background, background=True)
        if role == Qt.ItemDataRole.ForegroundRole and cell.state:
            return state_brush(cell.state)
        if role == Qt.ItemDataRole.FontRole and cell.bold:
            return self._bold
        return None
