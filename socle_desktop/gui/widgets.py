"""Input widgets that read French numbers and refuse nonsense with a clear message."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolTip

from socle_desktop.domain.money import AmountError, amount_fr, parse_typed_amount

_INVALID_STYLE = "QLineEdit { border: 2px solid #c0392b; background: #fdecea; }"


class ValidatedEdit(QLineEdit):
    """A line edit whose text is parsed on every keystroke.

    Emits ``valueChanged(value)`` for each valid text and ``invalid(message)`` otherwise; an
    invalid text is shown in red with its French message and never reaches the dossier.
    """

    valueChanged = Signal(object)
    invalid = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.error: str | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.textEdited.connect(self._on_text_edited)

    def parse(self, text: str):  # pragma: no cover - overridden
        raise NotImplementedError

    def format(self, value) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def value(self):
        """The value of the current text, or None when it is invalid."""
        try:
            return self.parse(self.text())
        except ValueError:
            return None

    def setValue(self, value) -> None:
        """Show ``value`` without emitting valueChanged (redraw from the dossier)."""
        if self.value() != value:  # never rewrite what the user is typing when it already agrees
            self.setText(self.format(value))
            self._set_error(None)

    def _on_text_edited(self, text: str) -> None:
        try:
            value = self.parse(text)
        except ValueError as error:
            self._set_error(str(error))
            self.invalid.emit(str(error))
            return
        self._set_error(None)
        self.valueChanged.emit(value)

    def _set_error(self, message: str | None) -> None:
        self.error = message
        self.setStyleSheet(_INVALID_STYLE if message else "")
        self.setToolTip(message or "")
        if message and self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        value = self.value()
        if value is not None:  # tidy the text the French way once the user leaves the field
            self.setText(self.format(value))


class AmountEdit(ValidatedEdit):
    """An amount in euros, typed the French way (« 2 450,50 »); the keypad dot gives a comma."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("0,00")

    def parse(self, text: str) -> Decimal:
        if not text.strip():
            raise AmountError("saisissez un montant, par exemple 2 450,00")
        return parse_typed_amount(text)

    def format(self, value: Decimal) -> str:
        return amount_fr(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() == "." and event.modifiers() & Qt.KeyboardModifier.KeypadModifier:
            event = QKeyEvent(event.type(), Qt.Key.Key_Comma, Qt.KeyboardModifier.NoModifier, ",")
        super().keyPressEvent(event)


class CountEdit(ValidatedEdit):
    """A whole number (quantity, pupils) between 0 and ``maximum``."""

    def __init__(self, parent=None, maximum: int = 100_000, what: str = "la quantité"):
        super().__init__(parent)
        self.maximum, self.what = maximum, what
        self.setPlaceholderText("0")

    def parse(self, text: str) -> int:
        cleaned = text.strip().replace("\u202f", "").replace(" ", "")
        if not cleaned:
            raise ValueError(f"saisissez {self.what} (un nombre entier)")
        if cleaned.startswith("-"):
            raise ValueError(
                f"un nombre négatif n'a pas de sens ici : saisissez {self.what} (0 ou plus)"
            )
        if not cleaned.isdigit():
            raise ValueError(f"« {text.strip()} » n'est pas un nombre entier")
        value = int(cleaned)
        if value > self.maximum:
            raise ValueError(
                f"{self.what} ne peut pas dépasser {self.maximum:,}".replace(",", "\u202f")
            )
        return value

    def format(self, value: int) -> str:
        return str(value)


CUSTOM_WIDGETS = (AmountEdit, CountEdit)
