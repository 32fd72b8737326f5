"""The FCTVA estimate under the panel's figures: shown only when the dossier asks for it, and
drawn apart (a rule above, its own italic title: resources/styles/socle.qss) so that nobody adds
it to the State's subsidy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolButton, QWidget

from socle_desktop.domain.fctva import compute_fctva, fctva_unavailable_reason
from socle_desktop.domain.plan import (
    FCTVA_REMAINING,
    FCTVA_TITLE,
    fctva_not_estimated,
    fctva_rows,
)
from socle_desktop.domain.rules import Result
from socle_desktop.gui import theme


class FctvaBox(QFrame):
    """« Hors subvention de l'État : FCTVA estimé, reste à charge après FCTVA »."""

    def __init__(self, session, help_button: QToolButton, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fctva_box")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.session = session
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(0, 1)
        title = QLabel(FCTVA_TITLE)
        title.setProperty("note", "estimate")  # italic, by resources/styles/socle.qss
        theme.set_state(title, "muted")
        title.setWordWrap(True)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(help_button, 0, 2)
        self.amount_name = QLabel("FCTVA estimé")
        self.amount_label = QLabel()
        self.amount_label.setObjectName("fctva_label")
        self.remaining_name = QLabel(FCTVA_REMAINING)
        self.remaining_name.setWordWrap(True)
        self.remaining_label = QLabel()
        self.remaining_label.setObjectName("fctva_remaining_label")
        self.reason_label = QLabel()
        self.reason_label.setObjectName("fctva_reason_label")
        self.reason_label.setWordWrap(True)
        for row, (name, value) in enumerate(
            ((self.amount_name, self.amount_label), (self.remaining_name, self.remaining_label)), 1
        ):
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
        grid.addWidget(self.reason_label, 3, 0, 1, 3)
        self.explanation = ""

    def refresh(self, result: Result) -> None:
        dossier, campaign = self.session.dossier, self.session.campaign
        self.setVisible(dossier.parametres.fctva)
        if not dossier.parametres.fctva:
            self.explanation = ""
            return
        fctva = compute_fctva(dossier, campaign, result)
        reason = fctva_unavailable_reason(dossier, campaign)
        for widget in (
            self.amount_name,
            self.amount_label,
            self.remaining_name,
            self.remaining_label,
        ):
            widget.setVisible(fctva is not None)
        self.reason_label.setVisible(fctva is None)
        if fctva is None:
            self.reason_label.setText(fctva_not_estimated(reason or ""))
            self.explanation = self.reason_label.text()
            return
        words = fctva_rows(fctva)
        self.amount_name.setText(words.short_label)
        self.amount_label.setText(words.amount)
        self.remaining_label.setText(words.remaining)
        self.explanation = fctva.explanation
