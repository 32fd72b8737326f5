"""« Remplacer un article partout… »: article X → Y in this variant or in all of them, the
quantities kept, Y's label and price from the dossier's catalogue. The dialog says beforehand how
many lines change, and the replacement is one undoable step (``line_tools.replace_article``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.domain import line_tools
from socle_desktop.domain.amounts import typed_price
from socle_desktop.domain.money import euros
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.validation import InvalidValue
from socle_desktop.gui.catalogue_dialog import fold
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state


class ReplaceDialog(QDialog):
    replaced = Signal(str)  # what was done, for the status bar

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("replace_dialog")
        self.setWindowTitle("Remplacer un article partout")
        dossier = session.dossier
        current = dossier.variante(dossier.courante)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.old_combo = QComboBox()
        self.old_combo.setObjectName("old_article_combo")
        self.new_combo = QComboBox()
        self.new_combo.setObjectName("new_article_combo")
        for combo in (self.old_combo, self.new_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(40)
        old_label, new_label = QLabel("&Remplacer :"), QLabel("&par :")
        old_label.setBuddy(self.old_combo)
        new_label.setBuddy(self.new_combo)
        form.addRow(old_label, self.old_combo)
        form.addRow(new_label, self.new_combo)
        layout.addLayout(form)
        self.here_radio = QRadioButton(f"Dans cette &variante (« {current.nom} »)")
        self.here_radio.setObjectName("here_radio")
        self.all_radio = QRadioButton(f"Dans &toutes les variantes ({len(dossier.variantes)})")
        self.all_radio.setObjectName("all_radio")
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.here_radio)
        self.scope.addButton(self.all_radio)
        self.here_radio.setChecked(True)
        self.all_radio.setEnabled(len(dossier.variantes) > 1)
        layout.addWidget(self.here_radio)
        layout.addWidget(self.all_radio)
        self.preview = QLabel()
        self.preview.setObjectName("replace_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            "Re&mplacer", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("replace_ok")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("replace_cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.old_combo.currentIndexChanged.connect(lambda _i: self._fill_new())
        self.new_combo.currentIndexChanged.connect(lambda _i: self._update_preview())
        self.scope.buttonToggled.connect(lambda *_a: self._fill_old())
        self.setMinimumWidth(560)
        self._fill_old()
        self.old_combo.setFocus()

    # --- the choices --------------------------------------------------------------------------

    def everywhere(self) -> bool:
        return self.all_radio.isChecked()

    def _fill_old(self) -> None:
        """The articles the lines use, in this variant or all, with their count."""
        in_use = line_tools.articles_in_use(self.session.dossier, self.everywhere())
        before = self.old_combo.currentData()
        self.old_combo.blockSignals(True)
        self.old_combo.clear()
        for used in sorted(in_use, key=lambda u: fold(u.name)):  # typed letters find it
            self.old_combo.addItem(used.choice, used.article)
        index = self.old_combo.findData(before)
        self.old_combo.setCurrentIndex(max(index, 0))
        self.old_combo.blockSignals(False)
        self._fill_new()

    def _fill_new(self) -> None:
        """Articles that go where the old one is: same level and volet."""
        dossier = self.session.dossier
        old = self.old_combo.currentData()
        before = self.new_combo.currentData()
        self.new_combo.blockSignals(True)
        self.new_combo.clear()
        for choice in line_tools.replacements(dossier, self.session.campaign, old or ""):
            self.new_combo.addItem(
                f"{choice.libelle} — {euros(typed_price(choice, dossier))}", choice.id
            )
        index = self.new_combo.findData(before)
        self.new_combo.setCurrentIndex(max(index, 0))
        self.new_combo.blockSignals(False)
        self._update_preview()

    def change(self):
        """The replacement the choices make, or the French reason it cannot be made."""
        old, new = self.old_combo.currentData(), self.new_combo.currentData()
        if not old or not new:
            return None, "aucune ligne à remplacer" if not old else "aucun article de remplacement"
        try:
            return line_tools.replace_article(self.session.dossier, old, new, self.everywhere()), ""
        except InvalidValue as error:
            return None, str(error)

    def _update_preview(self) -> None:
        change, refused = self.change()
        if change is None:
            self.preview.setText(f"Remplacement impossible : {refused}.")
            set_state(self.preview, "error")
            self.ok_button.setEnabled(False)
            return
        self.preview.setText(line_tools.replace_preview(change))
        set_state(self.preview, "")
        self.ok_button.setEnabled(not self.session.read_only)

    def accept(self) -> None:
        change, _refused = self.change()
        if change is None or not self.session.edit(change.edit):
            failure = self.session.last_failure
            if failure is not None:
                self.preview.setText(f"Remplacement refusé : {failure.message}.")
                set_state(self.preview, "error")
            return
        self.replaced.emit(
            f"{change.edit.label} : {plural(change.total, 'ligne')} (Ctrl+Z pour annuler)."
        )
        super().accept()
