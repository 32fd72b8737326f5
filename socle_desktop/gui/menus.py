"""The main window's actions and menus, and the undo keys that belong to the dossier."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoGroup
    from PySide6.QtWidgets import QMenuBar

    from socle_desktop.gui.recent_files import RecentFiles

Shortcut = QKeySequence | list[QKeySequence] | None
# Ctrl+Maj+Z, which Qt's standard Redo is not everywhere (not the Qt namespace: start-up path)
REDO_SHIFT = QKeySequence("Ctrl+Shift+Z")[0]  # type: ignore[index]  # the stubs lack []


def _step_text(verb: str, label: str) -> str:
    return f"{verb} « {label[0].lower()}{label[1:]} »" if label else verb


class UndoKeysFirst(QObject):
    """Ctrl+Z in a text field undoes the dossier's last edit, not only the field's own text.

    Every keystroke already reaches the dossier as an edit, so the window's undo is the one the
    user means; without this filter a focused QLineEdit would keep Ctrl+Z for itself.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(obj, QWidget):
            key = cast(QKeyEvent, event)  # a ShortcutOverride is a key event
            if (
                key.matches(QKeySequence.StandardKey.Undo)
                or key.matches(QKeySequence.StandardKey.Redo)
                or key.keyCombination() == REDO_SHIFT
            ) and obj.window() is self.window:
                event.ignore()
                return True
        return False


class MenuWindow(Protocol):
    """What the menus need of the window that owns them: the slots their actions trigger, its
    undo group and recent files, its menu bar."""

    undo_group: QUndoGroup
    recent: RecentFiles

    def new_dossier(self) -> bool: ...
    def open_dialog(self) -> None: ...
    def open_example(self) -> bool: ...
    def import_json_dialog(self) -> None: ...
    def save_now(self) -> None: ...
    def save_as(self) -> bool: ...
    def export_pdf(self, comparison: bool | None = None) -> None: ...
    def print_dossier(self) -> None: ...
    def preview_dossier(self) -> None: ...
    def export_spreadsheet(self) -> None: ...
    def export_deliberation(self) -> None: ...
    def show_depot(self) -> None: ...
    def close(self) -> bool: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def show_catalogue(self) -> None: ...
    def go_to_step(self, delta: int) -> bool: ...
    def show_help(self) -> None: ...
    def toggle_fctva(self, checked: bool) -> None: ...
    def about(self) -> None: ...
    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def addAction(self, action: QAction) -> None: ...  # noqa: N802 - Qt's name


class WindowMenus:
    """« Fichier », « Édition », « Aide »: the actions (with their shortcuts) and the menu bar
    of the main window, which owns them (``window.menus``) and whose slots they trigger."""

    def __init__(self, window: MenuWindow):
        self.window = window
        self._parent = cast(QObject, window)  # the actions' owner
        self._build_actions()
        self._build_menus()

    def _action(
        self, text: str, slot: Callable[..., object], shortcut: Shortcut = None, name: str = ""
    ) -> QAction:
        action = QAction(text, self._parent)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(slot)
        action.setObjectName(name)
        return action

    def _build_actions(self) -> None:
        window, key, std = self.window, QKeySequence, QKeySequence.StandardKey
        self.new_action = self._action("&Nouveau…", window.new_dossier, key(std.New), "new_action")
        self.open_action = self._action(
            "&Ouvrir…", window.open_dialog, key(std.Open), "open_action"
        )
        self.example_action = self._action(
            "Ouvrir l'exemp&le", window.open_example, name="example_action"
        )
        self.import_action = self._action(
            "&Importer un dossier JSON…", window.import_json_dialog, name="import_action"
        )
        # Every edit is saved as it is made; Ctrl+S says so (or asks where, for a copy).
        self.save_action = self._action(
            "&Enregistrer", window.save_now, key(std.Save), "save_action"
        )
        self.save_as_action = self._action(
            "Enregistrer &sous…", window.save_as, key("Ctrl+Shift+S"), "save_as_action"
        )
        self.pdf_action = self._action(
            # not export_pdf itself: triggered's « checked » would say « no comparison »
            "&Exporter PDF…",
            lambda: window.export_pdf(),
            key("Ctrl+E"),
            "pdf_action",
        )
        self.print_action = self._action(
            "&Imprimer…", window.print_dossier, key(std.Print), "print_action"
        )
        self.preview_action = self._action(
            "&Aperçu avant impression", window.preview_dossier, name="preview_action"
        )
        self.spreadsheet_action = self._action(
            "Exporter le &tableur…", window.export_spreadsheet, name="spreadsheet_action"
        )
        self.deliberation_action = self._action(
            "Projet de &délibération…", window.export_deliberation, name="deliberation_action"
        )
        self.depot_action = self._action(
            "Préparer le &dépôt…", window.show_depot, name="depot_action"
        )
        self.quit_action = self._action("&Quitter", window.close, key("Ctrl+Q"), "quit_action")
        # Not QUndoGroup's own actions: through the session, the stack moves only once the
        # undo or redo is saved in the file.
        self.undo_action = self._action("&Annuler", window.undo, key(std.Undo), "undo_action")
        self.redo_action = self._action(
            "&Rétablir", window.redo, [key("Ctrl+Shift+Z"), key("Ctrl+Y")], "redo_action"
        )
        group = window.undo_group
        for action, signal in (
            (self.undo_action, group.canUndoChanged),
            (self.redo_action, group.canRedoChanged),
        ):
            action.setEnabled(False)
            signal.connect(action.setEnabled)
        self.catalogue_action = self._action(
            "&Catalogue…", window.show_catalogue, name="catalogue_action"
        )
        self.next_step_action = self._action(
            "Étape &suivante", lambda: window.go_to_step(+1), key("Ctrl+PgDown"), "next_step_action"
        )
        self.previous_step_action = self._action(
            "Étape &précédente",
            lambda: window.go_to_step(-1),
            key("Ctrl+PgUp"),
            "previous_step_action",
        )
        self.help_action = self._action(
            "&Guide de Socle", window.show_help, key("F1"), "help_action"
        )
        self.fctva_action = self._action(
            "Afficher le reste à charge après &FCTVA", window.toggle_fctva, name="fctva_action"
        )
        self.fctva_action.setCheckable(True)
        self.fctva_action.setStatusTip(
            "Estimation du FCTVA (hors subvention de l'État) dans le plan de financement, "
            "le PDF et les exports"
        )
        self.about_action = self._action("À &propos de Socle", window.about, name="about_action")
        # « Annuler « modifier le nom » » rather than Qt's « Annuler Modifier le nom ».
        group.undoTextChanged.connect(
            lambda text: self.undo_action.setText(_step_text("&Annuler", text))
        )
        group.redoTextChanged.connect(
            lambda text: self.redo_action.setText(_step_text("&Rétablir", text))
        )
        for action in (
            self.undo_action,
            self.redo_action,
            self.next_step_action,
            self.previous_step_action,
            self.help_action,
        ):
            window.addAction(action)  # shortcuts work even when the menu bar is hidden

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        fichier = self.fichier = bar.addMenu("&Fichier")
        fichier.addAction(self.new_action)
        fichier.addAction(self.open_action)
        self.recent_menu = fichier.addMenu("Ouvrir &récent")
        self.window.recent.attach_menu(self.recent_menu)
        fichier.addAction(self.example_action)
        fichier.addAction(self.import_action)
        fichier.addSeparator()
        fichier.addAction(self.save_action)
        fichier.addAction(self.save_as_action)
        fichier.addSeparator()
        fichier.addAction(self.pdf_action)
        fichier.addAction(self.spreadsheet_action)
        fichier.addAction(self.deliberation_action)
        fichier.addAction(self.depot_action)
        fichier.addSeparator()
        fichier.addAction(self.preview_action)
        fichier.addAction(self.print_action)
        fichier.addSeparator()
        fichier.addAction(self.quit_action)
        edition = self.edition = bar.addMenu("É&dition")
        edition.addAction(self.undo_action)
        edition.addAction(self.redo_action)
        edition.addSeparator()
        edition.addAction(self.next_step_action)
        edition.addAction(self.previous_step_action)
        edition.addSeparator()
        edition.addAction(self.catalogue_action)
        edition.addSeparator()
        edition.addAction(self.fctva_action)
        aide = self.aide = bar.addMenu("&Aide")
        aide.addAction(self.help_action)
        aide.addAction(self.about_action)

    def insert_before_help(self, menu: QMenu) -> None:
        """Another menu of the window (« Variantes »), before « Aide »."""
        self.window.menuBar().insertMenu(self.aide.menuAction(), menu)

    def dossier_actions(self) -> list[QAction]:
        """The actions that need an open dossier."""
        return [
            self.save_action,
            self.save_as_action,
            self.pdf_action,
            self.print_action,
            self.preview_action,
            self.spreadsheet_action,
            self.deliberation_action,
            self.depot_action,
            self.catalogue_action,
            self.next_step_action,
            self.previous_step_action,
            self.fctva_action,
        ]
