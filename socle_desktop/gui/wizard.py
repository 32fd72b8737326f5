"""The six steps of a dossier: a QWizard embedded in the main window, with a list of steps.

The wizard never hides itself (it lives in the window, not in a dialog): Escape does nothing,
there is no « Annuler » button, and « Terminer » on the last page asks for the PDF instead of
closing. Every page reads and writes the dossier through the session, so going back and forth
loses nothing; « Suivant » waits for the page to be complete, but the file is saved at each edit.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from socle_desktop.domain.edit_places import Place
from socle_desktop.domain.presentation import plural
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state

if TYPE_CHECKING:
    from socle_desktop.gui.pages.recapitulatif import RecapitulatifPage

MAX_MISSING_SHOWN = 5


class PageId(IntEnum):
    PORTEUR = 0
    ECOLES = 1
    CLASSES = 2
    EQUIPEMENT_ECOLE = 3
    SERVICES = 4
    RECAPITULATIF = 5


PLACE_STEPS = {  # domain.edit_places step names -> the wizard's pages
    "porteur": PageId.PORTEUR,
    "ecoles": PageId.ECOLES,
    "classes": PageId.CLASSES,
    "equipement_ecole": PageId.EQUIPEMENT_ECOLE,
    "services": PageId.SERVICES,
    "recapitulatif": PageId.RECAPITULATIF,
}

STEP_TITLES = {
    PageId.PORTEUR: "Porteur du projet",
    PageId.ECOLES: "Écoles",
    PageId.CLASSES: "Classes et équipement",
    PageId.EQUIPEMENT_ECOLE: "Équipement de l'école",
    PageId.SERVICES: "Services et ressources",
    PageId.RECAPITULATIF: "Récapitulatif",
}


def _page_classes():
    """The page classes in step order (imported when a dossier opens: the start screen
    needs none of them)."""
    from socle_desktop.gui.pages.classes import ClassesPage
    from socle_desktop.gui.pages.ecoles import EcolesPage
    from socle_desktop.gui.pages.equipement_ecole import EquipementEcolePage
    from socle_desktop.gui.pages.porteur import PorteurPage
    from socle_desktop.gui.pages.recapitulatif import RecapitulatifPage
    from socle_desktop.gui.pages.services import ServicesPage

    return {
        PageId.PORTEUR: ("page_porteur", PorteurPage),
        PageId.ECOLES: ("page_ecoles", EcolesPage),
        PageId.CLASSES: ("page_classes", ClassesPage),
        PageId.EQUIPEMENT_ECOLE: ("page_equipement_ecole", EquipementEcolePage),
        PageId.SERVICES: ("page_services", ServicesPage),
        PageId.RECAPITULATIF: ("page_recapitulatif", RecapitulatifPage),
    }


class DossierWizard(QWizard):
    """The pages, in order; ``finishRequested`` replaces closing on « Terminer »."""

    finishRequested = Signal()
    page_recapitulatif: RecapitulatifPage  # set below with the other pages (the main window's
    # PDF and printing read it)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.session = session
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, False)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, False)
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Précédent")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Suivant >")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Exporter le PDF…")
        self.button(QWizard.WizardButton.FinishButton).setToolTip(
            "Le dossier est déjà enregistré ; écrivez maintenant son PDF."
        )
        for page_id, (attribute, page_class) in _page_classes().items():
            page = page_class(session, self)
            setattr(self, attribute, page)
            self.setPage(int(page_id), page)
            # QWizard answers completeChanged by hiding and showing its page area, which sends
            # the keyboard focus to the step list and closes an open cell editor: the typing
            # goes nowhere. The buttons follow completeness here instead, touching no focus.
            page.completeChanged.disconnect()
            page.completeChanged.connect(self.update_buttons)
        self.setStartId(int(PageId.PORTEUR))
        self.walking = False  # go_to passing over pages: they are not made for that

    def update_buttons(self) -> None:
        """« Suivant » (and « Exporter le PDF… » on the last step) as the page is complete."""
        page = self.currentPage()
        complete = page is not None and page.isComplete()
        last = self.nextId() == -1
        self.button(QWizard.WizardButton.NextButton).setEnabled(complete and not last)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(complete and last)

    def pages(self) -> list:
        return [self.page(int(page_id)) for page_id in PageId]

    def first_incomplete(self) -> int | None:
        """The first step whose page still misses something (None when all are complete)."""
        for page_id in PageId:
            if not self.page(int(page_id)).isComplete():
                return int(page_id)
        return None

    def can_reach(self, target: int) -> bool:
        """A step is reachable when every step before it is complete."""
        first = self.first_incomplete()
        return first is None or target <= first

    def go_to(self, target: int) -> bool:
        """Jump to a step (through the pages in between, so history stays linear)."""
        if not self.can_reach(target):
            return False
        self.walking = True
        try:
            while self.currentId() > target:
                self.back()
            while self.currentId() < target:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    return False
        finally:
            self.walking = False
            page = self.currentPage()
            if page is not None:
                page.arrive()  # the pages walked over stay unmade
        return True

    # The wizard is embedded: it must never close itself.
    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        if result == int(QWizard.DialogCode.Accepted):
            self.finishRequested.emit()

    def reject(self) -> None:
        pass

    def accept(self) -> None:
        self.finishRequested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter in a text field must not press « Suivant » (QDialog's default button): a user
        # validating a name would change page by surprise. Elsewhere (a list, a table that has
        # nothing to edit) Enter goes on, as in any wizard.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
            self.focusWidget(), (QLineEdit, QAbstractSpinBox, QComboBox)
        ):
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


class WizardView(QWidget):
    """The list of steps (click to jump), the wizard, and what the current page misses."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.wizard = DossierWizard(session, self)
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setAccessibleName("Étapes du dossier")
        self.steps.setMinimumWidth(170)
        self.steps.setMaximumWidth(195)
        self.steps.setSpacing(2)
        for page_id in PageId:
            item = QListWidgetItem(f"{int(page_id) + 1}. {STEP_TITLES[page_id]}")
            self.steps.addItem(item)
        self.steps.itemClicked.connect(lambda item: self._jump(self.steps.row(item)))
        self.steps.itemActivated.connect(lambda item: self._jump(self.steps.row(item)))

        self.missing_label = QLabel()
        self.missing_label.setObjectName("missing_label")
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        set_state(self.missing_label, "notice")

        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.wizard, 1)
        column.addWidget(self.missing_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        layout.addLayout(column, 1)

        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.update_steps)
        self.wizard.currentIdChanged.connect(lambda _id: self.update_steps())
        session.changed.connect(lambda _result: self._pending.start())
        self.wizard.restart()
        self.update_steps()

    def show_place(self, place: Place | None) -> bool:
        """Go to the step (and school, class) of ``place`` when it can be reached; True if the
        wizard now shows it."""
        if place is None or place.step not in PLACE_STEPS:
            return False
        target = PLACE_STEPS[place.step]
        if self.wizard.currentId() != target and not self.wizard.go_to(target):
            return False
        page = self.wizard.currentPage()
        if place.school_id:
            page.show_school(place.school_id, place.class_id)
        return True

    def _jump(self, row: int) -> None:
        if not self.wizard.go_to(row):
            first = self.wizard.first_incomplete()
            self.steps.setCurrentRow(self.wizard.currentId())
            if first is not None:
                self.wizard.go_to(first)
        self.wizard.currentPage().setFocus()

    def missing_text(self) -> str:
        page = self.wizard.currentPage()
        missing = page.missing() if page is not None else []
        if not missing:
            return ""
        shown = missing[:MAX_MISSING_SHOWN]
        more = len(missing) - len(shown)
        text = "Pour passer à l'étape suivante :\n" + "\n".join(f"• {m}" for m in shown)
        if more:
            text += f"\n… et {plural(more, 'autre point', 'autres points')}."
        text += "\nTout est déjà enregistré : vous pouvez fermer et reprendre plus tard."
        return text

    def update_steps(self) -> None:
        """Mark the current step, the complete ones, and those not reachable yet."""
        current = self.wizard.currentId()
        first = self.wizard.first_incomplete()
        for page_id in PageId:
            item = self.steps.item(int(page_id))
            done = first is None or int(page_id) < first
            reachable = first is None or int(page_id) <= first
            mark = "✓ " if done else ""
            item.setText(f"{mark}{int(page_id) + 1}. {STEP_TITLES[page_id]}")
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags if reachable else Qt.ItemFlag.NoItemFlags)
            item.setToolTip("" if reachable else "Complétez d'abord les étapes précédentes.")
        if self.steps.currentRow() != current:
            self.steps.setCurrentRow(current)
        text = self.missing_text()
        self.missing_label.setText(text)
        self.missing_label.setVisible(bool(text))
