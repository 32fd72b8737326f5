"""Page 4 « Équipement de l'école »: the shared equipment of each school and what it already has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton

from socle_desktop.domain import edits
from socle_desktop.domain.catalogue import OTHER
from socle_desktop.domain.diagnostic import STATUS_LABELS, Status, diagnose_school
from socle_desktop.domain.model import Existant, School
from socle_desktop.domain.presentation import STATUS_STATES, category_label, plural
from socle_desktop.domain.rules import Result
from socle_desktop.domain.suggestions import mobile_advice, suggest_mobiles
from socle_desktop.gui.models.lines import COL_QUANTITE
from socle_desktop.gui.pages.common import SchoolPage, chain_tab_order
from socle_desktop.gui.theme import set_state

EXISTANT_LABELS = {
    Existant.ABSENT: "Absent",
    Existant.PRESENT: "Présent",
    Existant.OBSOLETE: "Obsolète",
}
ALL_CATEGORIES = "Toutes les catégories"


class EquipementEcolePage(SchoolPage):
    STEP = "equipement_ecole"

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Équipement de l'école",
            "Terminaux mobiles partagés et leur gestion, wifi et réseau, bureau de la direction, "
            "périphériques ; et ce que l'école possède déjà.",
            parent=parent,
        )

    def build(self) -> None:
        """The page's widgets, made on its first visit (``DossierPage.ensure_built``)."""
        # Imported on the first visit: the start shows one page, and imports only its own widgets.
        from socle_desktop.gui.forms import load_form
        from socle_desktop.gui.generated.ui_equipement_ecole_page import Ui_EquipementEcoleForm
        from socle_desktop.gui.pages.lines_editor import LinesEditor

        session = self.session
        form = self.form = load_form(Ui_EquipementEcoleForm(), self)
        self._init_school_selector(form)
        self.summary_label: QLabel = form.summary_label

        # mobile devices: the socle's rule of thumb and a « Proposer » button
        self.mobiles_label: QLabel = form.mobiles_label
        self.suggest_button: QPushButton = form.suggest_button
        self.suggest_button.clicked.connect(self.suggest_mobiles)

        # the school-level lines, filtered by socle category
        self.category_combo: QComboBox = form.category_combo
        self.category_combo.addItem(ALL_CATEGORIES, None)
        for item in session.campaign.socle:
            if item.niveau == "ecole" and item.volet == "equipement":
                self.category_combo.addItem(category_label(item.id), item.id)
                self.category_combo.setItemData(
                    self.category_combo.count() - 1, item.libelle, Qt.ItemDataRole.ToolTipRole
                )
        self.category_combo.addItem(category_label(OTHER), OTHER)
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)

        self._init_lines_editor(
            form, LinesEditor(session, "ecole", "equipement", self.current_school)
        )

        # what the school already has (the diagnostic): one row per socle item, from the rules
        self.existant_combos: dict[str, QComboBox] = {}
        self.status_labels: dict[str, QLabel] = {}
        grid: QGridLayout = form.existant_grid
        half = (len(session.campaign.socle) + 1) // 2
        for index, item in enumerate(session.campaign.socle):
            row, col = index % half, 4 * (index // half)
            name = QLabel(category_label(item.id) + (" (facultatif)" if item.facultatif else ""))
            name.setToolTip(item.libelle)
            combo = QComboBox()
            combo.setAccessibleName(f"Existant : {item.libelle}")
            combo.setToolTip(f"Ce que l'école possède déjà : {item.libelle}")
            for state, text in EXISTANT_LABELS.items():
                combo.addItem(text, state)
            combo.activated.connect(lambda _i, item_id=item.id: self._on_existant(item_id))
            name.setBuddy(combo)
            status = QLabel()
            status.setToolTip("Avec le projet : ce que l'école aura (existant et prévu)")
            self.existant_combos[item.id] = combo
            self.status_labels[item.id] = status
            grid.addWidget(name, row, col)
            grid.addWidget(combo, row, col + 1)
            grid.addWidget(status, row, col + 2)
        grid.setColumnMinimumWidth(3, 16)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(6, 1)

        # the form's tab order, with the lines editor and the diagnostic's combos joined in
        order = [
            self.category_combo,
            *self.lines_editor.tab_widgets(),
            *self.existant_combos.values(),
        ]
        chain_tab_order(order)
        self.redraw(session.result)

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self, result: Result) -> None:
        self.school_selector.update_schools(self.session.dossier.ecoles)
        school = self._draw_summary(self.summary_label, result)
        writable = school is not None and not self.session.read_only
        self.lines_editor.set_target(
            school.id if school else "", "lignes", school.lignes if school else []
        )
        self._draw_mobiles(school)
        self._draw_existant(school)
        for combo in self.existant_combos.values():
            combo.setEnabled(writable)

    def _draw_mobiles(self, school: School | None) -> None:
        if school is None:
            self.mobiles_label.setText("")
            self.suggest_button.setEnabled(False)
            return
        advice = mobile_advice(school, self.session.dossier, self.session.campaign)
        low, advised, high, planned = advice.low, advice.advised, advice.high, advice.planned
        classes = advice.classes
        if not classes:
            self.mobiles_label.setText(
                "Terminaux mobiles : l'école n'a pas encore de classe de cycles 2 et 3."
            )
            self.suggest_button.setText("P&roposer")
            self.suggest_button.setEnabled(False)
            return
        self.mobiles_label.setText(
            f"Terminaux mobiles partagés : pour {plural(classes, 'classe')} de cycles 2 et 3, "
            f"le socle prévoit de {low} à {high} appareils ({advised} conseillés). "
            f"Prévus : {planned}."
        )
        set_state(self.mobiles_label, "ok" if advice.enough else "warning")
        self.suggest_button.setText(f"P&roposer {advised} terminaux")
        self.suggest_button.setEnabled(not self.session.read_only and planned != advised)

    def _draw_existant(self, school: School | None) -> None:
        # only this school's diagnostic: session.diagnostics() would diagnose every school
        diagnostic = (
            diagnose_school(school, self.session.dossier, self.session.campaign) if school else None
        )
        by_item = {d.item.id: d for d in diagnostic.items} if diagnostic else {}
        for item_id, combo in self.existant_combos.items():
            state = school.existant.get(item_id, Existant.ABSENT) if school else Existant.ABSENT
            index = combo.findData(state)
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)
            label = self.status_labels[item_id]
            d = by_item.get(item_id)
            if d is None:
                label.setText("")
                continue
            text = STATUS_LABELS[d.status]
            if d.status == Status.PARTIAL:
                text += f" ({d.planned} sur {d.needed})"
            elif d.status == Status.MISSING and d.needed > 1:
                text += f" ({d.needed} à prévoir)"
            label.setText(text)
            set_state(label, STATUS_STATES[d.status])

    def _on_category_changed(self, _index: int) -> None:
        category = self.category_combo.currentData()
        self.lines_editor.set_categories({category} if category else None)
        self.redraw(self.session.result)

    # --- editing ---------------------------------------------------------------------------

    def _on_existant(self, item_id: str) -> None:
        school = self.current_school()
        if school is None:
            return
        state = Existant(self.existant_combos[item_id].currentData())
        existant = dict(school.existant)  # a new dict: the old one stays intact for undo
        existant[item_id] = state
        if existant == school.existant:
            return
        item = self.session.campaign.socle_item(item_id).libelle
        label = f"Existant : {item} — {EXISTANT_LABELS[state].lower()}"
        # a Batch, so that each choice is its own undo step (SetFields of a field merge)
        self.session.edit(
            edits.Batch((edits.SetField("ecole", school.id, "existant", existant, label),), label)
        )

    def suggest_mobiles(self) -> None:
        """Set the advised quantity on the mobile devices line (adding a tablet line if none)."""
        school = self.current_school()
        if school is None:
            return
        proposal = suggest_mobiles(school, self.session.dossier, self.session.campaign)
        if isinstance(proposal, edits.Batch):
            self.session.edit(proposal)
            self.lines_editor.select_line(proposal.edits[0].id, COL_QUANTITE)
        elif proposal is not None:
            item, quantity = proposal
            self.lines_editor.add_article(item, quantity)
