"""A table of equipment or services lines: article, libellé, quantité, prix unitaire, montant.

The model owns no business logic: it shows the dossier's ``Line`` objects and turns an edited
cell into ``session.set_field("ligne", …)``. Redrawing after a keystroke only repaints the
cells (``dataChanged``); the model is reset only when lines were added, removed or reordered.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QFont

from socle_desktop.domain.model import Line
from socle_desktop.domain.money import amount_fr
from socle_desktop.domain.presentation import category_label, payer
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import state_brush

COL_ARTICLE, COL_LIBELLE, COL_QUANTITE, COL_PRIX, COL_MONTANT = range(5)
HEADERS = ("Article", "Libellé", "Quantité", "Prix unitaire {basis} (€)", "Montant {basis} (€)")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class LinesModel(QAbstractTableModel):
    """The lines of one class, one school or one school's services."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._lines: list[Line] = []
        self._ids: tuple[str, ...] = ()
        self._basis = session.dossier.parametres.prix_saisis

    # --- feeding ---------------------------------------------------------------------------

    def set_lines(self, lines: list[Line]) -> None:
        """Show ``lines``; reset only if the rows changed, else just repaint the cells."""
        ids = tuple(line.id for line in lines)
        basis = self.session.dossier.parametres.prix_saisis
        if basis != self._basis:  # prices typed HT or TTC: the headers say which
            self._basis = basis
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_PRIX, COL_MONTANT)
        if ids != self._ids:
            self.beginResetModel()
            self._lines, self._ids = list(lines), ids
            self.endResetModel()
        else:
            self._lines = list(lines)
            if lines:
                self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, COL_MONTANT))

    def line(self, row: int) -> Line | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, line_id: str) -> int:
        return self._ids.index(line_id) if line_id in self._ids else -1

    # --- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._lines)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section].format(basis=self._basis)
            if role == Qt.ItemDataRole.TextAlignmentRole and section >= COL_QUANTITE:
                return _RIGHT
        return None

    def flags(self, index):
        if not index.isValid():  # the root of a flat table: nothing to select there
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COL_LIBELLE, COL_QUANTITE, COL_PRIX) and not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _article(self, line: Line):
        return self.session.dossier.catalogue.get(line.article)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        line = self.line(index.row())
        if line is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_ARTICLE:
                item = self._article(line)
                return category_label(item.categorie) if item else line.article
            if col == COL_LIBELLE:
                return line.libelle
            if col == COL_QUANTITE:
                return str(line.quantite)
            if col == COL_PRIX:
                return amount_fr(line.prix_unitaire)
            if col == COL_MONTANT:
                return amount_fr(line.montant)
        elif role == Qt.ItemDataRole.EditRole:
            return {
                COL_LIBELLE: line.libelle,
                COL_QUANTITE: line.quantite,
                COL_PRIX: line.prix_unitaire,
            }.get(col)
        elif role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_QUANTITE:
            return _RIGHT
        elif role == Qt.ItemDataRole.ToolTipRole:
            item = self._article(line)
            if item is not None and not item.subventionnable:
                who = payer(self.session.dossier.porteur.type)
                return f"Non subventionnable (hors socle ou coût récurrent) : à la charge de {who}."
            if col == COL_LIBELLE:
                return line.libelle
        elif role == Qt.ItemDataRole.ForegroundRole:
            item = self._article(line)
            if item is not None and not item.subventionnable:
                return state_brush("muted")
        elif role == Qt.ItemDataRole.FontRole:
            item = self._article(line)
            if item is not None and not item.subventionnable:
                font = QFont()
                font.setItalic(True)
                return font
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        line = self.line(index.row())
        if line is None or role != Qt.ItemDataRole.EditRole:
            return False
        col = index.column()
        if col == COL_LIBELLE:
            text = str(value).strip()
            if not text:
                return False
            return self.session.set_field("ligne", line.id, "libelle", text, "Modifier le libellé")
        if col == COL_QUANTITE and isinstance(value, int):
            return self.session.set_field(
                "ligne", line.id, "quantite", value, "Modifier la quantité"
            )
        if col == COL_PRIX and isinstance(value, Decimal):
            return self.session.set_field(
                "ligne", line.id, "prix_unitaire", value, "Modifier le prix unitaire"
            )
        return False
