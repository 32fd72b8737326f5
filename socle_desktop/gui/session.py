"""The one place that edits a dossier: apply, save at once, undo/redo, recompute, notify.

Data flows one way: a widget asks the session for an edit → the session applies it to the
dossier, writes it to the file in its own transaction, recomputes once and emits ``changed``
with the new ``Result`` → every view redraws from that one result.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from socle_desktop.domain import edits
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.diagnostic import SchoolDiagnostic, diagnose
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.rules import Result, compute

_MERGE_ID = 0x50C1E  # SetField commands on the same field merge into one undo step


class _EditCommand(QUndoCommand):
    """An edit already applied and saved; undo and redo re-apply through the session."""

    def __init__(self, session: Session, edit, inverse):
        super().__init__(edit.label)
        self._session, self._edit, self._inverse = session, edit, inverse
        self._done = True  # push() calls redo() once: the edit is already applied

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        try:
            self._inverse = self._session._perform(self._edit)
        except _SaveError:
            pass  # rolled back and reported by saveFailed; the dossier stays as the file has it

    def undo(self) -> None:
        try:
            self._edit = self._session._perform(self._inverse)
        except _SaveError:
            pass

    def id(self) -> int:
        return _MERGE_ID if isinstance(self._edit, edits.SetField) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        mine, theirs = self._edit, getattr(other, "_edit", None)
        if not (isinstance(theirs, edits.SetField)
                and (mine.kind, mine.id, mine.field) == (theirs.kind, theirs.id, theirs.field)):
            return False
        self._edit = theirs  # keep the first inverse: one undo restores the value before typing
        return True


class Session(QObject):
    """A dossier being edited, with its file (or none) and its computed result."""

    changed = Signal(object)  # Result, after every edit, undo and redo
    saveFailed = Signal(str)  # French message; the edit was rolled back

    def __init__(self, dossier: Dossier, campaign: Campaign, file=None, parent=None):
        super().__init__(parent)
        self.dossier, self.campaign, self.file = dossier, campaign, file
        self.undo_stack = QUndoStack(self)
        self.result: Result = compute(dossier, campaign)
        self._diagnostics: dict[str, SchoolDiagnostic] | None = None

    # --- reading ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.file and self.file.read_only)

    def diagnostics(self) -> dict[str, SchoolDiagnostic]:
        """The socle diagnostic per school id, computed when a view first asks for it."""
        if self._diagnostics is None:
            self._diagnostics = diagnose(self.dossier, self.campaign)
        return self._diagnostics

    # --- editing ---------------------------------------------------------------------------

    def edit(self, edit) -> bool:
        """Apply and save ``edit`` as one undoable step; False (and saveFailed) if not saved."""
        try:
            inverse = self._perform(edit)
        except _SaveError:
            return False
        self.undo_stack.push(_EditCommand(self, edit, inverse))
        return True

    def set_field(self, kind: str, ident: str, field: str, value, label: str = "Modifier") -> bool:
        """Set one field, doing nothing when the value is unchanged (no empty undo steps)."""
        if getattr(edits.find(self.dossier, kind, ident), field) == value:
            return True
        return self.edit(edits.SetField(kind, ident, field, value, label))

    def _perform(self, edit):
        inverse = edits.apply(self.dossier, edit)
        if self.file is not None and not self.file.read_only:
            from socle_desktop.store import StoreError

            try:
                self.file.apply(edit)
            except StoreError as error:
                edits.apply(self.dossier, inverse)  # the file is the truth: roll back in memory
                self.saveFailed.emit(str(error))
                raise _SaveError from error
        self.recompute()
        return inverse

    def recompute(self) -> None:
        self.result = compute(self.dossier, self.campaign)
        self._diagnostics = None
        self.changed.emit(self.result)


class _SaveError(Exception):
    pass
