"""Page 4 « Équipement de l'école »: the shared equipment of each school and what it already has."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton

from socle_desktop.domain import edits
from socle_desktop.domain.diagnostic import STATUS_LABELS, Status, diagnose_school
from socle_desktop.domain.model import CatalogueItem, Existant, School
from socle_desktop.domain.rules import Result
from socle_desktop.gui.forms import load_form
from socle_desktop.gui.models.lines import COL_QUANTITE, category_label
from socle_desktop.gui.pages.common import (
    ERROR_STYLE,
    OK_STYLE,
    WARNING_STYLE,
    SchoolPage,
    chain_tab_order,
    school_equipment_summary,
)
from socle_desktop.gui.pages.lines_editor import LinesEditor, available_articles

EXISTANT_LABELS = {
    Existant.ABSENT: "Absent",
    Existant.PRESENT: "Présent",
    Existant.OBSOLETE: "Obsolète",
}
STATUS_STYLES = {
    Status.COVERED: OK_STYLE,
    Status.PARTIAL: WARNING_STYLE,
    Status.MISSING: ERROR_STYLE,
    Status.OPTIONAL: "color: #6b6b6b;",
}
MOBILES = "terminaux_mobiles"
ALL_CATEGORIES = "Toutes les catégories"


def mobile_suggestion(item, classes: int) -> tuple[int, int, int]:
    """(minimum, advised, maximum) mobile devices for ``classes`` cycle 2–3 classes."""
    groups = math.ceil(classes / 4) if classes else 0
    return (item.par_4_classes_min * groups, item.par_4_classes_conseil * groups,
            item.par_4_classes_max * groups)


class EquipementEcolePage(SchoolPage):
    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Équipement de l'école",
            "Terminaux mobiles partagés et leur gestion, wifi et réseau, bureau de la direction, "
            "périphériques ; et ce que l'école possède déjà.",
            parent=parent,
        )
        form = self.form = load_form("equipement_ecole_page", self)
        self._init_school_selector(form)
        self.summary_label: QLabel = form.findChild(QLabel, "summary_label")

        # mobile devices: the socle's rule of thumb and a « Proposer » button
        self.mobiles_label: QLabel = form.findChild(QLabel, "mobiles_label")
        self.suggest_button: QPushButton = form.findChild(QPushButton, "suggest_button")
        self.suggest_button.clicked.connect(self.suggest_mobiles)

        # the school-level lines, filtered by socle category
        self.category_combo: QComboBox = form.findChild(QComboBox, "category_combo")
        self.category_combo.addItem(ALL_CATEGORIES, None)
        for item in session.campaign.socle:
            if item.niveau == "ecole" and item.volet == "equipement":
                self.category_combo.addItem(category_label(item.id), item.id)
                self.category_combo.setItemData(self.category_combo.count() - 1, item.libelle,
                                                Qt.ItemDataRole.ToolTipRole)
        self.category_combo.addItem(category_label("autre"), "autre")
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)

        self._init_lines_editor(
            form, LinesEditor(session, "ecole", "equipement", self._default_quantity))

        # what the school already has (the diagnostic): one row per socle item, from the rules
        self.existant_combos: dict[str, QComboBox] = {}
        self.status_labels: dict[str, QLabel] = {}
        grid: QGridLayout = form.findChild(QGridLayout, "existant_grid")
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
        order = [self.category_combo, *self.lines_editor.tab_widgets(),
                 *self.existant_combos.values()]
        chain_tab_order(order)
        self.redraw(session.result)

    # --- reading ---------------------------------------------------------------------------

    def _mobile_lines(self, school: School):
        catalogue = self.session.dossier.catalogue
        return [line for line in school.lignes
                if line.article in catalogue and catalogue[line.article].categorie == MOBILES]

    def suggested_mobiles(self, school: School) -> tuple[int, int, int]:
        item = self.session.campaign.socle_item(MOBILES)
        if item is None:
            return (0, 0, 0)
        return mobile_suggestion(item, school.cycle_2_3_classes)

    def _default_quantity(self, item: CatalogueItem) -> int:
        """Advised number of mobile devices; one licence per planned device for MDM."""
        school = self.current_school()
        if school is None:
            return 1
        if item.categorie == MOBILES:
            return max(1, self.suggested_mobiles(school)[1])
        if item.unite == "appareil":
            return max(1, sum(line.quantite for line in self._mobile_lines(school)))
        return 1

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self, result: Result) -> None:
        self.school_selector.update_schools(self.session.dossier.ecoles)
        school = self.current_school()
        text, style = school_equipment_summary(result.school(school.id) if school else None)
        if school is None:
            text, style = "Ajoutez d'abord une école à l'étape « Écoles ».", ""
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet(style)
        writable = school is not None and not self.session.read_only
        self.lines_editor.set_target(school.id if school else "", "lignes",
                                     school.lignes if school else [])
        self._draw_mobiles(school)
        self._draw_existant(school)
        for combo in self.existant_combos.values():
            combo.setEnabled(writable)

    def _draw_mobiles(self, school: School | None) -> None:
        if school is None:
            self.mobiles_label.setText("")
            self.suggest_button.setEnabled(False)
            return
        low, advised, high = self.suggested_mobiles(school)
        planned = sum(line.quantite for line in self._mobile_lines(school))
        classes = school.cycle_2_3_classes
        if not classes:
            self.mobiles_label.setText(
                "Terminaux mobiles : l'école n'a pas encore de classe de cycles 2 et 3.")
            self.suggest_button.setText("P&roposer")
            self.suggest_button.setEnabled(False)
            return
        self.mobiles_label.setText(
            f"Terminaux mobiles partagés : pour {classes} classe{'s' if classes > 1 else ''} de "
            f"cycles 2 et 3, le socle prévoit de {low} à {high} appareils ({advised} conseillés). "
            f"Prévus : {planned}."
        )
        self.mobiles_label.setStyleSheet(OK_STYLE if planned >= low else WARNING_STYLE)
        self.suggest_button.setText(f"P&roposer {advised} terminaux")
        self.suggest_button.setEnabled(not self.session.read_only and planned != advised)

    def _draw_existant(self, school: School | None) -> None:
        # only this school's diagnostic: session.diagnostics() would diagnose every school
        diagnostic = (diagnose_school(school, self.session.dossier, self.session.campaign)
                      if school else None)
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
            label.setStyleSheet(STATUS_STYLES[d.status])

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
        self.session.edit(edits.Batch(
            (edits.SetField("ecole", school.id, "existant", existant, label),), label))

    def suggest_mobiles(self) -> None:
        """Set the advised quantity on the mobile devices line (adding a tablet line if none)."""
        school = self.current_school()
        if school is None or not school.cycle_2_3_classes:
            return
        advised = self.suggested_mobiles(school)[1]
        lines = self._mobile_lines(school)
        if lines:
            others = sum(line.quantite for line in lines[1:])
            quantity = max(0, advised - others)
            label = "Proposer la quantité de terminaux mobiles"
            self.session.edit(edits.Batch(
                (edits.SetField("ligne", lines[0].id, "quantite", quantity, label),), label))
            self.lines_editor.select_line(lines[0].id, COL_QUANTITE)
            return
        items = available_articles(self.session, "ecole", "equipement", {MOBILES})
        if items:
            self.lines_editor.add_article(items[0], advised)
