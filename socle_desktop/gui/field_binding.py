"""A line edit bound to one field of the dossier, through the session: what is saved is what the
user sees, and only whole valid values are saved.

- Each keystroke whose whole text is a valid value (``domain.typed``) is committed at once, so
  the panel follows the typing; the keystrokes of one burst (from the focus coming in to its
  going out) make one undo step.
- A text that is not a valid value commits nothing: the dossier goes back to the value from
  before the burst began, and the field says why (in red, with the limit).
- Leaving the field with such a text puts the saved value back and says so in one line.
- A keystroke whose save fails puts the saved value back in the field (the session has rolled
  the dossier back), so no later keystroke can save it by surprise.
- Nothing here moves the focus, the cursor or the selection, but putting a value back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLineEdit

from socle_desktop.domain import edits
from socle_desktop.domain.typed import InvalidValue, shown_text, typed_value
from socle_desktop.gui.session import Session

MAX_SHOWN = 30  # characters of a refused text quoted back in a one-line message


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"« {text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + '…'} »"


def sentence(message: str) -> str:
    """« la quantité ne peut pas… » as a sentence: capital first, final stop."""
    if not message:
        return message
    return message[0].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")


class FieldBinding(QObject):
    """``edit`` shows and edits ``kind.field`` of the entity ``ident()`` names.

    ``ident`` returns the entity's id (« » for the porteur, the contact, the parameters), or
    None when there is nothing to edit (no school chosen). ``stateChanged`` is emitted when
    ``error`` (the French reason the current text is refused, or None) changes; ``notice``
    carries a one-line message about what just happened (« … n'a pas été gardé »), or « »."""

    stateChanged = Signal()
    notice = Signal(str)

    def __init__(
        self,
        edit: QLineEdit,
        session: Session,
        kind: str,
        field: str,
        ident: Callable[[], str | None],
        label: str,
        *,
        live_text: Callable[[str], str] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent or edit)
        self.edit, self.session, self.kind, self.field = edit, session, kind, field
        self.ident, self.label, self.live_text = ident, label, live_text
        self.error: str | None = None
        self._burst: int | None = None  # the undo step being typed, None between bursts
        self._step: tuple[int, Any] | None = None  # the last burst and the value before it
        self._committing = False
        edit.textEdited.connect(self._on_text_edited)
        edit.installEventFilter(self)
        session.changed.connect(self._on_session_changed)

    # --- the value in the dossier ----------------------------------------------------------

    def saved(self) -> Any:
        """The value the dossier holds (None when nothing is bound)."""
        ident = self.ident()
        if ident is None:
            return None
        try:
            return getattr(edits.find(self.session.dossier, self.kind, ident), self.field)
        except (edits.EditError, KeyError):
            return None

    def shown(self, value: Any) -> str:
        return shown_text(self.kind, self.field, value)

    def what(self) -> str:
        from socle_desktop.domain.validation import FIELDS

        spec = FIELDS.get(self.kind, {}).get(self.field)
        return getattr(spec, "what", "la valeur")

    # --- typing ----------------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        ident = self.ident()
        if ident is None:
            return
        if self.live_text is not None:  # e.g. a UAI in capitals as it is typed
            fixed = self.live_text(text)
            if fixed != text:
                cursor = self.edit.cursorPosition()
                self.edit.setText(fixed)
                self.edit.setCursorPosition(min(cursor, len(fixed)))
                text = fixed
        if self._burst is None:
            self._burst = Session.new_burst()
            self._step = (self._burst, self.saved())
        original = self._step[1]
        try:
            value = typed_value(self.kind, self.field, text)
        except InvalidValue as error:
            self._commit(original)  # what earlier keystrokes saved goes back
            self._set_error(str(error))
            return
        if self._commit(value):
            self._set_error(None)
            return
        failure = self.session.last_failure
        if failure is not None and failure.kind == "refused":  # e.g. a UAI another school has
            self._commit(original)
            self._set_error(failure.message)
        else:
            self.restore(f"Non enregistré : {failure.message if failure else 'erreur'}")

    def _commit(self, value: Any, burst: int | None = None) -> bool:
        ident = self.ident()
        if ident is None:
            return False
        self._committing = True
        try:
            return self.session.set_field(
                self.kind, ident, self.field, value, self.label, burst or self._burst
            )
        finally:
            self._committing = False

    def _set_error(self, message: str | None) -> None:
        if message == self.error:
            return
        self.error = message
        setter = getattr(self.edit, "set_error", None)
        if setter is not None:
            setter(message)
        self.stateChanged.emit()
        self.session.typingRefused.emit(message or "")

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the saved value, unless the field already shows it (the user may be typing it:
        « 12 » and « 12,0 » both read 12,00 €). While its own keystroke is being committed
        (the redraws that commit causes), the field is left exactly as the user typed it."""
        if self._committing:
            return
        value = self.saved()
        text = self.edit.text()
        if value is None:
            if text:
                self.edit.setText("")
            self._set_error(None)
            return
        try:
            same = typed_value(self.kind, self.field, text) == value
        except InvalidValue:
            same = False
        if not same:
            self.edit.setText(self.shown(value))
        self._set_error(None)

    def restore(self, note: str = "") -> None:
        """Put the saved value back in the field, end the burst, and say ``note`` (if any)."""
        self._burst = None
        value = self.saved()
        self.edit.setText("" if value is None else self.shown(value))
        self._set_error(None)
        if note:
            self.notice.emit(note)

    def leave(self) -> None:
        """The user is done with the field: an invalid text gives way to the saved value."""
        if self.error is not None:
            typed = self.edit.text()
            value = self.saved()
            kept = self.shown(value) if value is not None else ""
            self.restore(
                f"{quoted(typed)} n'a pas été gardé : {self.what()} reste "
                f"{quoted(kept) if kept else 'vide'}."
            )
            return
        self._burst = None
        value = self.saved()
        if value is not None and self.edit.text() != self.shown(value) and self._tidy():
            self.edit.setText(self.shown(value))

    def _tidy(self) -> bool:
        """Numbers and codes are rewritten the French way on leaving; names stay as typed."""
        return not isinstance(self.saved(), str) or self.field in ("siren", "uai", "insee")

    def revert(self) -> None:
        """Escape: back to the value from before the last burst, as if nothing had been typed
        (its undo step, merged back to nothing, disappears)."""
        if self._step is not None:
            burst, original = self._step
            self._commit(original, burst)
            self._step = None
        self.restore()

    # --- events ----------------------------------------------------------------------------

    def _on_session_changed(self, _result) -> None:
        if self._committing:
            return
        self._burst = None  # an undo, another field…: the next keystroke starts a new step
        self.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit:
            if event.type() == QEvent.Type.FocusIn:
                self._burst = None
            elif event.type() == QEvent.Type.FocusOut:
                self.leave()
        return False
