"""« Exporter PDF… », « Aperçu avant impression » and « Imprimer… » of the main window: a PDF
written in the background, then « Ouvrir le PDF » and « Ouvrir le dossier » in the status bar,
or that same PDF printed or previewed (printing.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6 import QtWidgets

from socle_desktop.gui import dialogs, preferences
from socle_desktop.gui.preferences import settings


class PdfActionsMixin:
    """Mixed into MainWindow: asks where, starts a PdfJob (pdf_jobs.py), says when it is done;
    printing prints that PDF (printing.py)."""

    def export_pdf(self, comparison: bool | None = None) -> None:
        """The retained variant's PDF; with the page comparing the variants when asked here
        or ticked on the récapitulatif."""
        if self.session is None:
            return
        if comparison is None:
            comparison = self.wizard.page_recapitulatif.wants_comparison()
        dossier = Path(self.file.path)
        # Beside the dossier, where the commune keeps it; the example's copy is temporary.
        folder = preferences.folder("pdf_folder") if self.temporary_dir else dossier.parent
        stem = dossier.stem
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Exporter le dossier en PDF", str(folder / f"{stem}.pdf"), "PDF (*.pdf)"
        )
        if not path:
            return
        path = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        settings().setValue("files/pdf_folder", str(path.parent))
        self.statusBar().showMessage(f"Écriture du PDF {path.name}…")
        self._start_pdf(path, self._pdf_written, comparison)

    def _start_pdf(self, path: Path, on_done, comparison: bool = False) -> None:
        from socle_desktop.gui.pdf_jobs import start_pdf_job

        job = start_pdf_job(
            self.session.dossier, self.session.campaign, path, on_done, self._pdf_failed, comparison
        )
        self._jobs.append(job)

    def _pdf_written(self, path: str) -> None:
        self._jobs = [j for j in self._jobs if str(j.path) != path]
        self.statusBar().showMessage(f"PDF enregistré : {path}", 15000)
        self._show_pdf_links(Path(path))

    def _show_pdf_links(self, path: Path) -> None:
        """Two buttons beside the status message; no mnemonic (they would take a page's Alt
        letter) and no focus taken from the field being typed in."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if getattr(self, "pdf_links", None) is None:
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
            self.open_pdf_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_pdf)))
            )
            self.open_pdf_folder_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_pdf.parent)))
            )
            self.statusBar().addPermanentWidget(self.pdf_links)
        self._last_pdf = path
        self.open_pdf_button.setToolTip(str(path))
        self.open_pdf_folder_button.setToolTip(f"Le répertoire du PDF : {path.parent}")
        self.pdf_links.show()

    def _hide_pdf_links(self) -> None:
        if getattr(self, "pdf_links", None) is not None:
            self.pdf_links.hide()

    def _pdf_failed(self, message: str) -> None:
        self._jobs = [j for j in self._jobs if not j.done]
        self.statusBar().clearMessage()
        dialogs.warning(self, "PDF impossible", f"Le PDF n'a pas pu être écrit.\n\n{message}")

    # --- printing and preview ----------------------------------------------------------------

    def print_dossier(self) -> None:
        self._print_pdf_of_dossier(preview=False)

    def preview_dossier(self) -> None:
        self._print_pdf_of_dossier(preview=True)

    def _print_pdf_of_dossier(self, preview: bool) -> None:
        if self.session is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="socle-impression-"))
        path = folder / f"{Path(self.file.path).stem}.pdf"
        self.statusBar().showMessage(
            "Préparation de l'aperçu…" if preview else "Préparation de l'impression…"
        )
        self._print_folders.append(folder)
        self._start_pdf(path, lambda written: self._pdf_ready(Path(written), folder, preview))

    def _pdf_ready(self, path: Path, folder: Path, preview: bool) -> None:
        import shutil

        from socle_desktop.gui.pdf_pages import renderer_available
        from socle_desktop.gui.printing import PrintFlow, open_in_viewer

        self._jobs = [j for j in self._jobs if j.path != path]
        if not renderer_available():
            self._print_folders.remove(folder)  # the viewer reads it; the system's temp keeps it
            open_in_viewer(self, path)
            return
        try:
            output = preferences.folder("pdf_folder") / f"{path.stem} (impression).pdf"
            flow = PrintFlow(self, path, folder, output)
        except Exception as error:  # noqa: BLE001 - an unreadable PDF, told in French
            shutil.rmtree(folder, ignore_errors=True)
            self._print_folders.remove(folder)
            dialogs.warning(
                self, "Impression impossible", f"Le PDF du dossier n'a pas pu être lu.\n\n{error}"
            )
            return
        self._print_flows.append(flow)
        self.statusBar().clearMessage()
        if preview:
            flow.preview()
        else:
            flow.ask()

    def _forget_print_flow(self, flow) -> None:
        if flow in self._print_flows:
            self._print_flows.remove(flow)
        if flow.folder in self._print_folders:
            self._print_folders.remove(flow.folder)

    def _remove_print_files(self) -> None:
        """On closing: no temporary PDF stays behind, even of a printing still under way."""
        import shutil

        from PySide6.QtCore import QThreadPool

        running = [f.job for f in self._print_flows if f.job is not None and not f.job.done]
        for job in running:
            job.cancel()
        if running:  # a page takes a fraction of a second: let the worker stop
            QThreadPool.globalInstance().waitForDone(5000)
        for folder in self._print_folders:
            shutil.rmtree(folder, ignore_errors=True)
        self._print_folders.clear()
