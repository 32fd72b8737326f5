"""The one place that edits a dossier: apply, save at once, undo/redo, recompute, notify.

Data flows one way: a widget asks the session for an edit → ``store.editing.perform`` checks it,
applies it and writes it in one transaction (rolling memory back if the write fails) → the
session recomputes once and emits ``changed`` with the new ``Result`` → every view redraws from
that one result. The session only adds the undo stack and the signals to that plain function,
and the variant being shown: switching is not an edit (nothing is saved), and each undo step is
undone and redone in the variant it was made in.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QUndoCommand, QUndoStack

from socle_desktop.domain import completeness, edits, variants
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.diagnostic import SchoolDiagnostic, diagnose
from socle_desktop.domain.incremental import ComputeCache
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.rules import Result, compute

if TYPE_CHECKING:  # the store is imported at the first edit, not at start-up
    from socle_desktop.store import DossierFile

_MERGE_ID = 0x50C1E  # SetField commands of one burst of typing merge into one undo step
_bursts = itertools.count(1)


@dataclass(frozen=True)
class Failure:
    """Why the last edit, undo or redo did not happen (French, shown as is)."""

    kind: Literal["refused", "save"]  # a value or relation the dossier cannot hold | not written
    message: str


class _EditCommand(QUndoCommand):
    """An edit already applied and saved; the session performs its undo and redo and only then
    lets the stack move (``_moved_by_session``), so a failed save never moves the stack."""

    def __init__(
        self,
        session: Session,
        edit: edits.Edit,
        inverse: edits.Edit,
        burst: int | None,
        shown: tuple[str, str] = ("", ""),
    ):
        super().__init__(edit.label)
        self._session, self.edit, self.inverse, self.burst = session, edit, inverse, burst
        # The variant shown before the edit and after it: the undo runs in the second and
        # goes back to the first, the redo the other way round.
        self.before, self.after = shown
        self._moved_by_session = True  # push() calls redo() once: the edit is already applied

    def redo(self) -> None:
        if self._moved_by_session:
            self._moved_by_session = False
            return
        self._session._replay(self, forward=True)  # only if Qt's own QUndoGroup moved the stack

    def undo(self) -> None:
        if self._moved_by_session:
            self._moved_by_session = False
            return
        self._session._replay(self, forward=False)

    def id(self) -> int:
        return _MERGE_ID if isinstance(self.edit, edits.SetField) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        mine, inverse = self.edit, self.inverse
        if not (
            isinstance(other, _EditCommand)
            and isinstance(mine, edits.SetField)
            and isinstance(other.edit, edits.SetField)
            and isinstance(inverse, edits.SetField)
            and other.burst == self.burst
        ):
            return False
        theirs = other.edit
        if (mine.kind, mine.id, mine.field) != (theirs.kind, theirs.id, theirs.field):
            return False
        self.edit = theirs  # keep the first inverse: one undo restores the value before typing
        # typing back the value from before the burst leaves nothing to undo
        self.setObsolete(theirs.value == inverse.value)
        return True


class _UndoStack(QUndoStack):
    """``undo()``/``redo()`` called from Python go through the session: the stack moves only
    once the step is saved."""

    def __init__(self, session: Session):
        super().__init__(session)
        self._session = session

    def undo(self) -> None:
        self._session.undo()

    def redo(self) -> None:
        self._session.redo()


class Session(QObject):
    """A dossier being edited, with its file (or none) and its computed result."""

    changed = Signal(object)  # Result, after every edit, undo and redo
    saveFailed = Signal(str)  # French message; the edit was rolled back, nothing changed
    undoFailed = Signal(str)  # French message; the undo or redo was not saved, the stack stayed
    typingRefused = Signal(str)  # why a field's text is refused (not saved), « » once it is not
    # « Annulé : … » / « Rétabli : … », the edit just applied, and the one that would reverse it
    stepped = Signal(str, object, object)

    def __init__(
        self,
        dossier: Dossier,
        campaign: Campaign,
        file: DossierFile | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.dossier, self.campaign = dossier, campaign
        self.file: DossierFile | None = file  # None: edits stay in memory (tests, previews)
        self.undo_stack = _UndoStack(self)
        self._cache = ComputeCache()  # what the next compute may reuse (domain/incremental.py)
        self.result: Result = compute(dossier, campaign, self._cache)
        self.last_failure: Failure | None = None
        self._diagnostics: dict[str, SchoolDiagnostic] | None = None
        self._missing: dict[str, list[str]] = {}  # what each step still needs, once per change
        # The result of each variant shown since the last edit: going back to one is free.
        self._shown: dict[str, Result] = {dossier.courante: self.result}

    # --- reading ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.file and self.file.read_only)

    def diagnostics(self) -> dict[str, SchoolDiagnostic]:
        """The socle diagnostic per school id, computed when a view first asks for it."""
        if self._diagnostics is None:
            self._diagnostics = diagnose(self.dossier, self.campaign)
        return self._diagnostics

    def missing(self, step: str) -> list[str]:
        """What ``step`` still needs (``domain.completeness``), computed once per change: the
        wizard asks every page after each keystroke."""
        if step not in self._missing:
            self._missing[step] = completeness.missing(self.dossier, step)
        return self._missing[step]

    @staticmethod
    def new_burst() -> int:
        """A token for one burst of typing in one field: its edits make one undo step."""
        return next(_bursts)

    # --- editing ---------------------------------------------------------------------------

    def edit(
        self, edit: edits.Edit, burst: int | None = None, switch_to: str | None = None
    ) -> bool:
        """Apply and save ``edit`` as one undoable step, then show the variant ``switch_to`` (a
        variant just created); False when refused or not saved (``last_failure`` says why; a
        save failure is also signalled by saveFailed)."""
        before = self.dossier.courante
        try:
            inverse = self._perform(edit, self.saveFailed, refresh=switch_to is None)
        except _NotDone:
            return False
        if switch_to is not None:
            variants.switch(self.dossier, switch_to)
            self._refresh()
        shown = (before, self.dossier.courante)
        self.undo_stack.push(_EditCommand(self, edit, inverse, burst, shown))
        return True

    def switch_variant(self, variant_id: str) -> bool:
        """Show (and edit) another variant of the dossier; False when it is already shown."""
        if variant_id == self.dossier.courante or self.dossier.variante(variant_id) is None:
            return False
        variants.switch(self.dossier, variant_id)
        self._refresh(self._shown.get(variant_id))
        return True

    def set_field(
        self,
        kind: edits.Kind,
        ident: str,
        field: str,
        value: object,
        label: str = "Modifier",
        burst: int | None = None,
    ) -> bool:
        """Set one field, doing nothing when the value is unchanged (no empty undo steps)."""
        if getattr(edits.find(self.dossier, kind, ident), field) == value:
            return True
        return self.edit(edits.SetField(kind, ident, field, value, label), burst)

    def undo(self) -> bool:
        """Undo the last step; the stack moves back only once the undo is saved."""
        stack = self.undo_stack
        if not stack.canUndo():
            return False
        command = self._command(stack.index() - 1)
        if not self._step(command, forward=False):
            return False
        command._moved_by_session = True
        QUndoStack.undo(stack)
        self.stepped.emit(f"Annulé : {command.text()}", command.inverse, command.edit)
        return True

    def redo(self) -> bool:
        """Redo the next step; the stack moves on only once the redo is saved."""
        stack = self.undo_stack
        if not stack.canRedo():
            return False
        command = self._command(stack.index())
        if not self._step(command, forward=True):
            return False
        command._moved_by_session = True
        QUndoStack.redo(stack)
        self.stepped.emit(f"Rétabli : {command.text()}", command.edit, command.inverse)
        return True

    def _replay(self, command: _EditCommand, forward: bool) -> None:
        """Qt moved the stack itself (QUndoGroup's own actions): do the step, say if it fails."""
        self._step(command, forward)

    def _step(self, command: _EditCommand, forward: bool) -> bool:
        """Redo or undo ``command`` in the variant it was made in, then show the variant it
        leaves; on failure the variant shown before stays shown. One redraw."""
        shown = self.dossier.courante
        start, end = (command.before, command.after) if forward else (command.after, command.before)
        moved = bool(start) and start != shown
        if moved:
            variants.switch(self.dossier, start)
        try:
            if forward:
                command.inverse = self._perform(
                    command.edit, self.undoFailed, "Rétablissement", refresh=False
                )
            else:
                command.edit = self._perform(
                    command.inverse, self.undoFailed, "Annulation", refresh=False
                )
        except _NotDone:
            if moved:  # back to what was shown, the dossier as it was
                variants.switch(self.dossier, shown)
                self._refresh(self._shown.get(shown))
            return False
        if end and self.dossier.variante(end) is not None:
            variants.switch(self.dossier, end)
        self._refresh()
        return True

    def _command(self, index: int) -> _EditCommand:
        command = self.undo_stack.command(index)
        assert isinstance(command, _EditCommand)  # the session pushes no other kind
        return command

    def _perform(
        self, edit: edits.Edit, failed: SignalInstance, what: str = "", refresh: bool = True
    ) -> edits.Edit:
        from socle_desktop.store import StoreError
        from socle_desktop.store.editing import InvalidValue, perform

        target = self.file if self.file is not None and not self.file.read_only else None
        try:
            inverse = perform(self.dossier, edit, target)
        except InvalidValue as error:
            self.last_failure = Failure("refused", str(error))
            if what:  # an undo refused: the dossier cannot go back there (never expected)
                failed.emit(f"{what} impossible, rien n'a changé : {error}")
            raise _NotDone from error
        except StoreError as error:
            self.last_failure = Failure("save", str(error))
            failed.emit(f"{what} impossible, rien n'a changé : {error}" if what else str(error))
            raise _NotDone from error
        self.last_failure = None
        self._cache.forget(self.dossier, edit, inverse)  # the schools the edit touched
        self._shown.clear()  # an edit: no variant's figures are known any more
        if refresh:
            self._refresh()
        return inverse

    def recompute(self) -> None:
        """Compute everything again (the dossier changed outside the session's edits)."""
        self._cache.clear()
        self._shown.clear()
        self._refresh()

    def _refresh(self, result: Result | None = None) -> None:
        """Tell the views: ``result`` (a variant's, still valid), or computed now."""
        self.result = result or compute(self.dossier, self.campaign, self._cache)
        self._shown[self.dossier.courante] = self.result
        self._missing = {}
        self._diagnostics = None
        self.changed.emit(self.result)


class _NotDone(Exception):
    pass
