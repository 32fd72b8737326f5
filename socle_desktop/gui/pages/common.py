"""What the pages about schools share: a school selector, lazy redraws, the school's summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from socle_desktop.domain.model import School
from socle_desktop.domain.presentation import school_equipment_summary
from socle_desktop.domain.rules import Result
from socle_desktop.gui.forms import place
from socle_desktop.gui.pages.base import DossierPage
from socle_desktop.gui.theme import set_state


class LazyPage(DossierPage):
    """A page that redraws at once when shown and only marks itself stale while hidden, so
    that a keystroke on one page never redraws the others (60 schools must stay fluid)."""

    _stale = False

    def refresh(self, result: Result) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.redraw(result)

    def redraw(self, result: Result) -> None:  # pragma: no cover - overridden
        """Redraw from ``session.dossier`` and ``result`` (never emits an edit)."""

    def initializePage(self) -> None:
        self._complete = self.isComplete()
        if self.passing_through():
            self._init_pending = True
            return
        self._stale = False
        if not self.ensure_built():  # made now: ``build`` drew it
            self.redraw(self.session.result)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self.built:
            self._stale = False
            self.redraw(self.session.result)


class SchoolPage(LazyPage):
    """A page about one school at a time, chosen in its « École : » combo."""

    school_selector: SchoolSelector

    def _init_school_selector(self, form: Any, on_change=None) -> None:
        """Drive the form's « school_combo »; a new choice redraws the page (or ``on_change``)."""
        self.school_combo = form.school_combo
        self.school_selector = SchoolSelector(self.school_combo, self)
        self.school_selector.schoolChanged.connect(
            on_change or (lambda _id: self.redraw(self.session.result))
        )

    def _init_lines_editor(self, form: Any, editor) -> None:
        """Put the lines editor in the form's « lines_editor_host », with short names for its
        widgets (the keyboard focus chain and the tests use them)."""
        self.lines_editor = editor
        place(editor, form.lines_editor_host)
        self.lines_table = editor.table
        self.article_combo = editor.article_combo
        self.add_line_button = editor.add_button
        self.remove_line_button = editor.remove_button
        self.quantity_editor = editor.quantity_editor
        self.price_editor = editor.price_editor

    def show_school(self, school_id: str, class_id: str = "") -> None:
        """Show this school (an undo took place there)."""
        if self.school_selector.current_id() != school_id:
            self.school_selector.select(school_id)

    def current_school(self) -> School | None:
        school_id = self.school_selector.current_id()
        return next((s for s in self.session.dossier.ecoles if s.id == school_id), None)

    def _draw_summary(self, label: QLabel, result: Result) -> School | None:
        """The school's equipment in one line (dépense, plafond, éligible), in its state's
        colour; the current school, or None (then the line asks for a school first)."""
        school = self.current_school()
        sr = result.school(school.id) if school is not None else None
        if sr is None:
            text, state = "Ajoutez d'abord une école à l'étape « Écoles ».", ""
        else:
            text, state = school_equipment_summary(sr)
        label.setText(text)
        set_state(label, state)
        return school


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Tab goes from each widget to the next: joins a page's form with widgets that live in
    another form (the lines editor), which Designer's <tabstops> cannot name."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


class SchoolSelector(QObject):
    """Drives the « École : » combo of a page form; keeps the chosen school by id across
    redraws."""

    schoolChanged = Signal(str)  # school id ("" when the dossier has none)

    def __init__(self, combo: QComboBox, parent=None):
        super().__init__(parent or combo)
        self.combo = combo
        self._key: tuple = ()
        self.combo.currentIndexChanged.connect(
            lambda _i: self.schoolChanged.emit(self.current_id())
        )

    def current_id(self) -> str:
        return self.combo.currentData() or ""

    def update_schools(self, schools: list[School]) -> bool:
        """Refill the list if schools were added, removed or renamed; True if refilled."""
        key = tuple((s.id, s.nom, s.uai) for s in schools)
        if key == self._key:
            return False
        self._key = key
        current = self.current_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        for school in schools:
            name = school.nom or "(école sans nom)"
            self.combo.addItem(f"{name} ({school.uai})" if school.uai else name, school.id)
            self.combo.setItemData(self.combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(index if index >= 0 else (0 if schools else -1))
        self.combo.blockSignals(False)
        return True

    def select(self, school_id: str) -> None:
        index = self.combo.findData(school_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)


def elide(widget: QWidget, text: str, width: int) -> str:
    return widget.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)
