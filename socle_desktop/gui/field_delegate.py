"""Cell editors of the pages' tables (quantity, price, pupils, names), bound to the dossier field
of their row by a ``FieldBinding``: the same live, whole-value-only commits as the page fields.
Escape puts back the value from before the cell was edited."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QStyledItemDelegate

from socle_desktop.gui.field_binding import FieldBinding
from socle_desktop.gui.session import Session
from socle_desktop.gui.widgets import AmountEdit, CountEdit

EDITORS = {"amount": AmountEdit, "count": CountEdit, "text": QLineEdit}


class FieldDelegate(QStyledItemDelegate):
    """Edits ``kind.field`` of the entity whose id ``row_ident(row)`` gives.

    ``invalid(message)`` while the editor's text is refused (« » once it is valid again);
    ``notice(message)`` for a one-line account of what happened (a text not kept…)."""

    invalid = Signal(str)
    notice = Signal(str)

    def __init__(
        self,
        session: Session,
        kind: str,
        field: str,
        label: str,
        row_ident: Callable[[int], str | None],
        editor: str = "count",
        parent=None,
    ):
        super().__init__(parent)
        self.session, self.kind, self.field, self.label = session, kind, field, label
        self.row_ident, self.editor_kind = row_ident, editor
        self.editor = None  # the open editor, for tests
        self.binding: FieldBinding | None = None
        self.closeEditor.connect(self._on_close)

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        widget_class = EDITORS[self.editor_kind]
        editor = (
            widget_class(parent)
            if widget_class is QLineEdit
            else widget_class(parent, self.kind, self.field)
        )
        target = QPersistentModelIndex(index)
        binding = FieldBinding(
            editor,
            self.session,
            self.kind,
            self.field,
            lambda: self.row_ident(target.row()) if target.isValid() else None,
            self.label,
        )
        binding.stateChanged.connect(lambda: self.invalid.emit(binding.error or ""))
        binding.notice.connect(self.notice)
        editor.binding = binding
        self.editor, self.binding = editor, binding
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor) -> None:
        if self.editor is editor:
            self.editor = self.binding = None

    def setEditorData(self, editor, index: QModelIndex) -> None:  # noqa: N802
        editor.binding.refresh()

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        pass  # every valid keystroke is already in the dossier; an invalid text never goes there

    def _on_close(self, editor, hint) -> None:
        binding = getattr(editor, "binding", None)
        if binding is None:
            return
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            binding.revert()
        else:
            binding.leave()
