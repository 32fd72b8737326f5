"""Helpers for the page tests: show a page on a session, open a cell editor, press keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from socle_desktop.gui.session import Session


def show_page(qtbot, page_class, dossier, campaign):
    session = Session(dossier, campaign)
    page = page_class(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    QApplication.processEvents()
    return page, session


def open_editor(table, row: int, column: int):
    """Make (row, column) current, press Entrée as a keyboard user would, return the editor."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    QTest.keyClick(table, Qt.Key.Key_Return)
    QApplication.processEvents()
    editor = QApplication.focusWidget()
    assert editor is not table and editor.parent() is table.viewport(), "no editor opened"
    return editor


def press(widget, key) -> None:
    QTest.keyClick(widget, key)
    QApplication.processEvents()
