"""Input widgets for numbers: French typing, and a clear refusal in red with its reason.

The value of a text is read by ``domain.typed`` for the dossier field the widget edits
(``kind``/``field``), so the window refuses exactly what ``import-json`` and the store refuse;
what is committed, and when, is ``FieldBinding``'s business.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolTip

from socle_desktop.domain.typed import InvalidValue, shown_text, typed_value
from socle_desktop.gui.theme import set_state


class ValidatedEdit(QLineEdit):
    """A line edit for the number of one dossier field; red with its French reason (also as
    tooltip) while ``set_error`` says its text is refused."""

    kind, field = "ligne", "quantite"

    def __init__(self, parent=None, kind: str | None = None, field: str | None = None):
        super().__init__(parent)
        if kind is not None:
            self.kind = kind
        if field is not None:
            self.field = field
        self.error: str | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self):
        """The value of the current text, or None when it is refused."""
        try:
            return typed_value(self.kind, self.field, self.text())
        except InvalidValue:
            return None

    def parse_error(self) -> str | None:
        try:
            typed_value(self.kind, self.field, self.text())
        except InvalidValue as error:
            return str(error)
        return None

    def format(self, value) -> str:
        return shown_text(self.kind, self.field, value)

    def setValue(self, value) -> None:  # noqa: N802 - the Qt-style name of the value widgets
        """Show ``value``, unless the text already reads as it (never rewrite the typing)."""
        if self.value() != value:
            self.setText(self.format(value))
        self.set_error(None)

    def set_error(self, message: str | None) -> None:
        """Show (or clear) the refusal: red frame, tooltip, and the tooltip at once if shown."""
        if message == self.error:
            return
        self.error = message
        set_state(self, "error" if message else "")
        self.setToolTip(message or "")
        if message and self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)
        elif QToolTip.isVisible() and not message:
            QToolTip.hideText()  # its cause is gone


class AmountEdit(ValidatedEdit):
    """An amount in euros, typed the French way (« 2 450,50 »); the keypad dot gives a comma."""

    kind, field = "ligne", "prix_unitaire"

    def __init__(self, parent=None, kind: str | None = None, field: str | None = None):
        super().__init__(parent, kind, field)
        self.setPlaceholderText("0,00")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.text() == "." and event.modifiers() & Qt.KeyboardModifier.KeypadModifier:
            event = QKeyEvent(event.type(), Qt.Key.Key_Comma, Qt.KeyboardModifier.NoModifier, ",")
        super().keyPressEvent(event)

    def value(self) -> Decimal | None:
        return super().value()


class CountEdit(ValidatedEdit):
    """A whole number (quantity, pupils), within the limit of its field."""

    def __init__(self, parent=None, kind: str | None = None, field: str | None = None):
        super().__init__(parent, kind, field)
        self.setPlaceholderText("0")
