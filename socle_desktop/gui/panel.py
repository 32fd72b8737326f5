"""The subsidy panel, beside every page: what the State pays, what remains, and why.

Redrawing is a handful of ``setText`` calls on labels from the one ``Result`` the session
computed; the explanation text is only laid out when the user asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from socle_desktop.domain import presentation
from socle_desktop.domain.plan import FCTVA_REMAINING
from socle_desktop.domain.rules import Result
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state


class SubsidyPanel(QFrame):
    """Six figures, each with a « ? » that shows its explanation below them."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("subsidyPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(290)
        self.session = session
        self._result: Result = session.result
        self._shown: str | None = None  # which explanation is open
        self._text = ""

        layout = QVBoxLayout(self)
        title = QLabel("<b>Plan de financement</b>")
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(0, 1)
        self.buttons: dict[str, QToolButton] = {}
        self.values: dict[str, QLabel] = {}  # the figure of each key of presentation.figures
        self.names: dict[str, QLabel] = {}
        row = 0
        porteur_type = session.dossier.porteur.type
        for figure in presentation.figures(session.result, porteur_type):
            key = which = figure.key
            text = figure.label
            name = QLabel(text)
            name.setWordWrap(True)
            value = QLabel()
            value.setObjectName(f"{key}_label")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = self._help_button(which, text)
            grid.addWidget(name, row, 0)
            grid.addWidget(button, row, 2)
            if figure.big:
                # « 12 345 678,90 € » in large type needs the panel's whole width
                value.setProperty("figure", "big")
                row += 1
                grid.addWidget(value, row, 0, 1, 2)
            else:
                grid.addWidget(value, row, 1)
            row += 1
            name.setBuddy(button)
            self.values[key] = value
            self.buttons[which] = button
            self.names[key] = name
        layout.addLayout(grid)

        values = self.values  # named once for the views and tests that read them
        self.expense_label, self.equipment_label = values["expense"], values["equipment"]
        self.services_label, self.subsidy_label = values["services"], values["subsidy"]
        self.remaining_label, self.rate_label = values["remaining"], values["rate"]

        from socle_desktop.gui.fctva_box import FctvaBox

        fctva_button = self._help_button("fctva", FCTVA_REMAINING)
        self.buttons["fctva"] = fctva_button
        self.fctva_box = FctvaBox(session, fctva_button)
        layout.addWidget(self.fctva_box)

        self.excluded_label = QLabel()
        self.excluded_label.setObjectName("excluded_label")
        self.excluded_label.setWordWrap(True)
        set_state(self.excluded_label, "warning")
        self.excluded_button = self._help_button(
            "excluded", presentation.figure_label("excluded", porteur_type)
        )
        excluded_row = QGridLayout()
        excluded_row.addWidget(self.excluded_label, 0, 0)
        excluded_row.addWidget(self.excluded_button, 0, 1, Qt.AlignmentFlag.AlignTop)
        excluded_row.setColumnStretch(0, 1)
        layout.addLayout(excluded_row)

        self.explanation_title = QLabel()
        self.explanation_title.setObjectName("explanation_title")
        self.explanation_title.setWordWrap(True)
        self.explanation_view = QPlainTextEdit()
        self.explanation_view.setObjectName("explanation_view")
        self.explanation_view.setReadOnly(True)
        self.explanation_view.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding
        )
        hint = QLabel("Cliquez sur « ? » pour savoir d'où vient un chiffre.")
        hint.setObjectName("panelHint")
        hint.setWordWrap(True)
        set_state(hint, "muted")
        self.hint = hint
        layout.addWidget(self.explanation_title)
        layout.addWidget(self.explanation_view, 1)
        layout.addWidget(hint)
        layout.addStretch(0)
        self.explanation_title.hide()
        self.explanation_view.hide()

        session.changed.connect(self.refresh)
        self.refresh(session.result)

    def _help_button(self, which: str, text: str) -> QToolButton:
        button = QToolButton()
        button.setText("?")
        button.setObjectName(f"explain_{which}")
        button.setCheckable(True)
        button.setAccessibleName(f"Expliquer : {text}")
        button.setToolTip(f"Expliquer : {text}")
        button.clicked.connect(lambda checked, w=which: self.explain(w if checked else None))
        return button

    # --- drawing -----------------------------------------------------------------------------

    def refresh(self, result: Result) -> None:
        """Redraw the figures: a few setText, cheap enough for every keystroke."""
        self._result = result
        porteur_type = self._porteur_type()
        for figure in presentation.figures(result, porteur_type):
            self.values[figure.key].setText(figure.value)
            self.names[figure.key].setText(figure.label)
        self.fctva_box.refresh(result)
        if self._shown == "fctva" and not self.fctva_box.isVisibleTo(self):
            self.explain(None)
        self.equipment_label.setToolTip(result.equipment.explanation)
        self.services_label.setToolTip(result.services.explanation)
        excluded = presentation.excluded_summary(result)
        if excluded:
            self.excluded_label.setText(excluded)
        self.excluded_label.setVisible(bool(excluded))
        self.excluded_button.setVisible(bool(excluded))
        if self._shown is not None:
            self._show_text()

    def _porteur_type(self) -> str:
        return self.session.dossier.porteur.type

    def explain(self, which: str | None) -> None:
        """Show (or hide, with None) the explanation of one figure under the figures."""
        self._shown = which
        for key, button in [*self.buttons.items(), ("excluded", self.excluded_button)]:
            button.setChecked(key == which)
        visible = which is not None
        self.explanation_title.setVisible(visible)
        self.explanation_view.setVisible(visible)
        self.hint.setVisible(not visible)
        if visible:
            self._show_text()

    def explanation_text(self) -> str:
        """The explanation shown (as given: QPlainTextEdit turns no-break spaces into spaces)."""
        return self._text if self._shown else ""

    def _show_text(self) -> None:
        if self._shown is None:
            return
        porteur_type = self._porteur_type()
        if self._shown == "fctva":  # not a figure of the State's: the estimate's own box
            title = FCTVA_REMAINING
            text = self.fctva_box.explanation
        else:
            title = presentation.figure_label(self._shown, porteur_type)
            text = presentation.explanation(self._result, self._shown, porteur_type)
        self.explanation_title.setText(f"<b>{title}</b> — d'où vient ce chiffre")
        if text != self._text:
            self._text = text
            # French typography: no line break before « ; » or « : » (no-break spaces).
            self.explanation_view.setPlainText(
                text.replace(" ;", "\u202f;").replace(" :", "\u00a0:")
            )
