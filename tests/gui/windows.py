"""Opening main windows in tests without any modal dialog: file dialogs answer at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox


def answer_save_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def answer_open_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


KINDS = {
    QMessageBox.Icon.Question: "question",
    QMessageBox.Icon.Warning: "warning",
    QMessageBox.Icon.Critical: "critical",
    QMessageBox.Icon.Information: "information",
}


def record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.Yes) -> list:
    """Every message box is recorded as (kind, title, text) and answered at once.

    The boxes of socle_desktop.gui.dialogs must show user text as typed: a box in rich text
    fails here."""
    calls: list = []

    def execute(box):
        assert box.textFormat() == Qt.TextFormat.PlainText, box.text()
        calls.append((KINDS[box.icon()], box.windowTitle(), box.text()))
        return int(answer.value)

    def about(parent, title, text):
        calls.append(("about", title, text))

    monkeypatch.setattr(QMessageBox, "exec", execute)
    monkeypatch.setattr(QMessageBox, "about", staticmethod(about))
    return calls


def show_active(qtbot, window) -> None:
    """Shown and active, so that its keyboard shortcuts (window context) fire."""
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    with qtbot.waitActive(window):
        window.raise_()
        window.activateWindow()


def new_window(qtbot, monkeypatch, path: Path):
    """A shown main window on a new, empty dossier saved at ``path``."""
    from socle_desktop.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    show_active(qtbot, window)
    answer_save_dialog(monkeypatch, path)
    assert window.new_dossier()
    return window


def example_window(qtbot):
    from socle_desktop.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    show_active(qtbot, window)
    assert window.open_example()
    return window
