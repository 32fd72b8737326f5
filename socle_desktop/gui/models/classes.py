"""The classes of one school: name, levels (one check column per level), pupils, equipment."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt

from socle_desktop.domain import edits
from socle_desktop.domain.model import LEVELS, Classroom
from socle_desktop.domain.money import ZERO, amount_fr
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import state_brush

COL_NOM = 0
FIRST_LEVEL = 1
COL_ELEVES = FIRST_LEVEL + len(LEVELS)
COL_MONTANT = COL_ELEVES + 1
HEADERS = ("Nom de la classe", *LEVELS, "Élèves", "Équipement (€)")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEVEL_TIPS = {
    "PS": "petite section",
    "MS": "moyenne section",
    "GS": "grande section",
    "CP": "cours préparatoire",
    "CE1": "cours élémentaire 1",
    "CE2": "cours élémentaire 2",
    "CM1": "cours moyen 1",
    "CM2": "cours moyen 2",
}


class ClassesModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._classes: list[Classroom] = []
        self._ids: tuple[str, ...] = ()

    def set_classes(self, classes: list[Classroom]) -> None:
        ids = tuple(c.id for c in classes)
        if ids != self._ids:
            self.beginResetModel()
            self._classes, self._ids = list(classes), ids
            self.endResetModel()
        else:
            self._classes = list(classes)
            if classes:
                self.dataChanged.emit(self.index(0, 0), self.index(len(classes) - 1, COL_MONTANT))

    def classroom(self, row: int) -> Classroom | None:
        return self._classes[row] if 0 <= row < len(self._classes) else None

    def row_of(self, class_id: str) -> int:
        return self._ids.index(class_id) if class_id in self._ids else -1

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._classes)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and FIRST_LEVEL <= section < COL_ELEVES:
            level = LEVELS[section - FIRST_LEVEL]
            return f"{level} : {_LEVEL_TIPS[level]}"
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= COL_ELEVES:
            return _RIGHT
        return None

    def flags(self, index):
        if not index.isValid():  # the root of a flat table: nothing to select there
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session.read_only:
            return flags
        col = index.column()
        if col in (COL_NOM, COL_ELEVES):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif FIRST_LEVEL <= col < COL_ELEVES:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        c = self.classroom(index.row())
        if c is None:
            return None
        col = index.column()
        if FIRST_LEVEL <= col < COL_ELEVES:
            level = LEVELS[col - FIRST_LEVEL]
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if level in c.niveaux else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{c.nom} : {level} ({_LEVEL_TIPS[level]})"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NOM:
                return c.nom
            if col == COL_ELEVES:
                return c.eleves if role == Qt.ItemDataRole.EditRole else str(c.eleves)
            if col == COL_MONTANT and role == Qt.ItemDataRole.DisplayRole:
                return amount_fr(sum((line.montant for line in c.lignes), ZERO))
        elif role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_ELEVES:
            return _RIGHT
        elif role == Qt.ItemDataRole.ToolTipRole and col == COL_NOM:
            if c.cycle_2_3:
                return c.nom
            return f"{c.nom} : pas de niveau du CP au CM2, la classe ne compte pas pour le plafond"
        elif role == Qt.ItemDataRole.ForegroundRole and col == COL_NOM and not c.cycle_2_3:
            return state_brush("muted")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        c = self.classroom(index.row())
        if c is None:
            return False
        col = index.column()
        if FIRST_LEVEL <= col < COL_ELEVES and role == Qt.ItemDataRole.CheckStateRole:
            level = LEVELS[col - FIRST_LEVEL]
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            chosen = (set(c.niveaux) | {level}) if checked else (set(c.niveaux) - {level})
            niveaux = [lv for lv in LEVELS if lv in chosen]
            label = f"{'Cocher' if checked else 'Décocher'} {level}"
            # a Batch, so that each click is its own undo step (SetFields of a field merge)
            return self.session.edit(
                edits.Batch((edits.SetField("classe", c.id, "niveaux", niveaux, label),), label)
            )
        if role != Qt.ItemDataRole.EditRole:
            return False
        if col == COL_NOM:
            text = str(value).strip()
            if not text:
                return False
            return self.session.set_field("classe", c.id, "nom", text, "Renommer la classe")
        if col == COL_ELEVES and isinstance(value, int):
            return self.session.set_field("classe", c.id, "eleves", value, "Modifier les élèves")
        return False
