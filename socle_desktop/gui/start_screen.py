"""The start screen (no dossier open): new dossier, open a dossier, open the example, recent files.

Built in code rather than from a Designer form: it is on screen before anything else, and loading
a compiled form (its many Qt classes, our custom widgets) would add to a bare window's start time.
It uses no ``Qt`` enum either: that namespace alone takes 15–20 ms to import.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

INTRO = (
    "Préparez le dossier de votre commune pour l'appel à projets « Socle numérique dans les "
    "écoles élémentaires » (2021) et voyez à chaque instant la subvention de l'État et le "
    "reste à charge."
)


class StartScreen(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("start_screen")
        column = QVBoxLayout()
        column.addStretch(1)
        title = QLabel("<h1>Socle</h1>")
        title.setObjectName("title_label")
        intro = QLabel(INTRO)
        intro.setObjectName("intro_label")
        intro.setWordWrap(True)
        intro.setMinimumWidth(520)
        intro.setMaximumWidth(560)
        self.opening_label = QLabel()
        self.opening_label.setObjectName("opening_label")
        self.opening_label.hide()
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(self.opening_label)
        column.addSpacing(8)
        self.new_button = self._button("&Nouveau dossier…", "new_button")
        self.open_button = self._button("&Ouvrir un dossier…", "open_button")
        self.example_button = self._button(
            "Ouvrir l'&exemple (Saint-Exemple-sur-Vilaine)", "example_button"
        )
        for button in (self.new_button, self.open_button, self.example_button):
            column.addWidget(button)
        column.addSpacing(8)
        self.recent_caption = QLabel("Dossiers &récents :")
        self.recent_caption.setObjectName("recent_caption")
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recent_list")
        self.recent_list.setMaximumHeight(170)
        self.recent_caption.setBuddy(self.recent_list)
        column.addWidget(self.recent_caption)
        column.addWidget(self.recent_list)
        column.addStretch(2)
        row = QHBoxLayout(self)
        row.addStretch(1)
        row.addLayout(column)
        row.addStretch(1)
        for before, after in (
            (self.new_button, self.open_button),
            (self.open_button, self.example_button),
            (self.example_button, self.recent_list),
        ):
            QWidget.setTabOrder(before, after)

    def show_opening(self, name: str) -> None:
        """While a file given on the command line opens: say so instead of offering choices."""
        # Rich text on purpose, with the name escaped: a « < » in a file name shows as typed
        # (setting PlainText would need the Qt enum namespace, kept out of the first paint).
        self.opening_label.setText(f"<span>Ouverture de {html.escape(name)}…</span>")
        self.opening_label.show()
        for widget in self._choices():
            widget.hide()

    def show_choices(self, has_recent: bool) -> None:
        self.opening_label.hide()
        for widget in self._choices():
            widget.setVisible(has_recent or widget not in (self.recent_caption, self.recent_list))

    def _choices(self) -> tuple[QWidget, ...]:
        return (
            self.new_button,
            self.open_button,
            self.example_button,
            self.recent_caption,
            self.recent_list,
        )

    @staticmethod
    def _button(text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(40)
        return button
