"""What every wizard page shares: the session, a redraw on every change, and what is missing."""

from __future__ import annotations

from PySide6.QtWidgets import QWizardPage

from socle_desktop.domain.rules import Result
from socle_desktop.gui.session import Session


class DossierPage(QWizardPage):
    """A page that reads the dossier from the session and writes it only through it.

    Subclasses build their widgets, implement ``refresh`` (redraw from ``session.dossier`` and
    the ``Result``; must not emit edits) and ``missing`` (French sentences saying what blocks
    « Suivant »). The user may always save and leave: nothing here blocks saving.
    """

    def __init__(self, session: Session, title: str, subtitle: str = "", parent=None):
        super().__init__(parent)
        self.session = session
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        session.changed.connect(self._on_changed)

    STEP: str  # the step of domain.completeness this page shows
    _complete: bool | None = None

    def _on_changed(self, result: Result) -> None:
        """Redraw; tell the wizard only when completeness really changes.

        QWizard answers ``completeChanged`` by hiding and showing its page area, which takes
        the keyboard focus out of the page and closes an open cell editor."""
        self.refresh(result)
        complete, before = self.isComplete(), self._complete
        self._complete = complete
        if before is not None and complete != before:
            self.completeChanged.emit()

    def refresh(self, result: Result) -> None:  # pragma: no cover - overridden
        """Redraw from the dossier and the result."""

    def show_school(self, school_id: str, class_id: str = "") -> None:
        """Show this school (and class), where the page is about one: an undo took place
        there. A page about the whole dossier has nothing to select."""

    def missing(self) -> list[str]:
        """What must be filled before going on (``domain.completeness``, for this step)."""
        return self.session.missing(self.STEP)

    def isComplete(self) -> bool:
        return not self.missing()

    def initializePage(self) -> None:
        self._complete = self.isComplete()
        self.refresh(self.session.result)
