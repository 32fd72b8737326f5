"""What every wizard page shares: the session, a redraw on every change, what is missing, and
widgets made on the page's first visit (the start shows one page, not six)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizardPage

from socle_desktop.domain.rules import Result
from socle_desktop.gui.session import Session

EXPLICITLY_HIDDEN = Qt.WidgetAttribute.WA_WState_ExplicitShowHide


class DossierPage(QWizardPage):
    """A page that reads the dossier from the session and writes it only through it.

    Subclasses make their widgets in ``build`` (called once, when the page is first shown or
    one of its widgets first asked for), implement ``refresh`` (redraw from ``session.dossier`` and
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
    built = False

    def build(self) -> None:  # pragma: no cover - overridden
        """Make the page's widgets (and draw them once)."""

    def ensure_built(self) -> bool:
        """Make the widgets if not yet done; True if they were made now."""
        if self.built:
            return False
        self.built = True
        self.build()
        if self.isVisible():  # shown now, as Qt shows a widget's children with it (it would
            # otherwise show them only at the next turn of the event loop)
            for child in self.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if not child.isWindow() and not child.testAttribute(EXPLICITLY_HIDDEN):
                    child.show()
            if self.layout() is not None:
                self.layout().activate()
        return True

    def __getattr__(self, name: str):
        # Only called for a name not found: a widget of a page never shown yet, asked by the
        # window or a test. Making the page then gives the same widget a visit would have.
        if name.startswith("__") or self.__dict__.get("built", False):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.ensure_built()
        return getattr(self, name)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        # Made before Qt shows it (show() and the wizard come here): its children are shown
        # and laid out with it. A page walked over by go_to stays unmade.
        if visible and not self.built and not self.passing_through():
            self.ensure_built()
        super().setVisible(visible)

    def passing_through(self) -> bool:
        """True while the wizard walks over this page to reach another one (``go_to``)."""
        wizard = self.wizard()
        return wizard is not None and bool(getattr(wizard, "walking", False))

    def _on_changed(self, result: Result) -> None:
        """Redraw; tell the wizard only when completeness really changes.

        QWizard answers ``completeChanged`` by hiding and showing its page area, which takes
        the keyboard focus out of the page and closes an open cell editor. A page never shown
        has nothing to redraw: its completeness comes from the domain all the same."""
        if self.built:
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

    _init_pending = False  # initializePage came while walked over

    def arrive(self) -> None:
        """A walk of the wizard (``go_to``) ended here: make the page, or initialise it."""
        pending, self._init_pending = self._init_pending, False
        if not self.ensure_built() and pending:
            self.initializePage()

    def initializePage(self) -> None:
        self._complete = self.isComplete()
        if self.passing_through():
            self._init_pending = True
            return
        if not self.ensure_built():  # made now: ``build`` drew it
            self.refresh(self.session.result)
