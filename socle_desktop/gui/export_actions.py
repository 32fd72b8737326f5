"""« Exporter le tableur… », « Projet de délibération… » and « Préparer le dépôt… » of the main
window: a file chosen, written in the background (pdf_jobs.ExportJob), told when done."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets

from socle_desktop.gui import dialogs, preferences
from socle_desktop.gui.preferences import settings

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


class ExportActionsMixin:
    """Mixed into MainWindow, beside PdfActionsMixin."""

    def export_actions(self) -> list:
        return [
            self.spreadsheet_action,
            self.deliberation_action,
            self.depot_action,
            self.preview_action,
        ]

    def export_spreadsheet(self) -> None:
        from socle_desktop.export.spreadsheet import write_spreadsheet

        self._export("tableur", write_spreadsheet)

    def export_deliberation(self) -> None:
        from socle_desktop.export.deliberation import write_deliberation

        self._export("deliberation", write_deliberation)

    def _export(self, kind: str, writer) -> None:
        if self.session is None:
            return
        title, choices, _done = KINDS[kind]
        key = f"{kind}_suffix"
        suffix = str(settings().value(f"files/{key}", choices[0][1]))
        filters = _filters(kind)
        initial = next(
            (f for f, (_l, s) in zip(filters, choices, strict=True) if s == suffix), filters[0]
        )
        stem = Path(self.file.path).stem
        start = preferences.folder("export_folder") / f"{stem}{suffix}"
        chosen, selected = QtWidgets.QFileDialog.getSaveFileName(
            self, title, str(start), ";;".join(filters), initial
        )
        if not chosen:
            return
        path = target_path(chosen, selected, kind)
        store = settings()
        store.setValue("files/export_folder", str(path.parent))
        store.setValue(f"files/{key}", path.suffix.lower())
        self.statusBar().showMessage(f"Écriture de {path.name}…")
        from socle_desktop.gui.pdf_jobs import ExportJob

        job = ExportJob(writer, self.session.dossier, self.session.campaign, path)
        job.setAutoDelete(False)
        job.signals.finished.connect(lambda written, k=kind: self._exported(k, written))
        job.signals.failed.connect(self._export_failed)
        self._jobs.append(job)
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().start(job)

    def _exported(self, kind: str, path: str) -> None:
        self._jobs = [j for j in self._jobs if str(j.path) != path]
        self.statusBar().showMessage(f"{KINDS[kind][2]} : {path}", 15000)

    def _export_failed(self, message: str) -> None:
        self._jobs = [j for j in self._jobs if not j.done]
        self.statusBar().clearMessage()
        dialogs.warning(
            self, "Export impossible", f"Le fichier n'a pas pu être écrit.\n\n{message}"
        )

    def show_depot(self) -> None:
        if self.session is None:
            return
        from PySide6.QtCore import Qt

        from socle_desktop.gui.depot_dialog import DepotDialog

        self.depot_dialog = DepotDialog(self.session, Path(self.file.path), self)
        self.depot_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.depot_dialog.open()
