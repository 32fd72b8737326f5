"""The small dialog that asks a variant's name: the field, the reason a name is refused under
it (taken, empty, too long), and the dialog stays open until the name is accepted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.domain.validation import MAX_VARIANT_NAME
from socle_desktop.gui.theme import set_state


class NameDialog(QDialog):
    """``apply(text)`` makes the change and returns None, or returns why it refused it (French,
    lower case first): the dialog then stays open with the reason shown."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        initial: str,
        button_text: str,
        apply: Callable[[str], str | None],
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("variant_name_dialog")
        self._apply = apply
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.name_edit = QLineEdit(initial)
        self.name_edit.setObjectName("variant_name_edit")
        self.name_edit.setMaxLength(MAX_VARIANT_NAME + 20)  # longer is said, not cut silently
        self.name_edit.selectAll()
        self.prompt.setBuddy(self.name_edit)
        self.message = QLabel()
        self.message.setObjectName("variant_name_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        set_state(self.message, "error")
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(button_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("variant_name_ok")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("variant_name_cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.prompt)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name_edit.textEdited.connect(lambda _text: self.message.hide())
        self.setMinimumWidth(420)
        self.name_edit.setFocus()

    def accept(self) -> None:
        refused = self._apply(self.name_edit.text())
        if refused:
            self.message.setText(f"Nom refusé : {refused}.")
            self.message.show()
            self.name_edit.setFocus()
            self.name_edit.selectAll()
            return
        super().accept()
