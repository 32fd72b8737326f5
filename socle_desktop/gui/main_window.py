"""The main window: the start screen, or the wizard beside the subsidy panel, with the menus.

One dossier file is open at a time; every edit is saved by the session as it is made:
« Enregistrer » (Ctrl+S) only says when, and « Enregistrer sous… » makes a copy (e.g. of a
read-only file).
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

from socle_desktop import __version__
from socle_desktop.gui import dialogs, pyside_guard, window_geometry
from socle_desktop.gui.dossier_files import FILE_FILTER, DossierFiles, extension
from socle_desktop.gui.export_actions import ExportActions
from socle_desktop.gui.menus import UndoKeysFirst, WindowMenus
from socle_desktop.gui.pdf_actions import PdfActions
from socle_desktop.gui.preferences import settings
from socle_desktop.gui.recent_files import RecentFiles
from socle_desktop.gui.start_screen import StartScreen
from socle_desktop.system_errors import printable

pyside_guard.apply()  # PySide6 6.12.0 on Python 3.11 would abort after a while (see the module)

__all__ = ["FILE_FILTER", "MainWindow", "extension"]


class MainWindow(QMainWindow):
    """The start screen or the open dossier's editor. It owns, each needing only the
    Protocol beside it: its file actions (``files``, dossier_files.py), its recent files
    (``recent``), its PDF and printing (``pdf``, pdf_actions.py), the other exports
    (``exports``, export_actions.py), its menus and their actions (``menus``, menus.py) and
    the « Variantes » menu (``variant_actions``)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.file = None  # the open DossierFile
        self.session = None
        self.wizard = None
        self.wizard_view = None
        self.panel = None
        self.editor: QWidget | None = None
        self.temporary_dir: str | None = None  # the example's temporary copy
        self._saved_at = QTime.currentTime()
        self._first_geometry = None  # the one chosen at first launch, until the user resizes
        self.help_dialog = None  # the guide, once F1 has shown it

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
        self.pdf = PdfActions(self)
        self.exports = ExportActions(self)
        self.menus = WindowMenus(self)
        self._build_variant_menu()
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
        self.files = DossierFiles(self)
        self.recent = RecentFiles(screen, self.open_path)
        self.recent_list: QListWidget = self.recent.list

    def _build_editor(self) -> None:
        from socle_desktop.gui.editor import DossierEditor

        editor = self.editor = DossierEditor(
            self.session, self.width(), variant_menu=self.variant_actions.menu
        )
        self.banner, self.banner_label = editor.banner, editor.banner_label
        self.banner_button, self.splitter = editor.banner_button, editor.splitter
        self.wizard_view, self.wizard, self.panel = editor.wizard_view, editor.wizard, editor.panel
        self.banner_button.clicked.connect(self.save_as)
        from PySide6.QtCore import Qt  # here, not at start-up: the namespace costs ~15 ms

        # F1 in the dialogs too
        self.menus.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.wizard.finishRequested.connect(self.export_pdf)
        recap = self.wizard.page_recapitulatif  # the récapitulatif's own buttons
        recap.exportRequested.connect(self.export_pdf)
        recap.printRequested.connect(self.print_dossier)
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)

    # --- what the menus and the start screen call (menus.MenuWindow), handed to the objects
    # that own each action ------------------------------------------------------------------

    def open_path(self, path: Path, read_only: bool = False, reason: str | None = None) -> bool:
        return self.files.open_path(path, read_only, reason)

    def open_dialog(self) -> None:
        self.files.open_dialog()

    def open_at_start(self, path: Path | None) -> bool:
        return self.files.open_at_start(path)

    def open_example(self) -> bool:
        return self.files.open_example()

    def new_dossier(self) -> bool:
        return self.files.new_dossier()

    def import_json_dialog(self) -> None:
        self.files.import_json_dialog()

    def import_json(self, source: Path) -> bool:
        return self.files.import_json(source)

    def save_as(self) -> bool:
        return self.files.save_as()

    def recent_files(self) -> list[str]:
        return self.recent.paths()

    def export_pdf(self, comparison: bool | None = None) -> None:
        self.pdf.export_pdf(comparison)

    def print_dossier(self) -> None:
        self.pdf.print_dossier()

    def preview_dossier(self) -> None:
        self.pdf.preview_dossier()

    def export_spreadsheet(self) -> None:
        self.exports.export_spreadsheet()

    def export_deliberation(self) -> None:
        self.exports.export_deliberation()

    def show_depot(self) -> None:
        self.exports.show_depot()

    # --- opening and closing dossiers (dossier_files.DossierWindow) ---------------------------

    def show_file_state(self) -> None:
        """The title, banner and actions of the file now open (or of none)."""
        self._update_banner()
        self._update_title()
        self._update_actions()

    def install(self, file, temporary_dir: str | None = None) -> None:
        from socle_desktop.gui.session import Session

        self._close_dossier()
        self.file = file
        self.temporary_dir = temporary_dir
        self.session = Session(file.dossier, file.campaign, file, self)
        self.session.changed.connect(self._on_changed)
        self.session.changed.connect(lambda _result: self.variant_actions.update())
        self.session.saveFailed.connect(self._on_save_failed)
        self.session.undoFailed.connect(self._on_undo_failed)
        self.session.stepped.connect(self._on_stepped)
        self.session.typingRefused.connect(self._on_typing_refused)
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
        self._saved_at = QTime.currentTime()
        self.pdf.hide_links()
        self.statusBar().showMessage(
            "Exemple ouvert dans une copie temporaire"
            if temporary_dir
            else f"Dossier ouvert : {printable(file.path)}",
            5000,
        )

    def _close_dossier(self) -> None:
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.changed.disconnect(self._on_changed)
            self.session.saveFailed.disconnect(self._on_save_failed)
            self.session.undoFailed.disconnect(self._on_undo_failed)
            self.session.stepped.disconnect(self._on_stepped)
            self.session.typingRefused.disconnect(self._on_typing_refused)
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
        if self.file is not None:
            self.file.close()
        if self.temporary_dir:
            shutil.rmtree(self.temporary_dir, ignore_errors=True)
        self.file = self.session = self.wizard = self.wizard_view = self.panel = None
        self.editor = None
        self.temporary_dir = None

    # --- reacting to the session -------------------------------------------------------------

    def toggle_fctva(self, checked: bool) -> None:
        if self.session is None:
            return
        label = "Afficher le FCTVA" if checked else "Masquer le FCTVA"
        self.session.set_field("parametres", "", "fctva", bool(checked), label)
        self.menus.fctva_action.setChecked(self.session.dossier.parametres.fctva)

    def _on_changed(self, _result) -> None:
        fctva = bool(self.session and self.session.dossier.parametres.fctva)
        self.menus.fctva_action.setChecked(fctva)
        if self.session is not None and not self.session.read_only:
            self._saved_at = QTime.currentTime()
            self.saved_label.setText(f"Enregistré à {self._saved_at.toString('HH:mm:ss')}")
        else:
            self.saved_label.setText("Lecture seule : modifications non enregistrées")

    def _on_save_failed(self, message: str) -> None:
        if self.file is not None and self.file.read_only:  # replaced on disk: nothing more lands
            self._update_banner()
            self._update_title()
            self.saved_label.setText("Lecture seule : modifications non enregistrées")
            dialogs.critical(
                self,
                "Dossier remplacé sur le disque",
                f"La dernière modification n'a pas été enregistrée ; elle a été annulée.\n\n"
                f"{message}",
            )
            return
        dialogs.critical(
            self,
            "Enregistrement impossible",
            f"La dernière modification n'a pas pu être enregistrée ; elle a été annulée.\n\n"
            f"{message}\n\nVos modifications précédentes sont dans le fichier. Vous pouvez "
            "garder une copie avec Fichier › Enregistrer sous…",
        )

    def _on_typing_refused(self, message: str) -> None:
        """« Enregistré » would read as if the text being typed were saved: it is not. Once
        the field holds a valid value again (or the saved one), the time of the last save."""
        if message:
            self.saved_label.setText("Saisie refusée : non enregistrée")
        elif self.session is not None and not self.session.read_only:
            self.saved_label.setText(f"Enregistré à {self._saved_at.toString('HH:mm:ss')}")
        else:
            self.saved_label.setText("")

    def _on_undo_failed(self, message: str) -> None:
        self.statusBar().showMessage(message.split(" : ")[0], 8000)
        dialogs.critical(
            self,
            "Enregistrement impossible",
            f"{message}\n\nLe dossier et l'historique des modifications restent tels qu'ils "
            "étaient. Vous pouvez garder une copie avec Fichier › Enregistrer sous…",
        )

    def _on_stepped(self, text: str, applied, other) -> None:
        """After Ctrl+Z / Ctrl+Maj+Z: show where it happened, and say what was done."""
        from socle_desktop.domain.edit_places import place_of

        place = place_of(self.session.dossier, applied, other)
        if place is not None and self.wizard_view is not None:
            self.wizard_view.show_place(place)
        where = f" ({place.describe(self.session.dossier)})" if place is not None else ""
        self.statusBar().showMessage(f"{text}{where}", 10000)

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    def _update_title(self) -> None:
        # Qt adds « — Socle » (the application's display name) itself: the title is the file.
        if self.file is None:
            self.setWindowTitle("")
            return
        name = printable(Path(self.file.path).name)
        suffix = " [lecture seule]" if self.file.read_only else ""
        self.setWindowTitle(f"{name}{suffix}")

    def _update_banner(self) -> None:
        if self.file is None:
            return
        if self.file.read_only:
            reason = html.escape(self.file.read_only_reason or "")  # rich text
            text = f"<b>Lecture seule</b> — {reason} " if reason else "<b>Lecture seule</b> — "
            self.editor.show_banner(
                text + "Vos modifications ne sont pas enregistrées dans ce fichier : "
                "choisissez « Enregistrer sous… » pour garder vos modifications."
            )
        elif self.temporary_dir:
            self.editor.show_banner(
                "<b>Exemple</b> — vous travaillez sur une copie temporaire de l'exemple, "
                "effacée à la fermeture. « Enregistrer sous… » pour la garder."
            )
        else:
            self.editor.show_banner(None)

    def _build_variant_menu(self) -> None:
        """« Variantes », before « Aide »; its actions are an object of their own."""
        from socle_desktop.gui.variant_actions import VariantActions

        self.variant_actions = VariantActions(self)
        self.menus.insert_before_help(self.variant_actions.menu)

    def _update_actions(self) -> None:
        has = self.file is not None
        for action in self.menus.dossier_actions():
            action.setEnabled(has)
        self.menus.fctva_action.setChecked(has and self.session.dossier.parametres.fctva)
        self.variant_actions.update()

    # --- the keyboard's Ctrl+S and Ctrl+PgDown / Ctrl+PgUp -------------------------------------

    def save_now(self) -> None:
        """Ctrl+S: the dossier is already saved; a copy that would be lost asks where instead."""
        if self.file is None:
            return
        if self.file.read_only or self.temporary_dir:
            self.save_as()
            return
        self.statusBar().showMessage(
            f"Enregistré automatiquement à {self._saved_at.toString('HH:mm')} : chaque "
            "modification est enregistrée dès qu'elle est faite.",
            8000,
        )

    def go_to_step(self, delta: int) -> bool:
        """The next or previous step, its first field focused; a step not reachable yet is said
        in the status bar."""
        if self.wizard is None:
            return False
        target = self.wizard.currentId() + delta
        if not 0 <= target < len(self.wizard.pages()):
            return False
        if not self.wizard.go_to(target):
            self.statusBar().showMessage(
                "Complétez d'abord cette étape : ce qui manque est indiqué sous la page.", 5000
            )
            return False
        first = _first_field(self.wizard.currentPage())
        if first is not None:
            first.setFocus()
        return True

    def show_help(self) -> None:
        from socle_desktop.gui.help_dialog import show_guide

        self.help_dialog = show_guide(self, self.session.campaign if self.session else None)

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
            self,
            "À propos de Socle",
            f"<h3>Socle {__version__}</h3><p>Le dossier de candidature de la commune à l'appel à "
            "projets « Socle numérique dans les écoles élémentaires » (SNEE, 2021) : écoles, "
            "équipement, services, et la subvention de l'État calculée à chaque saisie.</p>"
            "<p>Les montants sont calculés selon les règles de la campagne SNEE 2021 ; le "
            "dossier officiel se dépose sur démarches-simplifiées.</p>",
        )

    # --- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        """The last session's place (Qt keeps it on a screen), else inside the available area."""
        geometry = settings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            if screen is not None:
                self._first_geometry = window_geometry.first_geometry(screen.availableGeometry())
                self.setGeometry(self._first_geometry)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._first_geometry is not None:  # the real frame is known once shown
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._pull_inside)

    def _pull_inside(self) -> None:
        if self._first_geometry is not None and self.geometry() == self._first_geometry:
            window_geometry.pull_inside(self)
        self._first_geometry = None

    def closeEvent(self, event) -> None:  # noqa: N802
        for dialog in self.findChildren(QtWidgets.QDialog):  # the guide, the catalogue…
            dialog.close()
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        if self.editor is not None:
            self.editor.save_state()
        store.sync()
        self.pdf.remove_print_files()
        self._close_dossier()
        super().closeEvent(event)


def _first_field(page: QWidget) -> QWidget | None:
    """The first widget of ``page`` that Tab would reach."""
    from PySide6.QtCore import Qt

    tab = Qt.FocusPolicy.TabFocus.value
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy().value & tab
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None
