"""Opening main windows in tests without any modal dialog: file dialogs answer at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox


def answer_save_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def answer_open_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.Yes) -> list:
    """Every QMessageBox static call is recorded as (kind, title, text) and answered."""
    calls: list = []

    def fake(kind):
        def show(parent, title, text, *args, **kwargs):
            calls.append((kind, title, text))
            return answer
        return staticmethod(show)

    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    monkeypatch.setattr(QMessageBox, "about", fake("about"))
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
