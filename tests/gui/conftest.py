"""Fixtures and helpers for driving the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type any text, accents and « € » included, as key events.

    ``qtbot.keyClicks`` aborts the process on lowercase accented letters (a Qt assertion in
    qasciikey.cpp), so each character goes as a Key_unknown event carrying its text.
    """
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
    QApplication.processEvents()


def clear_and_type(widget, text: str) -> None:
    """Select all then type, as a user replacing a field's content."""
    widget.setFocus()
    widget.selectAll()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
        )
    type_text(widget, text)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings (recent files, geometry) go to a temporary folder, never the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    yield
