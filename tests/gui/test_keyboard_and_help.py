"""The keyboard of a fast user: one Alt letter per page, Ctrl+S, Ctrl+PgDown / Ctrl+PgUp, F1
and its French guide."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from socle_desktop.gui.wizard import PageId
from tests.gui.conftest import type_text
from tests.gui.windows import answer_save_dialog, example_window, new_window


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _mnemonics(root: QWidget, only_visible: bool, skip: tuple = ()) -> list[tuple[str, str]]:
    """(letter, text) of every widget under ``root`` whose Alt letter reaches it: buttons,
    labels with a buddy, group boxes, tabs."""
    found = []
    for widget in root.findChildren(QWidget):
        if (only_visible and not widget.isVisible()) or any(s.isAncestorOf(widget) for s in skip):
            continue
        texts = []
        if isinstance(widget, QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabWidget):
            texts = [widget.tabText(i) for i in range(widget.count())]
        found += [(mnemonic(t), t) for t in texts if mnemonic(t)]
    return found


def _duplicates(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, text in found:
        by_letter.setdefault(letter, []).append(text)
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}


def _menus(window) -> list[tuple[str, str]]:
    return [
        (mnemonic(a.text()), a.text()) for a in window.menuBar().actions() if mnemonic(a.text())
    ]


def test_every_step_has_each_alt_letter_once(qtbot):
    """The page's own widgets (shown or not: a porteur of another type shows others), and what
    the window shows around it: the wizard's buttons, the panel, the banner, the menu bar."""
    window = example_window(qtbot)
    pages = window.wizard.pages()
    for page_id in PageId:
        assert window.wizard.go_to(int(page_id))
        page = window.wizard.currentPage()
        around = _mnemonics(window, only_visible=True, skip=tuple(pages))
        found = _mnemonics(page, only_visible=False) + around + _menus(window)
        assert _duplicates(found) == {}, page_id.name


def test_the_start_screen_and_the_dialogs_have_each_alt_letter_once(qtbot):
    from socle_desktop.domain import variants
    from socle_desktop.gui.catalogue_dialog import CatalogueDialog
    from socle_desktop.gui.compare_dialog import CompareDialog
    from socle_desktop.gui.help_dialog import show_guide
    from socle_desktop.gui.import_ecoles_dialog import ImportEcolesDialog
    from socle_desktop.gui.main_window import MainWindow
    from socle_desktop.gui.replace_dialog import ReplaceDialog

    start = MainWindow()
    qtbot.addWidget(start)
    start.show()
    assert _duplicates(_mnemonics(start, only_visible=True) + _menus(start)) == {}
    window = example_window(qtbot)
    assert window.session.edit(variants.create(window.session.dossier, "Autre"))
    for dialog in (
        CatalogueDialog(window.session, window),
        ImportEcolesDialog(window.session, window),
        show_guide(window, window.session.campaign),
        CompareDialog(window.session, window.variant_actions, window),
        ReplaceDialog(window.session, window),
        window.variant_actions.create(),
    ):
        qtbot.addWidget(dialog)
        assert _duplicates(_mnemonics(dialog, only_visible=False)) == {}, type(dialog).__name__


def _press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user presses it: to the widget that has the focus now."""
    from PySide6.QtTest import QTest

    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def test_ctrl_s_says_when_the_dossier_was_saved_and_keeps_the_focus(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    field = window.wizard.page_porteur.nom_edit
    type_text(field, "Mairie de Bréal")
    field.setFocus()
    _press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert re.match(r"Enregistré automatiquement à \d\d:\d\d : ", message), message
    assert QApplication.focusWidget() is field and field.text() == "Mairie de Bréal"


def test_ctrl_s_on_the_example_asks_where_to_keep_it(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    answer_save_dialog(monkeypatch, tmp_path / "gardé")
    window.wizard.currentPage().setFocus()
    _press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "gardé.socle").exists()
    assert window.windowTitle() == "gardé.socle"


def test_ctrl_page_down_and_up_move_between_steps_to_their_first_field(qtbot):
    window = example_window(qtbot)
    assert window.wizard.go_to(int(PageId.PORTEUR))
    window.wizard.page_porteur.nom_edit.setFocus()
    _press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard.currentId() == PageId.ECOLES
    focused = QApplication.focusWidget()
    assert window.wizard.page_ecoles.isAncestorOf(focused)
    _press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard.currentId() == PageId.CLASSES
    _press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    _press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard.currentId() == PageId.PORTEUR
    assert window.wizard.page_porteur.isAncestorOf(QApplication.focusWidget())


def test_ctrl_page_down_waits_for_a_complete_step(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    field = window.wizard.page_porteur.nom_edit
    field.setFocus()
    _press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard.currentId() == PageId.PORTEUR
    assert "Complétez d'abord cette étape" in window.statusBar().currentMessage()
    assert QApplication.focusWidget() is field


@pytest.fixture
def french_qt(qapp):
    """Qt's own strings in French, as the application has them (key names: « Page suiv »)."""
    from socle_desktop.gui import qt_french

    assert qt_french.install(qapp)
    yield
    qt_french.uninstall(qapp)


@pytest.mark.parametrize("how", ["F1", "menu"])
def test_f1_and_the_aide_menu_open_the_french_guide(qtbot, french_qt, how):
    window = example_window(qtbot)
    field = window.wizard.page_porteur.nom_edit
    field.setFocus()
    if how == "F1":
        _press(Qt.Key.Key_F1)
    else:
        assert window.menus.help_action in window.menus.aide.actions()
        window.menus.help_action.trigger()
    dialog = window.help_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Guide de Socle"
    text = dialog.browser.document().toRawText()  # toPlainText() drops no-break spaces
    for expected in (
        "Comment la subvention est calculée",
        "3\u202f500,00\u00a0€",
        "70\u00a0%",
        "200\u202f000,00\u00a0€",
        "20,00\u00a0€ par élève",
        "Porteur du projet",
        "Récapitulatif",
        "Raccourcis clavier",
        "Guide de Socle",
        "Annuler la dernière modification",
    ):
        assert expected in text, expected
    menus = window.menus
    for action in (menus.save_action, menus.next_step_action, menus.help_action):
        assert action.shortcut().toString(action.shortcut().SequenceFormat.NativeText) in text
    assert "Ctrl+Page suiv" in text and "Ctrl+Maj+S" in text
    assert not re.search(r"\b(PgDown|Shift|Step|Help|Save)\b", text)  # French, keys included


def test_f1_works_from_a_dialog_too(qtbot):
    from socle_desktop.gui.catalogue_dialog import CatalogueDialog
    from tests.gui.windows import show_active

    window = example_window(qtbot)
    dialog = CatalogueDialog(window.session, window)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    field = dialog.findChild(QLineEdit)
    field.setFocus()
    _press(Qt.Key.Key_F1)
    assert window.help_dialog.isVisible()
