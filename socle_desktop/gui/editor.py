"""The editing area of an open dossier: a banner when needed, the wizard beside the panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.gui.panel import SubsidyPanel
from socle_desktop.gui.preferences import settings
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state
from socle_desktop.gui.variant_bar import with_variant_bar
from socle_desktop.gui.wizard import WizardView

PANEL_WIDTH = 300


class DossierEditor(QWidget):
    """Banner (read-only file, temporary example), then the steps and wizard, then the panel.

    The wizard and the panel sit side by side in a splitter: QWizard's own side widget can only
    be on the left, and the panel belongs on the right, where the eye ends each line.
    """

    def __init__(
        self, session: Session, width: int, parent: QWidget | None = None, variant_menu=None
    ):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 0)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        set_state(self.banner, "banner")
        row = QHBoxLayout(self.banner)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton("Enregistrer sous…")  # Ctrl+Maj+S; Alt+S is « Suivant »
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.banner_button)
        column.addWidget(self.banner)
        self.banner.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editor_splitter")
        self.wizard_view = WizardView(session)
        self.wizard = self.wizard_view.wizard
        self.panel = SubsidyPanel(session)
        # the variant shown, above the panel: visible and switched from every page
        self.panel_column = with_variant_bar(session, self.panel, variant_menu)
        self.variant_bar = self.panel_column.variant_bar
        self.splitter.addWidget(self.wizard_view)
        self.splitter.addWidget(self.panel_column)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        state = settings().value("window/splitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([max(600, width - PANEL_WIDTH), PANEL_WIDTH])
        column.addWidget(self.splitter, 1)

    def show_banner(self, html: str | None) -> None:
        """A message above the wizard (rich text), or none."""
        self.banner_label.setText(html or "")
        self.banner.setVisible(bool(html))

    def save_state(self) -> None:
        settings().setValue("window/splitter", self.splitter.saveState())
