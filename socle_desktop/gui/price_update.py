"""After a catalogue price changes: how many lines still have the old price, and the offer to
bring them to the new one, in the variant shown or in all of them (one undoable step each time).
The lines to change are ``line_tools.price_update``'s; nothing is decided here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from socle_desktop.domain import line_tools
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state


class PriceUpdateOffer(QWidget):
    """Hidden until ``offer(article_id)`` finds lines at another price than the catalogue's."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("price_update_offer")
        self.session = session
        self.article_id = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("price_update_label")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        set_state(self.label, "warning")
        column.addWidget(self.label)
        row = QHBoxLayout()
        self.here_button = QPushButton()
        self.here_button.setObjectName("update_here_button")
        self.all_button = QPushButton()
        self.all_button.setObjectName("update_all_button")
        self.keep_button = QPushButton("Garder les prix des lignes")
        self.keep_button.setObjectName("keep_prices_button")
        for button in (self.here_button, self.all_button, self.keep_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.here_button.clicked.connect(lambda: self.update_lines(everywhere=False))
        self.all_button.clicked.connect(lambda: self.update_lines(everywhere=True))
        self.keep_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, article_id: str) -> bool:
        """Show the offer if lines of ``article_id`` have another price; True if shown."""
        dossier = self.session.dossier
        here = line_tools.price_update(dossier, article_id, everywhere=False)
        everywhere = line_tools.price_update(dossier, article_id, everywhere=True)
        if not everywhere.total or self.session.read_only:
            self.hide()
            return False
        self.article_id = article_id
        item = dossier.catalogue[article_id]
        self.label.setText(line_tools.price_question(here, everywhere, item.libelle))
        self.here_button.setText(f"Mettre à jour cette variante ({here.current})")
        self.here_button.setVisible(bool(here.current))
        self.all_button.setText(f"Mettre à jour toutes les variantes ({everywhere.total})")
        self.all_button.setVisible(len(dossier.variantes) > 1 and bool(everywhere.others))
        self.keep_button.show()
        set_state(self.label, "warning")
        self.show()
        return True

    def update_lines(self, everywhere: bool) -> bool:
        change = line_tools.price_update(self.session.dossier, self.article_id, everywhere)
        if change.edit is None or not self.session.edit(change.edit):
            return False
        self.label.setText(line_tools.price_updated(change))
        set_state(self.label, "ok")
        for button in (self.here_button, self.all_button, self.keep_button):
            button.hide()
        return True
