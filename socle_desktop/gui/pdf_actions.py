"""« Exporter PDF… », « Aperçu avant impression » and « Imprimer… » of the main window: a PDF
written in the background, then « Ouvrir le PDF » and « Ouvrir le dossier » in the status bar,
or that same PDF printed or previewed (printing.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6 import QtWidgets

from socle_desktop.gui import dialogs, preferences
from socle_desktop.gui.preferences import settings

if TYPE_CHECKING:
    from socle_desktop.gui.pdf_jobs import PdfJob
    from socle_desktop.gui.printing import PrintFlow
    from socle_desktop.gui.session import Session
    from socle_desktop.gui.wizard import DossierWizard
    from socle_desktop.store import DossierFile


class PdfWindow(Protocol):
    """What the PDF actions need of the window that owns them."""

    file: DossierFile | None
    session: Session | None
    temporary_dir: str | None  # the example's copy: its PDF goes to the last PDF folder
    wizard: DossierWizard | None  # its récapitulatif says whether to add the comparison

    def statusBar(self) -> QtWidgets.QStatusBar: ...  # noqa: N802 - Qt's name


class PdfActions:
    """« Exporter PDF… », « Aperçu avant impression » and « Imprimer… » of the main window,
    which owns them (``window.pdf``): asks where, starts a PdfJob (pdf_jobs.py), says when it
    is done; printing prints that PDF (printing.py)."""

    def __init__(self, window: PdfWindow):
        self.window = window
        self.parent = cast(QtWidgets.QMainWindow, window)  # the dialogs' parent
        self.jobs: list[PdfJob] = []  # kept until they end (a job is not owned by Qt)
        self.print_flows: list[PrintFlow] = []  # printings and previews under way
        self.print_folders: list[Path] = []  # their temporary PDFs, removed when they end
        self.pdf_links: QtWidgets.QWidget | None = None  # « Ouvrir le PDF », once one is written
        self.last_pdf: Path | None = None

    def export_pdf(self, comparison: bool | None = None) -> None:
        """The retained variant's PDF; with the page comparing the variants when asked here
        or ticked on the récapitulatif."""
        window = self.window
        if window.session is None or window.file is None or window.wizard is None:
            return
        if comparison is None:
            comparison = window.wizard.page_recapitulatif.wants_comparison()
        dossier = Path(window.file.path)
        # Beside the dossier, where the commune keeps it; the example's copy is temporary.
        folder = preferences.folder("pdf_folder") if window.temporary_dir else dossier.parent
        start = str(folder / f"{dossier.stem}.pdf")
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.parent, "Exporter le dossier en PDF", start, "PDF (*.pdf)"
        )
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        settings().setValue("files/pdf_folder", str(path.parent))
        window.statusBar().showMessage(f"Écriture du PDF {path.name}…")
        self._start_pdf(path, self._pdf_written, comparison)

    def _start_pdf(
        self, path: Path, on_done: Callable[[str], None], comparison: bool = False
    ) -> None:
        from socle_desktop.gui.pdf_jobs import start_pdf_job

        session = self.window.session
        assert session is not None  # the actions are disabled without a dossier
        job = start_pdf_job(
            session.dossier, session.campaign, path, on_done, self._pdf_failed, comparison
        )
        self.jobs.append(job)

    def _pdf_written(self, path: str) -> None:
        self.jobs = [j for j in self.jobs if str(j.path) != path]
        self.window.statusBar().showMessage(f"PDF enregistré : {path}", 15000)
        self._show_pdf_links(Path(path))

    def _show_pdf_links(self, path: Path) -> None:
        """Two buttons beside the status message; no mnemonic (they would take a page's Alt
        letter) and no focus taken from the field being typed in."""
        if self.pdf_links is None:
            self.pdf_links = QtWidgets.QWidget()
            self.pdf_links.setObjectName("pdf_links")
            row = QtWidgets.QHBoxLayout(self.pdf_links)
            row.setContentsMargins(0, 0, 0, 0)
            self.open_pdf_button = QtWidgets.QPushButton("Ouvrir le PDF")
            self.open_pdf_folder_button = QtWidgets.QPushButton("Ouvrir le dossier")
            for name, button in (
                ("open_pdf_button", self.open_pdf_button),
                ("open_pdf_folder_button", self.open_pdf_folder_button),
            ):
                button.setObjectName(name)
                button.setAutoDefault(False)
                row.addWidget(button)
            self.open_pdf_button.clicked.connect(lambda: self._open_last(folder=False))
            self.open_pdf_folder_button.clicked.connect(lambda: self._open_last(folder=True))
            self.window.statusBar().addPermanentWidget(self.pdf_links)
        self.last_pdf = path
        self.open_pdf_button.setToolTip(str(path))
        self.open_pdf_folder_button.setToolTip(f"Le répertoire du PDF : {path.parent}")
        self.pdf_links.show()

    def _open_last(self, folder: bool) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.last_pdf is not None:
            target = self.last_pdf.parent if folder else self.last_pdf
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def hide_links(self) -> None:
        """Another dossier is open: the last PDF was of the one before."""
        if self.pdf_links is not None:
            self.pdf_links.hide()

    def _pdf_failed(self, message: str) -> None:
        self.jobs = [j for j in self.jobs if not j.done]
        self.window.statusBar().clearMessage()
        dialogs.warning(
            self.parent, "PDF impossible", f"Le PDF n'a pas pu être écrit.\n\n{message}"
        )

    # --- printing and preview ----------------------------------------------------------------

    def print_dossier(self) -> None:
        self._print_pdf_of_dossier(preview=False)

    def preview_dossier(self) -> None:
        self._print_pdf_of_dossier(preview=True)

    def _print_pdf_of_dossier(self, preview: bool) -> None:
        window = self.window
        if window.session is None or window.file is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="socle-impression-"))
        path = folder / f"{Path(window.file.path).stem}.pdf"
        window.statusBar().showMessage(
            "Préparation de l'aperçu…" if preview else "Préparation de l'impression…"
        )
        self.print_folders.append(folder)
        self._start_pdf(path, lambda written: self._pdf_ready(Path(written), folder, preview))

    def _pdf_ready(self, path: Path, folder: Path, preview: bool) -> None:
        import shutil

        from socle_desktop.gui.pdf_pages import renderer_available
        from socle_desktop.gui.printing import PrintFlow, open_in_viewer

        self.jobs = [j for j in self.jobs if j.path != path]
        if not renderer_available():
            self.print_folders.remove(folder)  # the viewer reads it; the system's temp keeps it
            open_in_viewer(self.parent, path)
            return
        try:
            output = preferences.folder("pdf_folder") / f"{path.stem} (impression).pdf"
            flow = PrintFlow(self.parent, path, folder, output, on_end=self._forget_print_flow)
        except Exception as error:  # noqa: BLE001 - an unreadable PDF, told in French
            shutil.rmtree(folder, ignore_errors=True)
            self.print_folders.remove(folder)
            dialogs.warning(
                self.parent,
                "Impression impossible",
                f"Le PDF du dossier n'a pas pu être lu.\n\n{error}",
            )
            return
        self.print_flows.append(flow)
        self.window.statusBar().clearMessage()
        if preview:
            flow.preview()
        else:
            flow.ask()

    def _forget_print_flow(self, flow: PrintFlow) -> None:
        if flow in self.print_flows:
            self.print_flows.remove(flow)
        if flow.folder in self.print_folders:
            self.print_folders.remove(flow.folder)

    def remove_print_files(self) -> None:
        """On closing: no temporary PDF stays behind, even of a printing still under way."""
        import shutil

        from PySide6.QtCore import QThreadPool

        running = [f.job for f in self.print_flows if f.job is not None and not f.job.done]
        for job in running:
            job.cancel()
        if running:  # a page takes a fraction of a second: let the worker stop
            QThreadPool.globalInstance().waitForDone(5000)
        for folder in self.print_folders:
            shutil.rmtree(folder, ignore_errors=True)
        self.print_folders.clear()
