"""Writing the PDF away from the window's thread, so that nothing freezes while it is built."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from socle_desktop.system_errors import os_reason, printable


class PdfSignals(QObject):
    finished = Signal(str)  # the path written
    failed = Signal(str)  # French message


class PdfJob(QRunnable):
    """Build the PDF of a snapshot of the dossier (edits may go on meanwhile)."""

    def __init__(self, dossier, campaign, path: Path):
        super().__init__()
        self.dossier = copy.deepcopy(dossier)  # taken in the window's thread: a stable snapshot
        self.campaign, self.path = campaign, Path(path)
        self.signals = PdfSignals()
        self.done = False

    def run(self) -> None:
        problem = None
        try:
            from socle_desktop.report import write_pdf

            write_pdf(self.dossier, self.campaign, self.path)
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


def start_pdf_job(dossier, campaign, path: Path, on_done, on_failed) -> PdfJob:
    job = PdfJob(dossier, campaign, path)
    job.setAutoDelete(False)  # the caller keeps it until a signal arrives
    job.signals.finished.connect(on_done)
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job
