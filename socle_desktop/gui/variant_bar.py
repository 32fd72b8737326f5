"""The variant being edited, above the subsidy panel on every page: a list to switch, the
menu of the variants, and a word when it is not the retained one.

Switching is the session's (``Session.switch_variant``); the list only follows the dossier, and
never takes the keyboard focus from the field being typed in when it redraws.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.domain import variants
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state

SHORTCUTS_HINT = "Changer de variante : Ctrl+Alt+Page suivante / Page précédente, ou Alt+1 à Alt+9."


class VariantBar(QWidget):
    """« Variante : [Principale (retenue) ▾] [Variantes ▾] », and under it, when the variant
    shown is not the retained one, which one the PDF and the filing use."""

    def __init__(self, session: Session, menu: QMenu | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("variant_bar")
        self.session = session
        self._key: tuple = ()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.label = QLabel("Variante :")
        self.combo = QComboBox()
        self.combo.setObjectName("variant_combo")
        self.combo.setAccessibleName("Variante étudiée")
        self.combo.setToolTip("La variante que vous modifiez. " + SHORTCUTS_HINT)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(10)
        self.combo.activated.connect(self._chosen)
        self.label.setBuddy(self.combo)
        self.menu_button = QPushButton("Variantes")  # no Alt letter: the menu bar has it
        self.menu_button.setObjectName("variant_menu_button")
        self.menu_button.setToolTip("Nouvelle variante, renommer, supprimer, retenir, comparer")
        self.menu_button.setAutoDefault(False)
        self.menu_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if menu is not None:
            self.menu_button.setMenu(menu)
        else:
            self.menu_button.hide()
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.menu_button)
        column.addLayout(row)
        self.note = QLabel()
        self.note.setObjectName("variant_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        set_state(self.note, "warning")
        column.addWidget(self.note)
        self.note.hide()
        session.changed.connect(lambda _result: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Follow the dossier: refill the list only when the variants changed."""
        dossier = self.session.dossier
        key = (tuple((v.id, v.nom) for v in dossier.variantes), dossier.retenue, dossier.courante)
        if key == self._key:
            return
        self._key = key
        self.combo.blockSignals(True)
        self.combo.clear()
        for variant in dossier.variantes:
            self.combo.addItem(variants.label(dossier, variant), variant.id)
            self.combo.setItemData(self.combo.count() - 1, variant.nom, Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(self.combo.findData(dossier.courante))
        self.combo.blockSignals(False)
        # A long name is cut in the box: its tip gives it whole.
        shown = self.combo.currentText()
        self.combo.setToolTip(f"« {shown} » : la variante que vous modifiez. {SHORTCUTS_HINT}")
        note = variants.not_retained_note(dossier)
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _chosen(self, index: int) -> None:
        variant_id = self.combo.itemData(index)
        if variant_id:
            self.session.switch_variant(variant_id)


def with_variant_bar(session: Session, panel: QWidget, menu: QMenu | None = None) -> QWidget:
    """The panel with the variant bar above it, as one column of the editor's splitter."""
    column = QWidget()
    column.setObjectName("panel_column")
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    column.variant_bar = VariantBar(session, menu)
    layout.addWidget(column.variant_bar)
    layout.addWidget(panel, 1)
    return column


def comparison_checkbox(row: QHBoxLayout, export_button: QWidget) -> QCheckBox:
    """« avec la comparaison des variantes », just before the récapitulatif's « Exporter en
    PDF… » (in ``row``, its row of the form), shown when the dossier has several variants."""
    check = QCheckBox("avec la comparaison des variantes")
    check.setObjectName("comparison_check")
    check.setToolTip(
        "Ajoute au PDF une page qui compare les variantes du dossier (le PDF est "
        "celui de la variante retenue)."
    )
    row.insertWidget(row.indexOf(export_button), check)
    check.hide()
    return check
