"""The edit protocol, in one plain function: check, apply, write in one transaction, and roll the
dossier in memory back when the write fails. The window's session (which adds only the undo
stack and the signal), the command line, the benchmarks and the tests all edit through it, so
the file and the dossier in memory never disagree.
"""

from __future__ import annotations

from typing import Protocol

from socle_desktop.domain import edits
from socle_desktop.domain.edit_checks import apply_checked
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.validation import InvalidValue

__all__ = ["EditTarget", "InvalidValue", "perform"]


class EditTarget(Protocol):
    """What ``perform`` writes to: a ``DossierFile`` open for editing (or a test double)."""

    def apply(self, edit: edits.Edit) -> None: ...


def perform(dossier: Dossier, edit: edits.Edit, file: EditTarget | None = None) -> edits.Edit:
    """Apply ``edit`` to ``dossier`` and write it to ``file`` (if any) in one transaction;
    return the edit that undoes it.

    Raises ``InvalidValue`` (French, the limit stated) before anything changes when a value or
    a relation is refused, and ``StoreError`` when the write fails, the dossier in memory then
    rolled back to what the file holds."""
    inverse = apply_checked(dossier, edit)
    if file is not None:
        try:
            file.apply(edit)
        except BaseException:
            edits.apply(dossier, inverse)  # the file is the truth
            raise
    return inverse
