"""« Imprimer… » and « Aperçu avant impression » driven as a user does, on a PDF printer (no
real printer exists here): Qt's print dialog, the preview, the worker's progress and cancel,
and no temporary file left behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
)

from socle_desktop.gui import pdf_pages
from tests.gui.conftest import clear_and_type, type_text
from tests.gui.windows import example_window

pytestmark = pytest.mark.skipif(not pdf_pages.renderer_available(), reason="pypdfium2 absent")


@pytest.fixture(autouse=True)
def pdf_folder(tmp_path):
    """« Imprimer dans un fichier » proposes the PDF folder: here the test's, never the home."""
    from socle_desktop.gui.preferences import settings

    settings().setValue("files/pdf_folder", str(tmp_path))
    return tmp_path


def open_print_dialog(qtbot, window):
    window.menus.print_action.trigger()
    qtbot.waitUntil(
        lambda: (
            bool(window.pdf.print_flows)
            and window.pdf.print_flows[0].dialog is not None
            and window.pdf.print_flows[0].dialog.isVisible()
        ),
        timeout=20000,
    )
    return window.pdf.print_flows[0]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into_focus(qtbot, widget, text: str) -> None:
    """Click the field, then type where the keyboard focus is, as a person does."""
    click(qtbot, widget)
    focus = QApplication.focusWidget()
    assert focus is widget, focus
    if isinstance(focus, QSpinBox):
        focus.selectAll()
        type_text(focus, text)
    else:
        clear_and_type(focus, text)


def test_ctrl_p_print_dialog_pages_and_copies_to_a_pdf_printer(qtbot, tmp_path):
    window = example_window(qtbot)
    assert window.menus.print_action.shortcut().toString() == "Ctrl+P"
    flow = open_print_dialog(qtbot, window)
    dialog, folder = flow.dialog, flow.folder
    assert dialog.windowTitle() == "Imprimer le dossier"
    assert folder.is_dir() and (folder / f"{flow.pdf.name}").exists()
    output = tmp_path / "imprime.pdf"
    field = dialog.findChild(QLineEdit, "filename")
    type_into_focus(qtbot, field, str(output))
    # offscreen, the file-name completer's popup is a window of its own that takes the
    # activation (on a desktop the next click closes it): close it as that click would
    if field.completer() is not None:
        field.completer().popup().hide()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    options = next(b for b in dialog.findChildren(QPushButton) if ">>" in b.text())
    click(qtbot, options)
    click(qtbot, dialog.findChild(QRadioButton, "printRange"))
    type_into_focus(qtbot, dialog.findChild(QSpinBox, "to"), "2")
    type_into_focus(qtbot, dialog.findChild(QSpinBox, "copies"), "2")
    collate = dialog.findChild(QCheckBox, "collate")
    assert collate.isEnabled()
    if not collate.isChecked():
        click(qtbot, collate)
    progress_seen: list[tuple[int, int]] = []
    flow_buttons = dialog.findChild(QDialogButtonBox)
    click(qtbot, flow_buttons.button(QDialogButtonBox.StandardButton.Ok))
    flow.job.signals.progress.connect(lambda done, total: progress_seen.append((done, total)))
    qtbot.waitUntil(lambda: flow.ended, timeout=20000)
    assert flow.outcome.startswith(f"Dossier imprimé dans {output}")
    assert "(4 pages)" in flow.outcome  # pages 1–2, two collated copies
    assert window.statusBar().currentMessage() == flow.outcome
    reader = PdfReader(str(output))
    assert len(reader.pages) == 4
    first, second = (page.extract_text() for page in reader.pages[:2])
    assert first == reader.pages[2].extract_text()  # collated: 1 2 1 2
    for page in reader.pages:
        for image in page.images:  # 300 dpi at most: an A4 page is 2 481 pixels wide
            assert image.image.width <= 2481
    assert progress_seen[-1] == (4, 4) or not progress_seen
    assert not folder.exists()  # the temporary PDF is gone
    assert window.pdf.print_flows == []


def test_cancelling_the_print_dialog_removes_the_temporary_pdf(qtbot):
    window = example_window(qtbot)
    flow = open_print_dialog(qtbot, window)
    click(
        qtbot,
        flow.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel),
    )
    qtbot.waitUntil(lambda: flow.ended, timeout=5000)
    assert not flow.folder.exists()
    assert window.statusBar().currentMessage() == "Impression annulée."


def test_progress_then_cancel_in_the_worker(qtbot, tmp_path, monkeypatch):
    gate = threading.Event()
    real_view = pdf_pages.PdfPages.view

    def slow_view(self, index, dpi, grayscale=False):
        if index >= 1:
            gate.wait(10)  # the second page waits until the user has cancelled
        return real_view(self, index, dpi, grayscale)

    monkeypatch.setattr(pdf_pages.PdfPages, "view", slow_view)
    window = example_window(qtbot)
    flow = open_print_dialog(qtbot, window)
    output = Path(flow.dialog.findChild(QLineEdit, "filename").text())
    assert output.parent == tmp_path and not output.exists()
    click(qtbot, flow.dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: flow.progress is not None and flow.progress.value() == 1, timeout=20000)
    assert f"page 1 sur {flow.count}" in flow.progress.labelText()
    assert flow.progress.isVisible() and flow.progress.maximum() == flow.count
    cancel = next(b for b in flow.progress.findChildren(QPushButton))
    assert cancel.text() == "Annuler"
    click(qtbot, cancel)
    gate.set()
    qtbot.waitUntil(lambda: flow.ended, timeout=20000)
    assert flow.outcome == "Impression annulée."
    assert not output.exists()  # no half-written PDF
    assert not flow.folder.exists()


def test_preview_shows_the_pages_of_the_same_pdf(qtbot, tmp_path):
    window = example_window(qtbot)
    window.menus.preview_action.trigger()
    qtbot.waitUntil(
        lambda: (
            bool(window.pdf.print_flows)
            and window.pdf.print_flows[0].preview_dialog is not None
            and window.pdf.print_flows[0].preview_dialog.isVisible()
        ),
        timeout=20000,
    )
    flow = window.pdf.print_flows[0]
    preview = flow.preview_dialog.findChild(QPrintPreviewWidget)
    assert flow.count >= 4
    qtbot.waitUntil(lambda: preview.pageCount() == flow.count, timeout=5000)
    assert len(flow.images) == flow.count and flow.images[0].width() < 900  # screen resolution
    assert flow.preview_dialog.windowTitle().startswith("Aperçu avant impression")
    flow.preview_dialog.grab().save(str(tmp_path / "apercu.png"))
    flow.preview_dialog.reject()
    qtbot.waitUntil(lambda: flow.ended, timeout=5000)
    assert not flow.folder.exists()


def test_the_preview_print_button_prints_in_the_worker(qtbot, tmp_path):
    window = example_window(qtbot)
    window.menus.preview_action.trigger()
    qtbot.waitUntil(
        lambda: (
            bool(window.pdf.print_flows)
            and window.pdf.print_flows[0].preview_dialog is not None
            and window.pdf.print_flows[0].preview_dialog.isVisible()
        ),
        timeout=20000,
    )
    flow = window.pdf.print_flows[0]
    output = tmp_path / "depuis-apercu.pdf"
    flow.printer.setOutputFileName(str(output))
    flow.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)

    def accept_print_dialog():
        # the preview opens Qt's print dialog in its own modal loop (exec): no other way in
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is flow.preview_dialog:
            QTimer.singleShot(100, accept_print_dialog)
            return
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(100, accept_print_dialog)
    print_action = next(
        a
        for a in flow.preview_dialog.findChildren(type(window.menus.print_action))
        if "rint" in a.text() or "mprimer" in a.text()
    )
    print_action.trigger()
    qtbot.waitUntil(lambda: flow.ended, timeout=20000)
    assert output.exists() and len(PdfReader(str(output)).pages) == flow.count
    assert not flow.folder.exists()


def test_closing_the_window_leaves_no_temporary_pdf(qtbot):
    window = example_window(qtbot)
    flow = open_print_dialog(qtbot, window)
    folder = Path(flow.folder)
    assert folder.exists()
    window.close()
    assert not folder.exists()
