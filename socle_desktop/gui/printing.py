"""Printing the dossier: its PDF, sent to a printer if Qt can draw PDF pages, else to the viewer.

Qt draws PDF pages only with the QtPdf module (the separate PySide6-Pdf wheel). Without it, the
PDF opens in the system's viewer, whose own « Imprimer » the user knows; a print dialog that
could not print would only mislead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from socle_desktop.gui import dialogs


def qtpdf_available() -> bool:
    try:
        from PySide6 import QtPdf  # noqa: F401
    except ImportError:
        return False
    return True


def print_pdf(window: QWidget, path: Path):
    """Ask for a printer and print ``path``; returns the QPrinter (the caller must keep it)."""
    if not qtpdf_available():
        _open_in_viewer(window, path)
        return None
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept by the caller: see pitfalls
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Imprimer le dossier")
    dialog.accepted.connect(lambda: _render(window, path, printer))
    dialog.open()
    window._print_dialog = dialog
    return printer


def _open_in_viewer(window: QWidget, path: Path) -> None:
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        window.statusBar().showMessage(
            f"Le PDF s'ouvre dans votre lecteur : imprimez-le depuis celui-ci ({path})", 15000)
    else:
        dialogs.information(
            window, "Imprimer",
            f"Aucun lecteur de PDF n'a pu être ouvert. Le PDF du dossier est ici :\n{path}\n\n"
            "Ouvrez-le avec votre lecteur de PDF pour l'imprimer.")


def _render(window: QWidget, path: Path, printer) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(window)
    document.load(str(path))
    painter = QPainter()
    if not painter.begin(printer):
        dialogs.warning(window, "Imprimer", "L'imprimante n'a pas pu être ouverte.")
        return
    try:
        area = printer.pageRect(printer.Unit.DevicePixel).toRect()
        for number in range(document.pageCount()):
            if number:
                printer.newPage()
            size = document.pagePointSize(number).scaled(
                area.size().toSizeF(), _keep_ratio()).toSize()
            image = document.render(number, QSize(size.width(), size.height()))
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    window.statusBar().showMessage("Dossier envoyé à l'imprimante.", 10000)


def _keep_ratio():
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatio
