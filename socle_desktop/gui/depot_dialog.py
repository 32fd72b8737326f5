"""« Préparer le dépôt… »: every value of the démarches-simplifiées form, in its order, each
with « Copier » (Ctrl+C copies the selected row), and the checklist of the attachments."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.export.depot import ATTACHMENTS_RUBRIQUE, Entry, depot_text, fiche
from socle_desktop.gui.preferences import settings

COLUMNS = ("Rubrique", "Champ", "Valeur", "")


class DepotDialog(QDialog):
    def __init__(self, session, dossier_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Préparer le dépôt sur démarches-simplifiées")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.session = session
        self._key = (
            "depot/" + hashlib.sha1(str(Path(dossier_path).resolve()).encode()).hexdigest()[:16]
        )
        entries = fiche(session.dossier, session.campaign, session.result)
        self.entries = [e for e in entries if e.rubrique != ATTACHMENTS_RUBRIQUE]
        self.attachments = [e for e in entries if e.rubrique == ATTACHMENTS_RUBRIQUE]
        self.copy_buttons: list[QPushButton] = []

        intro = QLabel(
            "Reportez ces valeurs dans le formulaire en ligne, dans cet ordre : "
            "« Copier » (ou Ctrl+C sur la ligne choisie) met la valeur dans le "
            "presse-papiers. Les montants sont écrits comme le formulaire les attend."
        )
        intro.setWordWrap(True)
        self.table = self._table()
        self.status = QLabel(" ")
        self.status.setObjectName("depot_status")
        self.checklist = self._checklist()
        box = QGroupBox("Pièces à joindre")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.checklist)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        self.copy_all_button = buttons.addButton(
            "Copier toute la fiche", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_all_button.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.table, 7)
        body.addWidget(box, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Copy),
            self.table,
            self.copy_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.resize(1240, 640)
        self.table.setFocus()
        if self.entries:
            self.table.selectRow(0)

    # --- building ----------------------------------------------------------------------------

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.entries), len(COLUMNS))
        table.setObjectName("depot_table")
        table.setHorizontalHeaderLabels(list(COLUMNS))
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        previous = None
        for row, entry in enumerate(self.entries):
            shown = entry.rubrique if entry.rubrique != previous else ""
            previous = entry.rubrique
            for col, text in enumerate((shown, entry.champ, entry.valeur)):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.rubrique if col == 0 else text if col == 2 else "")
                if col == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if col == 2:
                    item.setData(Qt.ItemDataRole.UserRole, entry.valeur)
                table.setItem(row, col, item)
            button = QPushButton("Copier")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keyboard
            button.setAccessibleName(f"Copier : {entry.champ}")
            button.setToolTip(f"Copier la valeur de « {entry.champ} »")
            button.clicked.connect(lambda _checked=False, r=row: self.copy_row(r))
            table.setCellWidget(row, 3, button)
            self.copy_buttons.append(button)
        header = table.horizontalHeader()
        for col, mode in enumerate(
            (
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(0, 190)  # a long rubrique shows whole in its tooltip
        return table

    def _checklist(self) -> QListWidget:
        checklist = QListWidget()
        checklist.setObjectName("depot_checklist")
        checklist.setWordWrap(True)
        checklist.setSpacing(3)
        ticked = set(settings().value(self._key, []) or [])
        for entry in self.attachments:
            item = QListWidgetItem(f"{entry.champ} ({entry.valeur})")
            item.setToolTip(entry.valeur)
            item.setData(Qt.ItemDataRole.UserRole, entry.champ)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if entry.champ in ticked else Qt.CheckState.Unchecked
            )
            checklist.addItem(item)
        checklist.itemChanged.connect(self._remember_ticks)
        return checklist

    # --- copying -----------------------------------------------------------------------------

    def copy_row(self, row: int) -> None:
        entry: Entry = self.entries[row]
        QApplication.clipboard().setText(entry.valeur)
        self.table.selectRow(row)
        shown = entry.valeur if len(entry.valeur) <= 60 else entry.valeur[:57] + "…"
        self.status.setText(f"Copié : « {shown} » ({entry.champ})")

    def copy_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.copy_row(rows[0].row())

    def copy_all(self) -> None:
        QApplication.clipboard().setText(
            depot_text(self.entries + self.attachments, self.session.dossier)
        )
        self.status.setText("Toute la fiche est copiée.")

    def _remember_ticks(self, _item) -> None:
        ticked = [
            self.checklist.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.checklist.count())
            if self.checklist.item(i).checkState() == Qt.CheckState.Checked
        ]
        settings().setValue(self._key, ticked)
