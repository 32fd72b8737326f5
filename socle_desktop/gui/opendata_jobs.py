"""Reading the Ministry's open-data files away from the window's thread: the national annuaire
takes seconds, and the window must go on answering (a progress bar, « Annuler »)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.csvtable import Cancelled, OpenDataError
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.system_errors import os_reason, printable

ANNUAIRE, EFFECTIFS = "annuaire", "effectifs"

# A job whose dialog was closed goes on until its next progress call (a few thousand lines at
# most): it must stay referenced until then, or Python would free it under the running thread.
_running: list[ReadJob] = []


class ReadSignals(QObject):
    """Each signal names its job first: a slot can ignore a job it has since given up."""

    progress = Signal(object, float)  # 0..1
    finished = Signal(object, object)  # (Annuaire, CommuneIndex), or Effectifs
    failed = Signal(object, str)  # French message naming the file
    cancelled = Signal(object)


def read_annuaire_indexed(path: Path, progress) -> tuple:
    """The annuaire and the index of its communes (built here too: 35 000 communes)."""
    annuaire = read_annuaire(path, progress=progress)
    return annuaire, CommuneIndex(annuaire)


READERS = {
    ANNUAIRE: read_annuaire_indexed,
    EFFECTIFS: lambda path, progress: read_effectifs(path, progress=progress),
}


class ReadJob(QRunnable):
    """Read one file (``kind`` is ANNUAIRE or EFFECTIFS); ``cancel()`` stops it soon after."""

    def __init__(self, kind: str, path: Path):
        super().__init__()
        self.kind, self.path = kind, Path(path)
        self.signals = ReadSignals()
        self.done = False
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _progress(self, fraction: float) -> bool:
        if self._cancelled:
            return False
        self.signals.progress.emit(self, fraction)
        return True

    def run(self) -> None:
        result, problem = None, None
        try:
            result = READERS[self.kind](self.path, self._progress)
        except Cancelled:
            pass
        except OpenDataError as error:
            problem = str(error)
        except MemoryError:
            problem = f"{self.path.name} : fichier trop volumineux pour la mémoire disponible"
        except Exception as error:  # noqa: BLE001 - anything else, told in French
            reason = (
                os_reason(error)
                if isinstance(error, OSError)
                else f"erreur inattendue : {error.__class__.__name__}"
            )
            problem = f"{printable(self.path.name)} : lecture impossible ({reason})"
        self.done = True  # before the signals: their slots forget the finished jobs
        if problem is not None:
            self.signals.failed.emit(self, problem)
        elif result is None or self._cancelled:
            self.signals.cancelled.emit(self)
        else:
            self.signals.finished.emit(self, result)


def start_read_job(
    kind: str, path: Path, *, on_progress, on_finished, on_failed, on_cancelled
) -> ReadJob:
    """Start reading ``path``, its signals connected first (a small file is read at once)."""
    _running[:] = [job for job in _running if not job.done]
    job = ReadJob(kind, path)
    job.setAutoDelete(False)
    job.signals.progress.connect(on_progress)
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    job.signals.cancelled.connect(on_cancelled)
    _running.append(job)
    QThreadPool.globalInstance().start(job)
    return job
