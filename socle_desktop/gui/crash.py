"""An unexpected error never vanishes silently nor kills the window: it is written to a log and
told to the user in French. Every edit is already saved, so nothing typed is lost.

Errors of the window's thread (``sys.excepthook``) and of other threads
(``threading.excepthook``) are logged and shown; a crash of the process itself (a fault in Qt)
leaves its Python traceback in the same log through ``faulthandler``. A windowed program on
Windows has no stderr (``sys.stderr`` is None): the log is then the only trace, so nothing here
needs stderr. The log is rotated at start-up once it passes ``MAX_LOG_BYTES``.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

LOG_NAME = "socle-erreurs.log"
MAX_LOG_BYTES = 512 * 1024  # then it becomes socle-erreurs.log.1, the one older log kept

_fault_log = None  # the open file faulthandler writes into if the process dies
_notifier = None


def log_path() -> Path:
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home()) / LOG_NAME


def rotate(path: Path, limit: int = MAX_LOG_BYTES) -> bool:
    """Move a log that has grown past ``limit`` to ``<name>.1`` (replacing the older one)."""
    try:
        if path.stat().st_size < limit:
            return False
        os.replace(path, path.with_name(path.name + ".1"))
    except OSError:  # absent, or held open by another Socle on Windows: kept as it is
        return False
    return True


def _write_log(text: str) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n{text}\n")
    except OSError:
        return None
    return path


def _report(kind, value, tb, thread_name: str | None = None) -> None:
    text = "".join(traceback.format_exception(kind, value, tb))
    if thread_name:
        text = f"Dans le fil d'exécution « {thread_name} » :\n{text}"
    if sys.stderr is not None:
        try:
            sys.stderr.write(text)
        except (OSError, ValueError):
            pass
    path = _write_log(text)
    if os.environ.get("SOCLE_BENCH_EXIT_AFTER_SHOW"):  # unattended run: fail loudly, never wait
        os._exit(1)
    if threading.current_thread() is threading.main_thread():
        _show(text, str(path) if path else "")
    elif _notifier is not None:  # the box belongs to the window's thread: queued there
        _notifier.error.emit(text, str(path) if path else "")


def _report_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else None
    _report(args.exc_type, args.exc_value, args.exc_traceback, name)


def _show(details: str, path: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    where = f"\n\nLes détails techniques sont enregistrés dans :\n{path}" if path else ""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Erreur inattendue",
        "Socle a rencontré une erreur inattendue.\n\nVotre dossier est enregistré à "
        "chaque modification : rien de ce que vous avez saisi n'est perdu. Vous "
        "pouvez continuer, ou fermer puis rouvrir le dossier." + where,
    )
    box.setDetailedText(details)
    box.exec()


class _Notifier(QObject):
    """Lives in the window's thread: other threads' errors reach the user through its queued
    signal (a message box can only be shown from the window's thread)."""

    error = Signal(str, str)  # details, log path

    def __init__(self):
        super().__init__()
        self.error.connect(self.show)

    @Slot(str, str)
    def show(self, details: str, path: str) -> None:
        _show(details, path)


def _enable_faulthandler() -> None:
    global _fault_log
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rotate(path)
        if _fault_log is not None:
            _fault_log.close()
        _fault_log = path.open("a", encoding="utf-8")
        faulthandler.enable(file=_fault_log, all_threads=True)
    except (OSError, RuntimeError):
        _fault_log = None


def install() -> None:
    """Catch every error from now on; call once the QApplication and its names exist."""
    global _notifier
    sys.excepthook = _report
    threading.excepthook = _report_thread
    if _notifier is None:
        _notifier = _Notifier()
    _enable_faulthandler()
