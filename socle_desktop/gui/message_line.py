"""A page's one-line message (« Saisie refusée : … », « Ligne supprimée… »), which describes the
present: it is cleared by the next change of the dossier (an edit, an undo), its cause gone."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state


class MessageLine(QObject):
    def __init__(self, label: QLabel, session: Session, parent: QObject | None = None):
        super().__init__(parent or label)
        self.label = label
        session.changed.connect(lambda _result: self.clear())

    def error(self, text: str) -> None:
        self._show(text, "error")

    def info(self, text: str) -> None:
        self._show(text, "ok")

    def _show(self, text: str, state: str) -> None:
        set_state(self.label, state)
        self.label.setText(text)

    def clear(self) -> None:
        if self.label.text():
            self.label.setText("")

    def text(self) -> str:
        return self.label.text()
