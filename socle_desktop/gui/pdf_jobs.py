"""Writing the PDF away from the window's thread, so that nothing freezes while it is built."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from socle_desktop.system_errors import os_reason, printable


class PdfSignals(QObject):
    finished = Signal(str)  # the path written
    failed = Signal(str)  # French message


class PdfJob(QRunnable):
    """Build the PDF of a snapshot of the dossier (edits may go on meanwhile)."""

    def __init__(self, dossier, campaign, path: Path, comparison: bool = False):
        super().__init__()
        self.comparison = comparison
        self.dossier = copy.deepcopy(dossier)  # taken in the window's thread: a stable snapshot
        self.campaign, self.path = campaign, Path(path)
        self.signals = PdfSignals()
        self.done = False

    def run(self) -> None:
        problem = None
        try:
            from socle_desktop.report import write_pdf

            write_pdf(self.dossier, self.campaign, self.path, comparison=self.comparison)
        except PermissionError:
            problem = f"pas le droit d'écrire dans {printable(self.path)}"
        except OSError as error:
            problem = f"écriture impossible dans {printable(self.path)} ({os_reason(error)})"
        except Exception as error:  # noqa: BLE001 - ReportError and anything else, told in French
            problem = str(error) or error.__class__.__name__
        self.done = True  # before the signal: its slot forgets the finished jobs
        if problem is None:
            self.signals.finished.emit(str(self.path))
        else:
            self.signals.failed.emit(problem)


def start_pdf_job(
    dossier, campaign, path: Path, on_done, on_failed, comparison: bool = False
) -> PdfJob:
    job = PdfJob(dossier, campaign, path, comparison)
    job.setAutoDelete(False)  # the caller keeps it until a signal arrives
    job.signals.finished.connect(on_done)
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job


# --- printing and the print preview -----------------------------------------------------------


class PagesSignals(QObject):
    progress = Signal(int, int)  # pages done, pages in all
    finished = Signal()
    failed = Signal(str)  # French message
    cancelled = Signal()


class _PagesJob(QRunnable):
    """A cancellable job over the pages of a PDF; the caller keeps it until a signal comes."""

    def __init__(self, path: Path):
        super().__init__()
        self.setAutoDelete(False)
        self.path = Path(path)
        self.signals = PagesSignals()
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        from socle_desktop.gui.pdf_pages import PdfPages

        outcome = "finished"
        try:
            pages = PdfPages(self.path)
            try:
                outcome = self._work(pages)
            finally:
                pages.close()
        except Exception as error:  # noqa: BLE001 - a French message, never a traceback
            outcome = str(error) or error.__class__.__name__
        self.done = True
        if outcome == "finished":
            self.signals.finished.emit()
        elif outcome == "cancelled":
            self.signals.cancelled.emit()
        else:
            self.signals.failed.emit(outcome)

    def _work(self, pages) -> str:  # pragma: no cover - each job says what it does
        raise NotImplementedError


class PreviewJob(_PagesJob):
    """Every page drawn at screen resolution, for the print preview."""

    def __init__(self, path: Path, dpi: int):
        super().__init__(path)
        self.dpi = dpi
        self.images: list = []

    def _work(self, pages) -> str:
        for index in range(pages.count):
            if self.cancelling:
                return "cancelled"
            self.images.append(pages.image(index, self.dpi))
            self.signals.progress.emit(index + 1, pages.count)
        return "finished"


class PrintJob(_PagesJob):
    """The pages drawn on the printer one by one (at most 300 dpi), away from the window."""

    def __init__(self, path: Path, printer, sequence: list[int]):
        super().__init__(path)
        self.printer, self.sequence = printer, sequence

    def _work(self, pages) -> str:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter
        from PySide6.QtPrintSupport import QPrinter

        from socle_desktop.gui.pdf_pages import MAX_DPI, draw_page

        printer = self.printer
        painter = QPainter()
        if not painter.begin(printer):
            return "l'imprimante n'a pas pu être ouverte (vérifiez qu'elle est disponible)"
        dpi = min(printer.resolution(), MAX_DPI)
        gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        area = QRectF(0, 0, paper.width(), paper.height())  # full page: origin at the corner
        try:
            for done, index in enumerate(self.sequence):
                if self.cancelling:
                    printer.abort()
                    return "cancelled"
                if done and not printer.newPage():
                    return "l'imprimante a refusé la page suivante"
                image, bitmap = pages.view(index, dpi, gray)
                draw_page(painter, image, area)
                del image
                pages.release(bitmap)  # one page in memory at a time
                self.signals.progress.emit(done + 1, len(self.sequence))
        finally:
            painter.end()
        return "finished"


def start(job: _PagesJob) -> _PagesJob:
    QThreadPool.globalInstance().start(job)
    return job


# --- the other exports (tableur, délibération) ------------------------------------------------


class ExportJob(PdfJob):
    """A spreadsheet or a document written from a snapshot, like the PDF; ``writer`` is one of
    the export functions (dossier, campaign, path) that raise ExportError in French."""

    def __init__(self, writer, dossier, campaign, path: Path):
        super().__init__(dossier, campaign, path)
        self.writer = writer

    def run(self) -> None:
        from socle_desktop.export.files import ExportError

        problem = None
        try:
            self.writer(self.dossier, self.campaign, self.path)
        except ExportError as error:
            problem = str(error)
        except Exception as error:  # noqa: BLE001 - told in French, never a traceback
            problem = f"{self.path} : {error or error.__class__.__name__}"
        self.done = True
        if problem is None:
            self.signals.finished.emit(str(self.path))
        else:
            self.signals.failed.emit(problem)
