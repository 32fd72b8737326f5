"""The main window: the start screen, or the wizard beside the subsidy panel, with the menus.

One dossier file is open at a time; every edit is saved by the session as it is made, so there
is no « Enregistrer »: only « Enregistrer sous… » (a copy, e.g. of a read-only file).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

# Only the classes of the first paint are imported by name: shiboken creates each Python type
# on first access (with its enums), and the others (dialogs, splitter…) are not needed yet.
from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTime
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from socle_desktop import APP_NAME, __version__
from socle_desktop.gui import preferences, pyside_guard
from socle_desktop.gui.preferences import settings
from socle_desktop.gui.start_screen import StartScreen

pyside_guard.apply()  # PySide6 6.12.0 on Python 3.11 would abort after a while (see the module)

EXTENSION_FALLBACK = ".socle"
FILE_FILTER = "Dossiers Socle (*.socle)"


def extension() -> str:
    try:
        from socle_desktop.store import EXTENSION
    except ImportError:
        return EXTENSION_FALLBACK
    return EXTENSION if EXTENSION.startswith(".") else "." + EXTENSION


def _step_text(verb: str, label: str) -> str:
    return f"{verb} « {label[0].lower()}{label[1:]} »" if label else verb


class _UndoKeysFirst(QObject):
    """Ctrl+Z in a text field undoes the dossier's last edit, not only the field's own text.

    Every keystroke already reaches the dossier as an edit, so the window's undo is the one the
    user means; without this filter a focused QLineEdit would keep Ctrl+Z for itself.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(obj, QWidget):
            if (event.matches(QKeySequence.StandardKey.Undo)
                    or event.matches(QKeySequence.StandardKey.Redo)
                    or event.keyCombination().toCombined()
                    == QKeySequence("Ctrl+Shift+Z")[0].toCombined()) \
                    and obj.window() is self.window:
                event.ignore()
                return True
        return False


class MainWindow(QMainWindow):
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
        QApplication.instance().installEventFilter(_UndoKeysFirst(self))
        self._restore_geometry()
        self._update_title()
        self._update_actions()

    # --- building ----------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(slot)
        action.setObjectName(name)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.new_action = self._action("&Nouveau…", self.new_dossier, key(key.StandardKey.New),
                                       "new_action")
        self.open_action = self._action("&Ouvrir…", self.open_dialog, key(key.StandardKey.Open),
                                        "open_action")
        self.example_action = self._action("Ouvrir l'exemp&le", self.open_example,
                                           name="example_action")
        self.save_as_action = self._action("Enregistrer &sous…", self.save_as,
                                           key("Ctrl+Shift+S"), "save_as_action")
        self.pdf_action = self._action("&Exporter PDF…", self.export_pdf, key("Ctrl+E"),
                                       "pdf_action")
        self.print_action = self._action("&Imprimer…", self.print_dossier,
                                         key(key.StandardKey.Print), "print_action")
        self.quit_action = self._action("&Quitter", self.close, key("Ctrl+Q"), "quit_action")
        self.undo_action = self.undo_group.createUndoAction(self, "Annuler")
        self.undo_action.setShortcuts([key(key.StandardKey.Undo)])
        self.undo_action.setObjectName("undo_action")
        self.redo_action = self.undo_group.createRedoAction(self, "Rétablir")
        self.redo_action.setShortcuts([key("Ctrl+Shift+Z"), key("Ctrl+Y")])
        self.redo_action.setObjectName("redo_action")
        self.catalogue_action = self._action("&Catalogue…", self.show_catalogue,
                                             name="catalogue_action")
        self.about_action = self._action("À &propos de Socle", self.about, name="about_action")
        # « Annuler « modifier le nom » » rather than Qt's « Annuler Modifier le nom ».
        self.undo_group.undoTextChanged.connect(
            lambda text: self.undo_action.setText(_step_text("&Annuler", text)))
        self.undo_group.redoTextChanged.connect(
            lambda text: self.redo_action.setText(_step_text("&Rétablir", text)))
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)  # shortcuts work even when the menu bar is hidden

    def _build_menus(self) -> None:
        bar = self.menuBar()
        fichier = bar.addMenu("&Fichier")
        fichier.addAction(self.new_action)
        fichier.addAction(self.open_action)
        self.recent_menu = fichier.addMenu("Ouvrir &récent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        fichier.addAction(self.example_action)
        fichier.addSeparator()
        fichier.addAction(self.save_as_action)
        fichier.addSeparator()
        fichier.addAction(self.pdf_action)
        fichier.addAction(self.print_action)
        fichier.addSeparator()
        fichier.addAction(self.quit_action)
        edition = bar.addMenu("É&dition")
        edition.addAction(self.undo_action)
        edition.addAction(self.redo_action)
        edition.addSeparator()
        edition.addAction(self.catalogue_action)
        aide = bar.addMenu("&Aide")
        aide.addAction(self.about_action)
        self.menus = {"fichier": fichier, "edition": edition, "aide": aide}

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

    def open_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Ouvrir un dossier", str(preferences.folder("last_folder")),
            f"{FILE_FILTER};;Tous les fichiers (*)")
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, read_only: bool = False) -> bool:
        """Open a dossier file; say in French what went wrong and keep what is open if it fails."""
        from socle_desktop.store import DossierFile, DossierInUse, StoreError

        path = Path(path)
        if self.file is not None and path.resolve() == Path(self.file.path).resolve():
            self.statusBar().showMessage(f"{path.name} est déjà ouvert ici.", 5000)
            return True
        try:
            file = DossierFile.open(path, read_only=read_only)
        except DossierInUse as error:
            answer = QtWidgets.QMessageBox.question(
                self, "Dossier déjà ouvert",
                f"{error}\n\nVoulez-vous l'ouvrir en lecture seule ? Vous pourrez le consulter, "
                "et garder vos modifications dans une copie avec « Enregistrer sous… ».",
                QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
                QtWidgets.QMessageBox.StandardButton.Yes)
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return False
            return self.open_path(path, read_only=True)
        except StoreError as error:
            QtWidgets.QMessageBox.warning(self, "Ouverture impossible",
                                f"Le dossier {path.name} n'a pas pu être ouvert.\n\n{error}\n\n"
                                "Rien n'a été modifié.")
            self._forget_recent(path)
            return False
        self._install(file)
        self._remember_recent(path)
        return True

    def new_dossier(self) -> bool:
        from socle_desktop.domain.campaign import load_campaign
        from socle_desktop.domain.model import Dossier

        path = self._ask_save_path("Nouveau dossier : où l'enregistrer ?", "dossier")
        if path is None:
            return False
        return self._create(path, Dossier(), load_campaign())

    def _create(self, path: Path, dossier, campaign, temporary_dir: str | None = None) -> bool:
        from socle_desktop.store import DossierFile, StoreError

        if self.file is not None and Path(self.file.path).resolve() == path.resolve():
            QtWidgets.QMessageBox.warning(self, "Fichier déjà ouvert",
                                f"{path.name} est le dossier ouvert : choisissez un autre nom.")
            return False
        try:
            # The file dialog has already asked whether to replace an existing file; the store
            # replaces it atomically, unless someone is editing it.
            file = DossierFile.create(path, dossier, campaign)
        except (StoreError, OSError) as error:
            QtWidgets.QMessageBox.warning(self, "Création impossible",
                                f"Le dossier {path.name} n'a pas pu être créé.\n\n{error}")
            return False
        self._install(file, temporary_dir)
        if temporary_dir is None:
            self._remember_recent(path)
        return True

    def open_example(self) -> bool:
        """The bundled example, imported into a temporary copy (the bundled file stays intact)."""
        from socle_desktop.domain import jsonio
        from socle_desktop.domain.campaign import load_campaign
        from socle_desktop.resources import example_dossier_path

        dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
        folder = tempfile.mkdtemp(prefix="socle-exemple-")
        path = Path(folder) / f"saint-exemple{extension()}"
        if not self._create(path, dossier, load_campaign(dossier.campagne), folder):
            shutil.rmtree(folder, ignore_errors=True)
            return False
        return True

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
            else f"Dossier ouvert : {file.path}", 5000)

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

    def save_as(self) -> bool:
        if self.file is None:
            return False
        path = self._ask_save_path("Enregistrer le dossier sous…", Path(self.file.path).stem)
        if path is None:
            return False
        from socle_desktop.store import StoreError

        try:
            new_file = self.file.save_as(path)
        except StoreError as error:
            QtWidgets.QMessageBox.warning(self, "Enregistrement impossible",
                                f"Le dossier n'a pas pu être enregistré dans {path.name}.\n\n"
                                f"{error}\n\nLe dossier ouvert n'a pas changé.")
            return False
        old, temporary = self.file, self._temporary_dir
        if new_file.dossier is self.session.dossier:  # same objects: keep the undo history
            self.session.file = new_file
            self.file = new_file
            if old is not new_file:
                old.close()
            if temporary:
                shutil.rmtree(temporary, ignore_errors=True)
            self._temporary_dir = None
            self._update_banner()
            self._update_title()
            self._update_actions()
        else:
            self._install(new_file)
        self._remember_recent(path)
        self.statusBar().showMessage(f"Dossier enregistré sous {path}", 8000)
        return True

    def _ask_save_path(self, title: str, stem: str) -> Path | None:
        folder = preferences.folder("last_folder")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, title, str(folder / f"{stem}{extension()}"), FILE_FILTER)
        if not path:
            return None
        path = Path(path)
        if path.suffix.lower() != extension():
            path = path.with_name(path.name + extension())
        return path

    # --- reacting to the session -------------------------------------------------------------

    def _on_changed(self, _result) -> None:
        if self.session is not None and not self.session.read_only:
            self.saved_label.setText(f"Enregistré à {QTime.currentTime().toString('HH:mm:ss')}")
        else:
            self.saved_label.setText("Lecture seule : modifications non enregistrées")

    def _on_save_failed(self, message: str) -> None:
        QtWidgets.QMessageBox.critical(
            self, "Enregistrement impossible",
            f"La dernière modification n'a pas pu être enregistrée ; elle a été annulée.\n\n"
            f"{message}\n\nVos modifications précédentes sont dans le fichier. Vous pouvez "
            "garder une copie avec Fichier › Enregistrer sous…")

    def _update_title(self) -> None:
        if self.file is None:
            self.setWindowTitle(APP_NAME)
            return
        name = Path(self.file.path).name
        suffix = " [lecture seule]" if self.file.read_only else ""
        self.setWindowTitle(f"{APP_NAME} — {name}{suffix}")

    def _update_banner(self) -> None:
        if self.file is None:
            return
        if self.file.read_only:
            reason = getattr(self.file, "read_only_reason", "") or ""
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

    # --- PDF and printing --------------------------------------------------------------------

    def export_pdf(self) -> None:
        if self.session is None:
            return
        folder = preferences.folder("pdf_folder")
        stem = Path(self.file.path).stem
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Exporter le dossier en PDF", str(folder / f"{stem}.pdf"), "PDF (*.pdf)")
        if not path:
            return
        path = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        settings().setValue("files/pdf_folder", str(path.parent))
        self.statusBar().showMessage(f"Écriture du PDF {path.name}…")
        self._start_pdf(path, self._pdf_written)

    def _start_pdf(self, path: Path, on_done) -> None:
        from socle_desktop.gui.pdf_jobs import start_pdf_job

        job = start_pdf_job(self.session.dossier, self.session.campaign, path, on_done,
                            self._pdf_failed)
        self._jobs.append(job)

    def _pdf_written(self, path: str) -> None:
        self._jobs = [j for j in self._jobs if str(j.path) != path]
        self.statusBar().showMessage(f"PDF enregistré : {path}", 15000)

    def _pdf_failed(self, message: str) -> None:
        self._jobs = [j for j in self._jobs if not j.done]
        self.statusBar().clearMessage()
        QtWidgets.QMessageBox.warning(self, "PDF impossible",
                                      f"Le PDF n'a pas pu être écrit.\n\n{message}")

    def print_dossier(self) -> None:
        if self.session is None:
            return
        folder = tempfile.mkdtemp(prefix="socle-impression-")
        path = Path(folder) / f"{Path(self.file.path).stem}.pdf"
        self.statusBar().showMessage("Préparation de l'impression…")
        self._start_pdf(path, self._print_pdf)

    def _print_pdf(self, path: str) -> None:
        self._jobs = [j for j in self._jobs if str(j.path) != path]
        from socle_desktop.gui.printing import print_pdf

        self._printer = print_pdf(self, Path(path))

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

    # --- recent files and geometry -----------------------------------------------------------

    def recent_files(self) -> list[str]:
        return preferences.recent_files()

    def _remember_recent(self, path: Path) -> None:
        preferences.remember_recent(path)
        self._fill_recent_list()

    def _forget_recent(self, path: Path) -> None:
        preferences.forget_recent(path)
        self._fill_recent_list()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for number, name in enumerate(files, start=1):
            path = Path(name)
            action = self.recent_menu.addAction(f"&{number} {path.name} — {path.parent}")
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(Path(p)))
        if not files:
            self.recent_menu.addAction("(aucun dossier récent)").setEnabled(False)

    def _fill_recent_list(self) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        self.recent_list.clear()
        self._recent_shown = self.recent_files()
        for name in self._recent_shown:
            item = QListWidgetItem(f"{Path(name).name} — {Path(name).parent}")
            item.setToolTip(name)
            self.recent_list.addItem(item)
        self.start_screen.show_choices(bool(self._recent_shown))

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
