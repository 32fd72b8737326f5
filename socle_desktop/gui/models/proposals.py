"""The schools the open data proposes, one row each, ticked or not; it edits nothing."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from socle_desktop.domain.money import group_thousands
from socle_desktop.gui.theme import state_brush
from socle_desktop.opendata.proposals import Proposal

HEADERS = ("École", "UAI", "Commune", "Secteur", "Type", "Élèves", "Classes CP–CM2", "Remarques")
COL_NOM, COL_UAI, COL_COMMUNE, COL_SECTEUR, COL_TYPE, COL_ELEVES, COL_CLASSES, COL_NOTES = range(8)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROOT = QModelIndex()


class ProposalsModel(QAbstractTableModel):
    ticksChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.proposals: list[Proposal] = []
        self.ticks: list[bool] = []
        self.choices: dict[str, bool] = {}  # UAI -> what the user ticked or unticked

    def set_proposals(self, proposals: list[Proposal]) -> None:
        """Show ``proposals``, ticked by default but where the user already chose."""
        self.beginResetModel()
        self.proposals = list(proposals)
        self.ticks = [p.eligible and self.choices.get(p.uai, p.ticked) for p in self.proposals]
        self.endResetModel()
        self.ticksChanged.emit()

    def ticked(self) -> list[Proposal]:
        return [p for p, t in zip(self.proposals, self.ticks, strict=True) if t]

    def set_ticked(self, row: int, ticked: bool) -> bool:
        if not (0 <= row < len(self.proposals)) or not self.proposals[row].eligible:
            return False
        self.choices[self.proposals[row].uai] = ticked
        if self.ticks[row] != ticked:
            self.ticks[row] = ticked
            index = self.index(row, COL_NOM)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self.ticksChanged.emit()
        return True

    def toggle(self, row: int) -> bool:
        return 0 <= row < len(self.ticks) and self.set_ticked(row, not self.ticks[row])

    def tick_all(self, ticked: bool) -> None:
        self.choices.update({p.uai: ticked for p in self.proposals if p.eligible})
        new = [p.eligible and ticked for p in self.proposals]
        if new != self.ticks:
            self.ticks = new
            self.dataChanged.emit(
                self.index(0, COL_NOM),
                self.index(len(new) - 1, COL_NOM),
                [Qt.ItemDataRole.CheckStateRole],
            )
            self.ticksChanged.emit()

    # --- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.proposals)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():  # the root of a flat table: nothing to select there
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_NOM and self.proposals[index.row()].eligible:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        proposal, column = self.proposals[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(proposal, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NOTES:
                return "\n".join(proposal.notes) or None
            if column == COL_NOM:
                return "\n".join([proposal.school.nom, *proposal.notes])
            return self._text(proposal, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NOM and proposal.eligible:
            return Qt.CheckState.Checked if self.ticks[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not proposal.eligible:
            return state_brush("muted")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_ELEVES, COL_CLASSES):
            return _RIGHT
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_NOM:
            return False
        return self.set_ticked(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)

    @staticmethod
    def _text(proposal: Proposal, column: int) -> str:
        if column == COL_NOM:
            return proposal.school.nom
        if column == COL_UAI:
            return proposal.uai
        if column == COL_COMMUNE:
            return proposal.commune.nom
        if column == COL_SECTEUR:
            return proposal.secteur_label
        if column == COL_TYPE:
            return proposal.kind_label
        if column == COL_ELEVES:
            return group_thousands(proposal.school.eleves)
        if column == COL_CLASSES:
            return str(proposal.classes) if proposal.classes else "–"  # none known or outside
        return " ; ".join(proposal.notes)
