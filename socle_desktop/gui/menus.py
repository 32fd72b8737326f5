"""The main window's actions and menus, and the undo keys that belong to the dossier."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget


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


class MenusMixin:
    """« Fichier », « Édition », « Aide »: the actions (with their shortcuts) and the menu bar.

    Mixed into MainWindow, whose slots the actions trigger."""

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
        self.import_action = self._action("&Importer un dossier JSON…", self.import_json_dialog,
                                          name="import_action")
        # Every edit is saved as it is made; Ctrl+S says so (or asks where, for a copy).
        self.save_action = self._action("&Enregistrer", self.save_now,
                                        key(key.StandardKey.Save), "save_action")
        self.save_as_action = self._action("Enregistrer &sous…", self.save_as,
                                           key("Ctrl+Shift+S"), "save_as_action")
        self.pdf_action = self._action("&Exporter PDF…", self.export_pdf, key("Ctrl+E"),
                                       "pdf_action")
        self.print_action = self._action("&Imprimer…", self.print_dossier,
                                         key(key.StandardKey.Print), "print_action")
        self.preview_action = self._action("&Aperçu avant impression", self.preview_dossier,
                                           name="preview_action")
        self.spreadsheet_action = self._action("Exporter le &tableur…", self.export_spreadsheet,
                                               name="spreadsheet_action")
        self.deliberation_action = self._action("Projet de &délibération…",
                                                self.export_deliberation,
                                                name="deliberation_action")
        self.depot_action = self._action("Préparer le &dépôt…", self.show_depot,
                                         name="depot_action")
        self.quit_action = self._action("&Quitter", self.close, key("Ctrl+Q"), "quit_action")
        # Not QUndoGroup's own actions: through the session, the stack moves only once the
        # undo or redo is saved in the file.
        self.undo_action = self._action("&Annuler", self.undo, key(key.StandardKey.Undo),
                                        "undo_action")
        self.redo_action = self._action("&Rétablir", self.redo,
                                        [key("Ctrl+Shift+Z"), key("Ctrl+Y")], "redo_action")
        for action, signal in ((self.undo_action, self.undo_group.canUndoChanged),
                               (self.redo_action, self.undo_group.canRedoChanged)):
            action.setEnabled(False)
            signal.connect(action.setEnabled)
        self.catalogue_action = self._action("&Catalogue…", self.show_catalogue,
                                             name="catalogue_action")
        self.next_step_action = self._action("Étape &suivante", lambda: self.go_to_step(+1),
                                             key("Ctrl+PgDown"), "next_step_action")
        self.previous_step_action = self._action("Étape &précédente",
                                                 lambda: self.go_to_step(-1), key("Ctrl+PgUp"),
                                                 "previous_step_action")
        self.help_action = self._action("&Guide de Socle", self.show_help, key("F1"),
                                        "help_action")
        self.fctva_action = self._action("Afficher le reste à charge après &FCTVA",
                                         self.toggle_fctva, name="fctva_action")
        self.fctva_action.setCheckable(True)
        self.fctva_action.setStatusTip(
            "Estimation du FCTVA (hors subvention de l'État) dans le plan de financement, "
            "le PDF et les exports")
        self.about_action = self._action("À &propos de Socle", self.about, name="about_action")
        # « Annuler « modifier le nom » » rather than Qt's « Annuler Modifier le nom ».
        self.undo_group.undoTextChanged.connect(
            lambda text: self.undo_action.setText(_step_text("&Annuler", text)))
        self.undo_group.redoTextChanged.connect(
            lambda text: self.redo_action.setText(_step_text("&Rétablir", text)))
        for action in (self.undo_action, self.redo_action, self.next_step_action,
                       self.previous_step_action, self.help_action):
            self.addAction(action)  # shortcuts work even when the menu bar is hidden

    def _build_menus(self) -> None:
        bar = self.menuBar()
        fichier = bar.addMenu("&Fichier")
        fichier.addAction(self.new_action)
        fichier.addAction(self.open_action)
        self.recent_menu = fichier.addMenu("Ouvrir &récent")
        self.recent.attach_menu(self.recent_menu)
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
        edition = bar.addMenu("É&dition")
        edition.addAction(self.undo_action)
        edition.addAction(self.redo_action)
        edition.addSeparator()
        edition.addAction(self.next_step_action)
        edition.addAction(self.previous_step_action)
        edition.addSeparator()
        edition.addAction(self.catalogue_action)
        edition.addSeparator()
        edition.addAction(self.fctva_action)
        aide = bar.addMenu("&Aide")
        aide.addAction(self.help_action)
        aide.addAction(self.about_action)
        self.menus = {"fichier": fichier, "edition": edition, "aide": aide}
