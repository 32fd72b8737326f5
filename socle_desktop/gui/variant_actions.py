"""The « Variantes » menu of the main window, and its shortcuts: create (a copy of the variant
shown), rename, delete, retain, switch, compare, and « Remplacer un article partout… ».

An object the window owns (``window.variant_actions``, not a mixin): it needs of the window only
``VariantWindow``, and asks the session for every change, so each is one undoable step saved at
once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from socle_desktop.domain.limits import MAX_VARIANTS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from socle_desktop.gui.session import Session

# Ctrl+Alt+letter is AltGr+letter on a Windows keyboard (€, @, #…): never a shortcut here.
NEXT_KEYS = ("Ctrl+Alt+PgDown", "Ctrl+Alt+PgUp")


class VariantWindow(Protocol):
    """What the « Variantes » menu needs of the window that owns it (a QMainWindow, the parent
    of its actions and dialogs)."""

    session: Session | None

    def export_pdf(self, comparison: bool | None = None) -> None: ...  # from the comparison
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name
    def addAction(self, action: QAction) -> None: ...  # noqa: N802 - Qt's name


class VariantActions(QObject):
    def __init__(self, window: VariantWindow):
        super().__init__(cast(QMainWindow, window))
        self.parent_window = cast(QMainWindow, window)  # of the actions, menu and dialogs
        self.window = window
        self.new_action = self._action(
            "&Nouvelle variante (copie de celle-ci)…",
            self.create,
            "Ctrl+Shift+N",
            "new_variant_action",
        )
        self.rename_action = self._action(
            "&Renommer la variante…", self.rename, None, "rename_variant_action"
        )
        self.delete_action = self._action(
            "&Supprimer la variante", self.delete, None, "delete_variant_action"
        )
        self.retain_action = self._action(
            "Re&tenir cette variante pour le dossier", self.retain, None, "retain_variant_action"
        )
        self.next_action = self._action(
            "Variante su&ivante", lambda: self.step(+1), NEXT_KEYS[0], "next_variant_action"
        )
        self.previous_action = self._action(
            "Variante &précédente", lambda: self.step(-1), NEXT_KEYS[1], "previous_variant_action"
        )
        self.compare_action = self._action(
            "&Comparer les variantes…", self.compare, "Ctrl+Shift+C", "compare_variants_action"
        )
        self.replace_action = self._action(
            "Re&mplacer un article partout…",
            self.replace_article,
            QKeySequence.StandardKey.Replace,
            "replace_action",
        )
        self.number_actions = []
        for n in range(1, MAX_VARIANTS + 1):
            action = self._action(
                f"Variante {n}",
                lambda _c=False, n=n: self.go_to(n - 1),
                f"Alt+{n}",
                f"variant_{n}_action",
            )
            self.number_actions.append(action)
            window.addAction(action)  # not in the menu: Alt+1 … Alt+9
        self.menu = QMenu("&Variantes", self.parent_window)
        self.menu.setObjectName("variants_menu")
        for action in (self.new_action, self.rename_action, self.delete_action, self.retain_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.next_action)
        self.menu.addAction(self.previous_action)
        self.menu.addSeparator()
        self.menu.addAction(self.compare_action)
        self.menu.addAction(self.replace_action)
        for action in (
            self.new_action,
            self.next_action,
            self.previous_action,
            self.compare_action,
            self.replace_action,
        ):
            window.addAction(action)  # shortcuts work even when the menu bar is hidden
        self.update()

    def _action(self, text: str, slot, shortcut, name: str) -> QAction:
        action = QAction(text, self.parent_window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # the window's (QAction's default):
            # naming Qt.ShortcutContext would load the ``Qt`` namespace before the first paint
        action.triggered.connect(slot)
        return action

    # --- state --------------------------------------------------------------------------------

    @property
    def session(self):
        return self.window.session

    def update(self) -> None:
        """Enabled when a dossier is open; changes only when it can be saved."""
        session = self.session
        has = session is not None
        writable = has and not session.read_only
        count = len(session.dossier.variantes) if has else 0
        current_retained = has and session.dossier.courante == session.dossier.retenue
        self.new_action.setEnabled(writable and count < MAX_VARIANTS)
        self.rename_action.setEnabled(writable)
        self.delete_action.setEnabled(writable and count > 1 and not current_retained)
        self.retain_action.setEnabled(writable and not current_retained)
        self.replace_action.setEnabled(writable)
        for action in (self.next_action, self.previous_action):
            action.setEnabled(count > 1)
        self.compare_action.setEnabled(has)
        for n, action in enumerate(self.number_actions):
            action.setEnabled(n < count)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # --- switching ----------------------------------------------------------------------------

    def go_to(self, index: int) -> bool:
        session = self.session
        if session is None or not 0 <= index < len(session.dossier.variantes):
            return False
        variant = session.dossier.variantes[index]
        if session.switch_variant(variant.id):
            self._say(
                f"Variante « {variant.nom} »"
                + (" (retenue)" if variant.id == session.dossier.retenue else "")
            )
        return True

    def step(self, delta: int) -> bool:
        session = self.session
        if session is None:
            return False
        ids = [v.id for v in session.dossier.variantes]
        return self.go_to((ids.index(session.dossier.courante) + delta) % len(ids))

    # --- the edits ----------------------------------------------------------------------------

    def create(self):
        """« Nouvelle variante… »: its name asked, then a copy of the variant shown, which the
        window switches to (one undoable step). Returns the dialog (None: nothing to do)."""
        from socle_desktop.domain import variants  # not before the first paint
        from socle_desktop.domain.validation import InvalidValue
        from socle_desktop.gui.variant_dialogs import NameDialog

        session = self.session
        if session is None or session.read_only:
            return None
        source = session.dossier.variante(session.dossier.courante)

        def apply(text: str) -> str | None:
            try:
                edit = variants.create(session.dossier, text)
            except InvalidValue as error:
                return str(error)
            if not session.edit(edit, switch_to=edit.variante.id):
                return self._failure()
            self._say(
                f"Variante « {edit.variante.nom} » créée, copie de « {source.nom} » : "
                "vous la modifiez maintenant (Ctrl+Z pour annuler)."
            )
            return None

        return self._open(
            NameDialog(
                self.parent_window,
                "Nouvelle variante",
                f"Nom de la nouvelle variante, copie de « {source.nom} » (les mêmes lignes "
                "d'équipement et de services, à modifier ensuite) :",
                variants.free_name(session.dossier),
                "Créer",
                apply,
            )
        )

    def rename(self):
        from socle_desktop.domain import variants  # not before the first paint
        from socle_desktop.gui.variant_dialogs import NameDialog

        session = self.session
        if session is None or session.read_only:
            return None
        current = session.dossier.variante(session.dossier.courante)

        def apply(text: str) -> str | None:
            if text.strip() == current.nom:
                return None
            if not session.edit(variants.rename(session.dossier, current.id, text)):
                return self._failure()
            self._say(f"Variante renommée « {text.strip()} » (Ctrl+Z pour annuler).")
            return None

        return self._open(
            NameDialog(
                self.parent_window,
                "Renommer la variante",
                f"Nouveau nom de la variante « {current.nom} » :",
                current.nom,
                "Renommer",
                apply,
            )
        )

    def _open(self, dialog):
        self.name_dialog = self._replace_dialog("name_dialog", dialog)
        dialog.open()
        return dialog

    def _replace_dialog(self, name: str, dialog):
        """The dialog kept until the next of its kind (a closed one stays readable); once it
        closes, the window and the field that had the keyboard focus have it back."""
        old = getattr(self, name, None)
        if old is not None:
            old.deleteLater()
        focused = QApplication.focusWidget()
        dialog.finished.connect(lambda _result: self._give_back(focused))
        return dialog

    def _give_back(self, widget) -> None:
        self.parent_window.activateWindow()
        try:
            if widget is not None and widget.isVisible() and widget.window() is self.parent_window:
                widget.setFocus()
        except RuntimeError:  # the widget went with a redraw of its page
            pass

    def _failure(self) -> str:
        failure = self.session.last_failure
        return failure.message if failure is not None else "la modification n'a pas été faite"

    def delete(self) -> bool:
        from socle_desktop.domain import variants  # not before the first paint

        session = self.session
        if session is None:
            return False
        current = session.dossier.variante(session.dossier.courante)
        if not session.edit(variants.delete(session.dossier, current.id)):
            self._refused()
            return False
        self._say(f"Variante « {current.nom} » supprimée (Ctrl+Z pour annuler).")
        return True

    def retain(self, variant_id: str | None = None) -> bool:
        from socle_desktop.domain import variants  # not before the first paint

        session = self.session
        if session is None:
            return False
        variant = session.dossier.variante(variant_id or session.dossier.courante)
        if variant.id == session.dossier.retenue:
            return True
        if not session.edit(variants.retain(session.dossier, variant.id)):
            self._refused()
            return False
        self._say(
            f"« {variant.nom} » est la variante retenue : celle du PDF, des exports et du dépôt."
        )
        return True

    def _refused(self) -> None:
        failure = self.session.last_failure
        if failure is not None and failure.kind == "refused":
            self._say(f"Refusé : {failure.message}.")

    # --- dialogs ------------------------------------------------------------------------------

    def compare(self) -> None:
        from socle_desktop.gui.compare_dialog import CompareDialog

        if self.session is None:
            return
        dialog = CompareDialog(self.session, self, self.parent_window)
        self.compare_dialog = self._replace_dialog("compare_dialog", dialog)
        dialog.open()

    def replace_article(self) -> None:
        from socle_desktop.gui.replace_dialog import ReplaceDialog

        if self.session is None or self.session.read_only:
            return
        dialog = ReplaceDialog(self.session, self.parent_window)
        dialog.replaced.connect(self._say)
        self.replace_dialog = self._replace_dialog("replace_dialog", dialog)
        dialog.open()
