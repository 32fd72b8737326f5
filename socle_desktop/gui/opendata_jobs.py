"""Reading the Ministry's open-data files away from the window: the national annuaire takes
seconds, and the window must go on answering (a progress bar, « Annuler »).

A large file is read in another process (opendata/wire.py), a background thread here receiving
its result in small pieces: read in a thread of this process, the national annuaire held the
interpreter, and so the window, for 120–180 ms at a time. A small file (a département's extract)
is read in the thread itself, which is quicker than starting a process."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.csvtable import Cancelled
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.opendata.wire import (
    ANNUAIRE,
    EFFECTIFS,
    failure_message,
    read_in_process,
)

# From this size a file is read in another process: a département's annuaire (~2 MB) is read
# here sooner than a process starts, the national one (~60 MB) there.
PROCESS_FROM_BYTES = 8 << 20

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


def _in_process(path: Path) -> bool:
    try:
        return path.stat().st_size >= PROCESS_FROM_BYTES
    except OSError:  # missing or unreadable: the reading says why, in French
        return False


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
            if _in_process(self.path):
                result = read_in_process(self.kind, self.path, self._progress)
            else:
                result = READERS[self.kind](self.path, self._progress)
        except Cancelled:
            pass
        except Exception as error:  # noqa: BLE001 - anything else, told in French
            problem = failure_message(self.path, error)
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
