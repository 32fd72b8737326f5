"""The main window: the start screen, or the wizard beside the subsidy panel, with the menus.

One dossier file is open at a time; every edit is saved by the session as it is made, so there
is no « Enregistrer »: only « Enregistrer sous… » (a copy, e.g. of a read-only file).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

# Only the classes of the first paint are imported by name: shiboken creates each Python type
# on first access (with its enums), and the others (dialogs, splitter…) are not needed yet.
from PySide6 import QtWidgets
from PySide6.QtCore import QTime
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from socle_desktop import APP_NAME, __version__
from socle_desktop.gui import dialogs, pyside_guard
from socle_desktop.gui.dossier_files import FILE_FILTER, DossierFilesMixin, extension
from socle_desktop.gui.menus import MenusMixin, UndoKeysFirst
from socle_desktop.gui.pdf_actions import PdfActionsMixin
from socle_desktop.gui.preferences import settings
from socle_desktop.gui.recent_files import RecentFilesMixin
from socle_desktop.gui.start_screen import StartScreen
from socle_desktop.system_errors import printable

pyside_guard.apply()  # PySide6 6.12.0 on Python 3.11 would abort after a while (see the module)

__all__ = ["FILE_FILTER", "MainWindow", "extension"]


class MainWindow(DossierFilesMixin, RecentFilesMixin, PdfActionsMixin, MenusMixin, QMainWindow):
    """The start screen or the open dossier's editor; files (dossier_files.py), recent files
    (recent_files.py), PDF and printing (pdf_actions.py) and menus (menus.py) are mixed in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.file = None  # the open DossierFile
        self.session = None
        self.wizard = None
        self.wizard_view = None
        self.panel = None
        self.editor: QWidget | None = None
        self._temporary_dir: str | None = None  # the example's temporary copy
        self._jobs: list = []
        self._printer = None

        self.undo_group = QUndoGroup(self)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # Start-up path: nothing here may import the ``Qt`` namespace or load a Designer form
        # (see start_screen.py); they come with the first dossier.
        self.start_screen = self.start_form = StartScreen()
        self._wire_start_screen()
        self.stack.addWidget(self.start_screen)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved_label")
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_actions()
        self._build_menus()
        QApplication.instance().installEventFilter(UndoKeysFirst(self))
        self._restore_geometry()
        self._update_title()
        self._update_actions()

    # --- building ----------------------------------------------------------------------------

    def _wire_start_screen(self) -> None:
        screen = self.start_screen
        screen.new_button.clicked.connect(self.new_dossier)
        screen.open_button.clicked.connect(self.open_dialog)
        screen.example_button.clicked.connect(self.open_example)
        self.recent_list: QListWidget = screen.recent_list
        self._recent_shown: list[str] = []
        self.recent_list.itemActivated.connect(
            lambda item: self.open_path(Path(self._recent_shown[self.recent_list.row(item)])))
        self._fill_recent_list()

    def _build_editor(self) -> None:
        from socle_desktop.gui.editor import DossierEditor

        editor = self.editor = DossierEditor(self.session, self.width())
        self.banner, self.banner_label = editor.banner, editor.banner_label
        self.banner_button, self.splitter = editor.banner_button, editor.splitter
        self.wizard_view, self.wizard, self.panel = editor.wizard_view, editor.wizard, editor.panel
        self.banner_button.clicked.connect(self.save_as)
        self.wizard.finishRequested.connect(self.export_pdf)
        recap = self.wizard.page_recapitulatif
        for signal, slot in (("exportRequested", self.export_pdf),
                             ("printRequested", self.print_dossier)):
            if hasattr(recap, signal):  # the recap page's own buttons
                getattr(recap, signal).connect(slot)
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)

    # --- opening and closing dossiers --------------------------------------------------------

    def _install(self, file, temporary_dir: str | None = None) -> None:
        from socle_desktop.gui.session import Session

        self._close_dossier()
        self.file = file
        self._temporary_dir = temporary_dir
        self.session = Session(file.dossier, file.campaign, file, self)
        self.session.changed.connect(self._on_changed)
        self.session.saveFailed.connect(self._on_save_failed)
        self.undo_group.addStack(self.session.undo_stack)
        self.undo_group.setActiveStack(self.session.undo_stack)
        self._build_editor()
        resume = self.wizard.first_incomplete()
        if resume:  # back where the work stopped: the first step that still misses something
            self.wizard.go_to(resume)
        self._update_banner()
        self._update_title()
        self._update_actions()
        self.saved_label.setText("")
        self.statusBar().showMessage(
            "Exemple ouvert dans une copie temporaire" if temporary_dir
            else f"Dossier ouvert : {printable(file.path)}", 5000)

    def _close_dossier(self) -> None:
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.changed.disconnect(self._on_changed)
            self.session.saveFailed.disconnect(self._on_save_failed)
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
        if self.file is not None:
            self.file.close()
        if self._temporary_dir:
            shutil.rmtree(self._temporary_dir, ignore_errors=True)
        self.file = self.session = self.wizard = self.wizard_view = self.panel = None
        self.editor = None
        self._temporary_dir = None

    # --- reacting to the session -------------------------------------------------------------

    def _on_changed(self, _result) -> None:
        if self.session is not None and not self.session.read_only:
            self.saved_label.setText(f"Enregistré à {QTime.currentTime().toString('HH:mm:ss')}")
        else:
            self.saved_label.setText("Lecture seule : modifications non enregistrées")

    def _on_save_failed(self, message: str) -> None:
        if self.file is not None and self.file.read_only:  # replaced on disk: nothing more lands
            self._update_banner()
            self._update_title()
            self.saved_label.setText("Lecture seule : modifications non enregistrées")
            dialogs.critical(
                self, "Dossier remplacé sur le disque",
                f"La dernière modification n'a pas été enregistrée ; elle a été annulée.\n\n"
                f"{message}")
            return
        dialogs.critical(
            self, "Enregistrement impossible",
            f"La dernière modification n'a pas pu être enregistrée ; elle a été annulée.\n\n"
            f"{message}\n\nVos modifications précédentes sont dans le fichier. Vous pouvez "
            "garder une copie avec Fichier › Enregistrer sous…")

    def _update_title(self) -> None:
        if self.file is None:
            self.setWindowTitle(APP_NAME)
            return
        name = printable(Path(self.file.path).name)
        suffix = " [lecture seule]" if self.file.read_only else ""
        self.setWindowTitle(f"{APP_NAME} — {name}{suffix}")

    def _update_banner(self) -> None:
        if self.file is None:
            return
        if self.file.read_only:
            reason = html.escape(getattr(self.file, "read_only_reason", "") or "")  # rich text
            text = (f"<b>Lecture seule</b> — {reason} " if reason else "<b>Lecture seule</b> — ")
            self.editor.show_banner(
                text + "Vos modifications ne sont pas enregistrées dans ce fichier : "
                "choisissez « Enregistrer sous… » pour garder vos modifications.")
        elif self._temporary_dir:
            self.editor.show_banner(
                "<b>Exemple</b> — vous travaillez sur une copie temporaire de l'exemple, "
                "effacée à la fermeture. « Enregistrer sous… » pour la garder.")
        else:
            self.editor.show_banner(None)

    def _update_actions(self) -> None:
        has = self.file is not None
        for action in (self.save_as_action, self.pdf_action, self.print_action,
                       self.catalogue_action):
            action.setEnabled(has)

    # --- other dialogs -----------------------------------------------------------------------

    def show_catalogue(self) -> None:
        if self.session is None:
            return
        from PySide6.QtCore import Qt

        from socle_desktop.gui.catalogue_dialog import CatalogueDialog

        self.catalogue_dialog = CatalogueDialog(self.session, self)
        self.catalogue_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.catalogue_dialog.open()

    def about(self) -> None:
        QtWidgets.QMessageBox.about(
            self, "À propos de Socle",
            f"<h3>Socle {__version__}</h3><p>Le dossier de candidature de la commune à l'appel à "
            "projets « Socle numérique dans les écoles élémentaires » (SNEE, 2021) : écoles, "
            "équipement, services, et la subvention de l'État calculée à chaque saisie.</p>"
            "<p>Les montants sont calculés selon les règles de la campagne SNEE 2021 ; le "
            "dossier officiel se dépose sur démarches-simplifiées.</p>")

    # --- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = settings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            available = screen.availableGeometry() if screen else None
            width = min(1366, available.width()) if available else 1280
            height = min(768, available.height()) if available else 720
            self.resize(width, height)

    def closeEvent(self, event) -> None:  # noqa: N802
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        if self.editor is not None:
            self.editor.save_state()
        store.sync()
        self._close_dossier()
        super().closeEvent(event)
