"""« Imprimer… » and « Aperçu avant impression »: Qt's print dialog and print preview over the
very PDF that « Exporter PDF… » writes.

The PDF is written to a temporary folder (pdf_jobs.PdfJob), its pages are drawn by PDFium
(pdf_pages.py) in a worker with a progress bar that can be cancelled, and the folder is removed
when the printing or the preview ends, whatever the way it ends.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QDesktopServices, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMainWindow, QProgressDialog, QWidget

from socle_desktop.gui import dialogs
from socle_desktop.gui.pdf_pages import PREVIEW_DPI, PdfPages, draw_page, page_sequence

if TYPE_CHECKING:
    from socle_desktop.gui.pdf_jobs import PreviewJob, PrintJob


def new_printer(document_name: str, output: Path | None = None) -> QPrinter:
    """An A4 printer drawing on the whole sheet (the PDF pages carry their own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(document_name)
    printer.setCreator("Socle")
    if output is not None and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        printer.setOutputFileName(str(output))  # only used when « Imprimer dans un fichier »
    return printer


def chosen_sequence(printer: QPrinter, count: int) -> list[int]:
    """The pages the print dialog asked for, in the order they go to the printer."""
    ranges: list[tuple[int, int]] = []
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        listed = printer.pageRanges()
        ranges = (
            [(r.from_, r.to) for r in listed.toRangeList()]
            if not listed.isEmpty()
            else [(printer.fromPage(), printer.toPage())]
        )
    copies = 1 if printer.supportsMultipleCopies() else printer.copyCount()
    sequence = page_sequence(count, ranges, copies, printer.collateCopies())
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        sequence.reverse()
    return sequence


class PrintFlow(QObject):
    """One printing (or one preview, which may end in a printing) of one PDF."""

    def __init__(
        self,
        window: QMainWindow,
        pdf: Path,
        folder: Path,
        output: Path | None = None,
        on_end: Callable[[PrintFlow], None] | None = None,
    ):
        super().__init__(window)
        self.window, self.pdf, self.folder = window, Path(pdf), Path(folder)
        self._on_end = on_end  # told once the flow has ended (its folder removed)
        self.printer = new_printer(self.pdf.stem, output)  # kept: a freed printer crashes Qt
        pages = PdfPages(self.pdf)
        self.count = pages.count
        pages.close()
        self.dialog: QPrintDialog | None = None
        self.preview_dialog = None
        self.progress: QProgressDialog | None = None
        self.job: PrintJob | PreviewJob | None = None
        self.images: list = []
        self.printing = False
        self.ended = False
        self.outcome = ""  # French, what the status bar said at the end

    # --- the print dialog --------------------------------------------------------------------

    def ask(self) -> QPrintDialog:
        """Open Qt's print dialog (printer, copies, pages, recto verso); printing starts when
        it is accepted."""
        dialog = self.dialog = QPrintDialog(self.printer, self.window)
        dialog.setWindowTitle("Imprimer le dossier")
        option = QAbstractPrintDialog.PrintDialogOption
        dialog.setOptions(
            option.PrintToFile
            | option.PrintPageRange
            | option.PrintCollateCopies
            | option.PrintShowPageSize
        )
        dialog.setMinMax(1, self.count)
        self.printer.setFromTo(1, self.count)
        dialog.accepted.connect(self.print_now)
        dialog.rejected.connect(lambda: self.end("Impression annulée."))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        QDialog.open(dialog)  # QPrintDialog.open() wants a receiver; the plain one is enough
        return dialog

    def print_now(self) -> None:
        from socle_desktop.gui.pdf_jobs import PrintJob, start

        sequence = chosen_sequence(self.printer, self.count)
        if not sequence:
            self.end("Aucune page à imprimer dans les pages choisies.")
            return
        self.printing = True
        job = self.job = PrintJob(self.pdf, self.printer, sequence)
        self._show_progress("Impression du dossier…", len(sequence))
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(self._printed)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._print_cancelled)
        start(job)

    def _printed(self) -> None:
        pages = len(self.job.sequence)
        if self._to_file():
            self.end(
                f"Dossier imprimé dans {self.printer.outputFileName()} "
                f"({pages} page{'s' if pages > 1 else ''})."
            )
        else:
            self.end(
                f"Dossier envoyé à l'imprimante {self.printer.printerName()} "
                f"({pages} page{'s' if pages > 1 else ''})."
            )

    def _print_cancelled(self) -> None:
        if self._to_file():  # a half-written PDF is of no use to anyone
            Path(self.printer.outputFileName()).unlink(missing_ok=True)
        self.end("Impression annulée.")

    def _to_file(self) -> bool:
        return self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(
            self.printer.outputFileName()
        )

    # --- the preview -------------------------------------------------------------------------

    def preview(self) -> None:
        """Draw the pages for the screen in the background, then open the preview."""
        from socle_desktop.gui.pdf_jobs import PreviewJob, start

        job = self.job = PreviewJob(self.pdf, PREVIEW_DPI)
        self._show_progress("Préparation de l'aperçu…", self.count)
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(self._open_preview)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(lambda: self.end("Aperçu annulé."))
        start(job)

    def _open_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        self._close_progress()
        self.images = self.job.images
        dialog = self.preview_dialog = QPrintPreviewDialog(self.printer, self.window)
        dialog.setWindowTitle("Aperçu avant impression — dossier de candidature")
        dialog.paintRequested.connect(self._paint_preview)
        dialog.finished.connect(lambda _code: self.end(None) if not self.printing else None)
        dialog.resize(min(1100, self.window.width()), min(720, self.window.height()))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def _paint_preview(self, printer: QPrinter) -> None:
        engine = printer.paintEngine()
        if engine is None or engine.type() != QPaintEngine.Type.Picture:
            # the preview's own « Imprimer »: print in the worker, not here on the window's
            # thread (the preview dialog closes meanwhile)
            QTimer.singleShot(0, self.print_now)
            self.printing = True
            return
        painter = QPainter(printer)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for index, image in enumerate(self.images):
            if index:
                printer.newPage()
            draw_page(painter, image, QRectF(0, 0, paper.width(), paper.height()))
        painter.end()

    # --- progress, failure and the end -------------------------------------------------------

    def _show_progress(self, label: str, total: int) -> None:
        progress = self.progress = QProgressDialog(label, "Annuler", 0, total, self.window)
        progress.setWindowTitle("Socle")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self._cancel)
        progress.setValue(0)
        progress.show()

    def _on_progress(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is None or self.job is None or self.job.cancelling:
            return
        progress.setLabelText(f"{progress.labelText().split(' — ')[0]} — page {done} sur {total}")
        progress.setValue(done)  # a modal progress dialog runs the event loop here

    def _cancel(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            if self.progress is not None:
                self.progress.setLabelText("Annulation…")

    def _failed(self, message: str) -> None:
        self._close_progress()
        dialogs.warning(
            self.window,
            "Impression impossible",
            f"Le dossier n'a pas pu être imprimé.\n\n{message}",
        )
        self.end("Impression impossible.")

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def end(self, message: str | None) -> None:
        """Remove the temporary PDF and its folder; say how it ended."""
        if self.ended:
            return
        self.ended = True
        self._close_progress()
        self.images = []
        shutil.rmtree(self.folder, ignore_errors=True)
        if message:
            self.outcome = message
            self.window.statusBar().showMessage(message, 15000)
        if self._on_end is not None:
            self._on_end(self)


def open_in_viewer(window: QWidget, path: Path) -> None:
    """Without a PDF renderer: the system's PDF viewer, whose own « Imprimer » the user knows."""
    from PySide6.QtCore import QUrl

    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        window.statusBar().showMessage(
            f"Le PDF s'ouvre dans votre lecteur : imprimez-le depuis celui-ci ({path})", 15000
        )
    else:
        dialogs.information(
            window,
            "Imprimer",
            f"Aucun lecteur de PDF n'a pu être ouvert. Le PDF du dossier est ici :\n{path}\n\n"
            "Ouvrez-le avec votre lecteur de PDF pour l'imprimer.",
        )
