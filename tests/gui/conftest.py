"""Fixtures and helpers for driving the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def _send(kind, key, text: str = "", modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """One key event to the widget that has the keyboard focus now, as the keyboard does: a
    focus taken away by the program sends the following keys elsewhere, and the test sees it."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))


def key(key, text: str = "", modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release one key on the focused widget."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        _send(kind, key, text, modifiers)
    QApplication.processEvents()


def keyboard(text: str) -> None:
    """Type any text, accents and « € » included, one key at a time to the focused widget.

    ``qtbot.keyClicks`` aborts the process on lowercase accented letters (a Qt assertion in
    qasciikey.cpp), so each character goes as a Key_unknown event carrying its text."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            _send(kind, Qt.Key.Key_unknown, ch)
        QApplication.processEvents()


def focus(widget) -> None:
    widget.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is widget, f"{widget!r} did not take the focus"


def type_text(widget, text: str) -> None:
    """Give ``widget`` the focus, then type ``text`` where the focus is at each key."""
    focus(widget)
    keyboard(text)


def clear_and_type(widget, text: str) -> None:
    """Select all then type, as a user replacing a field's content."""
    focus(widget)
    widget.selectAll()
    key(Qt.Key.Key_Backspace)
    keyboard(text)


def shows_state(widget, state: str) -> bool:
    """The widget says ``state`` and is drawn in its colour (the style sheet took it)."""
    from PySide6.QtGui import QPalette

    from socle_desktop.gui import theme

    widget.ensurePolished()
    drawn = widget.palette().color(QPalette.ColorRole.WindowText)
    return widget.property("state") == state and drawn == theme.colour(state)


@pytest.fixture(scope="session", autouse=True)
def socle_style(qapp):
    """The widgets look as in the application: the states' style sheet (gui/theme.py)."""
    from socle_desktop.gui import theme

    theme.apply(qapp)
    yield


TRANSIENT = ("QTipLabel",)  # Qt's own tooltip window, hidden by a timer


@pytest.fixture(autouse=True)
def no_window_left_open():
    """Every window a test opens is closed when it ends (``qtbot.addWidget`` does it): a window
    left open would take the keyboard and the screen of the tests that follow. Set up before
    ``qtbot``, so checked after it has closed what it was given."""
    yield
    app = QApplication.instance()
    if app is None:
        return
    left = [w for w in app.topLevelWidgets() if w.isVisible() and type(w).__name__ not in TRANSIENT]
    for widget in left:  # close them anyway, so that one leak does not fail the next tests
        widget.close()
    assert not left, "fenêtres laissées ouvertes : " + ", ".join(
        f"{type(w).__name__} « {w.windowTitle()} »" for w in left
    )


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings (recent files, geometry) go to a temporary folder, never the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    yield
