"""An unexpected error never vanishes silently nor kills the window: it is written to a log and
told to the user in French. Every edit is already saved, so nothing typed is lost."""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path


def log_path() -> Path:
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home()) / "socle-erreurs.log"


def _report(kind, value, tb) -> None:
    text = "".join(traceback.format_exception(kind, value, tb))
    sys.stderr.write(text)
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n{text}\n")
    except OSError:
        path = None
    if os.environ.get("SOCLE_BENCH_EXIT_AFTER_SHOW"):  # unattended run: fail loudly, never wait
        os._exit(1)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    where = f"\n\nLes détails techniques sont enregistrés dans :\n{path}" if path else ""
    box = QMessageBox(QMessageBox.Icon.Critical, "Erreur inattendue",
                      "Socle a rencontré une erreur inattendue.\n\nVotre dossier est enregistré à "
                      "chaque modification : rien de ce que vous avez saisi n'est perdu. Vous "
                      "pouvez continuer, ou fermer puis rouvrir le dossier." + where)
    box.setDetailedText(text)
    box.exec()


def install() -> None:
    sys.excepthook = _report
