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

from socle_desktop.domain.model import PorteurType
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import Result
from socle_desktop.gui.session import Session

# (attribute prefix, label shown, what « ? » explains)
FIGURES = (
    ("expense", "Dépense totale", "expense"),
    ("equipment", "Subvention équipement", "equipment"),
    ("services", "Subvention services", "services"),
    ("subsidy", "Subvention totale", "subsidy"),
    ("remaining", "Reste à charge pour la collectivité", "remaining"),
    ("rate", "Taux global", "rate"),
)


BIG_FIGURES = ("subsidy", "remaining")  # in large type, on a line of their own: they must fit


def payer(porteur_type) -> str:
    """Who pays what remains: « la commune », or « la collectivité » (EPCI, RPI, syndicat)."""
    return "la commune" if PorteurType(porteur_type) == PorteurType.COMMUNE else "la collectivité"


def explanation(result: Result, which: str, who: str = "la collectivité") -> str:
    """The French text that explains one figure of the panel (``who`` pays what remains)."""
    eq, sv = result.equipment, result.services
    if which == "equipment":
        return eq.explanation
    if which == "services":
        return sv.explanation
    if which == "expense":
        return (f"Dépense d'équipement : {euros(eq.expense)}.\n"
                f"Dépense de services et ressources : {euros(sv.expense)}.\n"
                f"Dépense totale : {euros(result.expense)}.")
    if which == "subsidy":
        return (f"Subvention équipement {euros(eq.subsidy)} + subvention services "
                f"{euros(sv.subsidy)} = {euros(result.subsidy)}.")
    if which == "remaining":
        return (f"Dépense totale {euros(result.expense)} − subvention totale "
                f"{euros(result.subsidy)} = {euros(result.remaining)} à la charge de {who} "
                "(ce qui dépasse les plafonds, ce qui n'est pas subventionnable et la part non "
                "subventionnée).")
    if which == "rate":
        return (f"Subvention totale {euros(result.subsidy)} ÷ dépense totale "
                f"{euros(result.expense)} = {percent_fr(result.rate, 1)} de la dépense payée par "
                "l'État.")
    if which == "excluded":
        return excluded_text(result)
    raise ValueError(which)


def _name(school) -> str:
    return school.nom.strip() or school.uai or "école sans nom"


def excluded_text(result: Result) -> str:
    lines = [f"• {_name(s)} : {s.excluded_because}." for s in result.schools
             if s.excluded_because]
    if not lines:
        return "Aucune école n'est exclue de la subvention d'équipement."
    return "Écoles exclues de la subvention d'équipement :\n" + "\n".join(lines)


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
        self.names: dict[str, QLabel] = {}
        row = 0
        for key, text, which in FIGURES:
            name = QLabel(text)
            name.setWordWrap(True)
            value = QLabel()
            value.setObjectName(f"{key}_label")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = self._help_button(which, text)
            grid.addWidget(name, row, 0)
            grid.addWidget(button, row, 2)
            if key in BIG_FIGURES:
                # « 12 345 678,90 € » in large type needs the panel's whole width
                value.setStyleSheet("font-weight: bold; font-size: 12pt;")
                row += 1
                grid.addWidget(value, row, 0, 1, 2)
            else:
                grid.addWidget(value, row, 1)
            row += 1
            name.setBuddy(button)
            setattr(self, f"{key}_label", value)
            self.buttons[which] = button
            self.names[key] = name
        layout.addLayout(grid)

        self.excluded_label = QLabel()
        self.excluded_label.setObjectName("excluded_label")
        self.excluded_label.setWordWrap(True)
        self.excluded_label.setStyleSheet("color: #a04000;")
        self.excluded_button = self._help_button("excluded", "Écoles exclues")
        row = QGridLayout()
        row.addWidget(self.excluded_label, 0, 0)
        row.addWidget(self.excluded_button, 0, 1, Qt.AlignmentFlag.AlignTop)
        row.setColumnStretch(0, 1)
        layout.addLayout(row)

        self.explanation_title = QLabel()
        self.explanation_title.setObjectName("explanation_title")
        self.explanation_title.setWordWrap(True)
        self.explanation_view = QPlainTextEdit()
        self.explanation_view.setObjectName("explanation_view")
        self.explanation_view.setReadOnly(True)
        self.explanation_view.setSizePolicy(QSizePolicy.Policy.Preferred,
                                            QSizePolicy.Policy.Expanding)
        hint = QLabel("Cliquez sur « ? » pour savoir d'où vient un chiffre.")
        hint.setObjectName("panelHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
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
        self.expense_label.setText(euros(result.expense))
        self.equipment_label.setText(euros(result.equipment.subsidy))
        self.services_label.setText(euros(result.services.subsidy))
        self.subsidy_label.setText(euros(result.subsidy))
        self.remaining_label.setText(euros(result.remaining))
        self.rate_label.setText(percent_fr(result.rate, 1))
        self.names["remaining"].setText(f"Reste à charge pour {self._payer()}")
        self.equipment_label.setToolTip(result.equipment.explanation)
        self.services_label.setToolTip(result.services.explanation)
        excluded = [s for s in result.schools if s.excluded_because]
        if excluded:
            names = ", ".join(_name(s) for s in excluded[:3]) + (" …" if len(excluded) > 3 else "")
            count = len(excluded)
            self.excluded_label.setText(
                f"{count} école{'s' if count > 1 else ''} exclue{'s' if count > 1 else ''} "
                f"de la subvention d'équipement : {names}")
        self.excluded_label.setVisible(bool(excluded))
        self.excluded_button.setVisible(bool(excluded))
        if self._shown is not None:
            self._show_text()

    def _payer(self) -> str:
        return payer(self.session.dossier.porteur.type)

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
        titles = {key: text for _attr, text, key in FIGURES}
        titles["remaining"] = f"Reste à charge pour {self._payer()}"
        titles["excluded"] = "Écoles exclues"
        self.explanation_title.setText(f"<b>{titles[self._shown]}</b> — d'où vient ce chiffre")
        text = explanation(self._result, self._shown, self._payer())
        if text != self._text:
            self._text = text
            # French typography: no line break before « ; » or « : » (no-break spaces).
            self.explanation_view.setPlainText(text.replace(" ;", "\u202f;")
                                               .replace(" :", "\u00a0:"))
