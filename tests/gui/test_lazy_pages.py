"""The wizard's pages are made on their first visit; the steps' completeness comes from the
domain, so a page never shown still counts as complete or not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from socle_desktop.gui.wizard import PageId
from tests.gui.windows import example_window


def _built(window) -> list[PageId]:
    return [page_id for page_id in PageId if window.wizard.page(int(page_id)).built]


def test_opening_makes_only_the_page_shown(qtbot):
    window = example_window(qtbot)
    assert window.wizard.currentId() == PageId.PORTEUR
    assert _built(window) == [PageId.PORTEUR]
    # every step of the complete example is ticked, though five pages were never made
    steps = [window.wizard_view.steps.item(int(p)).text() for p in PageId]
    assert all(text.startswith("✓ ") for text in steps), steps
    assert window.wizard.first_incomplete() is None


def test_a_step_clicked_makes_that_page_only_and_back_makes_the_one_before(qtbot):
    window = example_window(qtbot)
    steps = window.wizard_view.steps
    rect = steps.visualItemRect(steps.item(int(PageId.RECAPITULATIF)))
    qtbot.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.wizard.currentId() == PageId.RECAPITULATIF
    assert _built(window) == [PageId.PORTEUR, PageId.RECAPITULATIF]
    recap = window.wizard.page_recapitulatif
    assert recap.plan_table.isVisible()
    assert recap.plan_table.model().rowCount() > 0

    back = window.wizard.button(QWizard.WizardButton.BackButton)
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.wizard.currentId() == PageId.SERVICES
    services = window.wizard.page_services
    assert services.built
    assert services.school_combo.isVisible()
    assert services.school_combo.count() == len(window.session.dossier.ecoles)
    assert not window.wizard.page_classes.built


def test_a_widget_asked_of_a_page_never_shown_makes_it(qtbot):
    window = example_window(qtbot)
    page = window.wizard.page_classes
    assert not page.built
    assert page.classes_model.rowCount() > 0  # made on this first look-up
    assert page.built
    assert not window.wizard.page_ecoles.built
