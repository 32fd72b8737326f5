"""« Exporter le tableur… », « Projet de délibération… » and « Préparer le dépôt… » of the main
window: a file chosen, written in the background (pdf_jobs.ExportJob), told when done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6 import QtWidgets

from socle_desktop.gui import dialogs, preferences
from socle_desktop.gui.preferences import settings

if TYPE_CHECKING:
    from socle_desktop.domain.campaign import Campaign
    from socle_desktop.domain.model import Dossier
    from socle_desktop.gui.depot_dialog import DepotDialog
    from socle_desktop.gui.pdf_jobs import ExportJob
    from socle_desktop.gui.session import Session
    from socle_desktop.store import DossierFile

Writer = Callable[["Dossier", "Campaign", Path], object]  # an export of export/

# (title of the file dialog, filters: (label, suffix), what the status bar says)
KINDS = {
    "tableur": (
        "Exporter le tableur du plan de financement",
        (("Classeur Excel", ".xlsx"), ("Classeur OpenDocument (LibreOffice)", ".ods")),
        "Tableur enregistré",
    ),
    "deliberation": (
        "Enregistrer le projet de délibération",
        (("Document OpenDocument (LibreOffice)", ".odt"), ("Document Word", ".docx")),
        "Projet de délibération enregistré",
    ),
}


def _filters(kind: str) -> list[str]:
    return [f"{label} (*{suffix})" for label, suffix in KINDS[kind][1]]


def target_path(chosen: str, selected_filter: str, kind: str) -> Path:
    """The chosen name, with the suffix of the chosen filter when the user typed none."""
    path = Path(chosen)
    suffixes = [suffix for _label, suffix in KINDS[kind][1]]
    if path.suffix.lower() in suffixes:
        return path
    for name, suffix in zip(_filters(kind), suffixes, strict=True):
        if selected_filter == name:
            return path.with_name(path.name + suffix)
    return path.with_name(path.name + suffixes[0])


class ExportWindow(Protocol):
    """What the exports need of the window that owns them."""

    file: DossierFile | None
    session: Session | None

    def statusBar(self) -> QtWidgets.QStatusBar: ...  # noqa: N802 - Qt's name


class ExportActions:
    """The tableur, the délibération and the fiche de dépôt of the main window, which owns
    them (``window.exports``), beside its PDF actions (pdf_actions.py)."""

    def __init__(self, window: ExportWindow):
        self.window = window
        self.parent = cast(QtWidgets.QWidget, window)  # the dialogs' parent
        self.jobs: list[ExportJob] = []  # kept until they end (a job is not owned by Qt)
        self.depot_dialog: DepotDialog | None = None

    def export_spreadsheet(self) -> None:
        from socle_desktop.export.spreadsheet import write_spreadsheet

        self._export("tableur", write_spreadsheet)

    def export_deliberation(self) -> None:
        from socle_desktop.export.deliberation import write_deliberation

        self._export("deliberation", write_deliberation)

    def _export(self, kind: str, writer: Writer) -> None:
        session, file = self.window.session, self.window.file
        if session is None or file is None:
            return
        title, choices, _done = KINDS[kind]
        key = f"{kind}_suffix"
        suffix = str(settings().value(f"files/{key}", choices[0][1]))
        filters = _filters(kind)
        initial = next(
            (f for f, (_l, s) in zip(filters, choices, strict=True) if s == suffix), filters[0]
        )
        start = preferences.folder("export_folder") / f"{Path(file.path).stem}{suffix}"
        chosen, selected = QtWidgets.QFileDialog.getSaveFileName(
            self.parent, title, str(start), ";;".join(filters), initial
        )
        if not chosen:
            return
        path = target_path(chosen, selected, kind)
        store = settings()
        store.setValue("files/export_folder", str(path.parent))
        store.setValue(f"files/{key}", path.suffix.lower())
        self.window.statusBar().showMessage(f"Écriture de {path.name}…")
        from PySide6.QtCore import QThreadPool

        from socle_desktop.gui.pdf_jobs import ExportJob

        job = ExportJob(writer, session.dossier, session.campaign, path)
        job.setAutoDelete(False)
        job.signals.finished.connect(lambda written, k=kind: self._exported(k, written))
        job.signals.failed.connect(self._export_failed)
        self.jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def _exported(self, kind: str, path: str) -> None:
        self.jobs = [j for j in self.jobs if str(j.path) != path]
        self.window.statusBar().showMessage(f"{KINDS[kind][2]} : {path}", 15000)

    def _export_failed(self, message: str) -> None:
        self.jobs = [j for j in self.jobs if not j.done]
        self.window.statusBar().clearMessage()
        dialogs.warning(
            self.parent, "Export impossible", f"Le fichier n'a pas pu être écrit.\n\n{message}"
        )

    def show_depot(self) -> None:
        session, file = self.window.session, self.window.file
        if session is None or file is None:
            return
        from PySide6.QtCore import Qt

        from socle_desktop.gui.depot_dialog import DepotDialog

        self.depot_dialog = DepotDialog(session, Path(file.path), self.parent)
        self.depot_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.depot_dialog.open()
