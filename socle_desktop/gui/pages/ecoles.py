"""Page 2 — Écoles: the list of the project's schools, and a form for the selected one."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
)

from socle_desktop.domain.edits import Insert, Remove
from socle_desktop.domain.model import SECTEUR_LABELS, Dossier, School, Secteur
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.rules import Result
from socle_desktop.domain.validation import uai_check_letter_ok
from socle_desktop.gui import dialogs
from socle_desktop.gui.field_binding import FieldBinding, sentence
from socle_desktop.gui.pages.common import LazyPage
from socle_desktop.gui.theme import set_state

_ROOT = QModelIndex()  # the invisible root: these models are flat tables
COLUMNS = ("Nom", "UAI", "Commune", "Secteur", "Élèves", "Classes CP–CM2")


class SchoolsModel(QAbstractTableModel):
    """The dossier's schools as rows; it shows them and holds no rule of its own."""

    def __init__(self, dossier: Dossier, parent=None):
        super().__init__(parent)
        self.dossier = dossier
        self._ids: list[str] = [s.id for s in dossier.ecoles]

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def school(self, row: int) -> School | None:
        ecoles = self.dossier.ecoles
        return ecoles[row] if 0 <= row < len(ecoles) else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        school = self.school(index.row())
        if school is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return school.nom or "(sans nom)"
            if column == 1:
                return school.uai
            if column == 2:
                commune = self.dossier.commune(school.commune)
                return commune.nom if commune else "(à choisir)"
            if column == 3:
                return SECTEUR_LABELS[Secteur(school.secteur)]
            if column == 4:
                return str(school.eleves)
            if column == 5:
                return str(school.cycle_2_3_classes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sync(self) -> None:
        """Follow the dossier: a cheap repaint when the same schools are there, else a reset."""
        ids = [s.id for s in self.dossier.ecoles]
        if ids == self._ids:
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()


class EcolesPage(LazyPage):
    STEP = "ecoles"

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Écoles",
            "Les écoles du projet : ajoutez-les, puis complétez chacune.",
            parent=parent,
        )

    def build(self) -> None:
        """The page's widgets, made on its first visit (``DossierPage.ensure_built``)."""
        # Imported on the first visit: the start shows one page, and imports only its own widgets.
        from socle_desktop.gui.forms import load_form
        from socle_desktop.gui.generated.ui_ecoles_page import Ui_EcolesForm
        from socle_desktop.gui.message_line import MessageLine
        from socle_desktop.gui.widgets import CountEdit

        session = self.session
        form = self.form = load_form(Ui_EcolesForm(), self)
        self.table: QTableView = form.ecoles_table
        self.model = SchoolsModel(session.dossier, self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)  # names can be long
        header.resizeSection(2, 170)
        header.setMinimumSectionSize(60)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        self.add_button: QPushButton = form.add_button
        self.remove_button: QPushButton = form.remove_button
        self.import_button: QPushButton = form.import_button
        self.import_dialog = None
        if session.read_only:
            self.import_button.setEnabled(False)
            self.import_button.setToolTip(
                "Dossier en lecture seule : enregistrez-en une copie "
                "(Fichier › Enregistrer sous…) pour importer des "
                "écoles."
            )
        self.nom_edit: QLineEdit = form.nom_edit
        self.uai_edit: QLineEdit = form.uai_edit
        self.uai_message: QLabel = form.uai_message
        self.commune_combo: QComboBox = form.commune_combo
        self.secteur_combo: QComboBox = form.secteur_combo
        self.eleves_edit: CountEdit = form.eleves_edit
        self.eleves_edit.kind, self.eleves_edit.field = "ecole", "eleves"
        self.eleves_message: QLabel = form.eleves_message
        self.school_message = MessageLine(form.school_message, session, self)
        self.school_box: QGroupBox = form.school_box
        # A 200-character commune name must not widen the page beyond the screen.
        self.commune_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.commune_combo.setMinimumContentsLength(16)
        for secteur, label in SECTEUR_LABELS.items():
            self.secteur_combo.addItem(label, secteur.value)

        self.add_button.clicked.connect(self.add_school)
        self.remove_button.clicked.connect(self.remove_school)
        self.import_button.clicked.connect(self.open_import)
        school_id = self._current_id
        self.nom_binding = FieldBinding(
            self.nom_edit,
            session,
            "ecole",
            "nom",
            school_id,
            "Modifier le nom de l'école",
            parent=self,
        )
        self.uai_binding = FieldBinding(
            self.uai_edit,
            session,
            "ecole",
            "uai",
            school_id,
            "Modifier l'UAI",
            live_text=str.upper,
            parent=self,
        )
        self.eleves_binding = FieldBinding(
            self.eleves_edit,
            session,
            "ecole",
            "eleves",
            school_id,
            "Modifier le nombre d'élèves",
            parent=self,
        )
        self.nom_binding.stateChanged.connect(
            lambda: (
                self.school_message.error(sentence(self.nom_binding.error))
                if self.nom_binding.error
                else self.school_message.clear()
            )
        )
        self.uai_binding.stateChanged.connect(self._show_uai)
        self.eleves_binding.stateChanged.connect(self._show_eleves)
        for binding in (self.nom_binding, self.uai_binding, self.eleves_binding):
            binding.notice.connect(self.school_message.info)
        self.commune_combo.activated.connect(
            lambda i: self._set(
                "commune", self.commune_combo.itemData(i), "Changer la commune de l'école"
            )
        )
        self.secteur_combo.activated.connect(
            lambda i: self._set(
                "secteur", Secteur(self.secteur_combo.itemData(i)), "Changer le secteur de l'école"
            )
        )
        self.redraw(session.result)

    # --- selection ---------------------------------------------------------------------------

    def current_school(self) -> School | None:
        index = self.table.currentIndex()
        return self.model.school(index.row()) if index.isValid() else None

    def show_school(self, school_id: str, class_id: str = "") -> None:
        """Select this school (an undo took place there)."""
        rows = [s.id for s in self.session.dossier.ecoles]
        if school_id in rows and self._current_id() != school_id:
            self.select_school(rows.index(school_id))

    def _current_id(self) -> str | None:
        school = self.current_school()
        return school.id if school is not None else None

    def select_school(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
        self._show_selected()

    # --- from the user to the dossier --------------------------------------------------------

    def _set(self, field: str, value, label: str) -> None:
        school = self.current_school()
        if school is not None and not self.session.set_field(
            "ecole", school.id, field, value, label
        ):
            failure = self.session.last_failure
            if failure is not None and failure.kind == "refused":
                self.school_message.error(sentence(failure.message))
            self._show_selected()  # the combo shows the saved choice again

    def _show_eleves(self) -> None:
        error = self.eleves_binding.error
        set_state(self.eleves_message, "error" if error else "")
        self.eleves_message.setText(sentence(error) if error else "")

    def add_school(self) -> None:
        dossier = self.session.dossier
        commune = dossier.communes[0].insee if dossier.communes else ""
        school = School(nom="", uai="", commune=commune)
        if self.session.edit(
            Insert("ecole", "", "ecoles", len(dossier.ecoles), school, "Ajouter une école")
        ):
            self.select_school(len(dossier.ecoles) - 1)
            self.nom_edit.setFocus()

    def remove_school(self) -> None:
        school = self.current_school()
        if school is None:
            return
        classes = len(school.classes)
        lines = len(school.equipment_lines()) + len(school.services)
        name = school.nom or "sans nom"
        answer = dialogs.question(
            self,
            "Supprimer l'école",
            f"Supprimer l'école « {name} » ?\n\n"
            f"Ses classes ({plural(classes, 'classe')}) et ses lignes d'équipement et de "
            f"services ({plural(lines, 'ligne')}) seront supprimées aussi.\n"
            "Vous pourrez revenir en arrière avec Édition › Annuler (Ctrl+Z).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.table.currentIndex().row()
        if self.session.edit(Remove("ecole", school.id, f"Supprimer l'école {name}")):
            self.select_school(min(row, len(self.session.dossier.ecoles) - 1))

    def open_import(self) -> None:
        """The open-data import dialog; its one edit comes back through the session."""
        if self.session.read_only:
            return
        from socle_desktop.gui.import_ecoles_dialog import ImportEcolesDialog

        dialog = self.import_dialog = ImportEcolesDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        before = len(self.session.dossier.ecoles)
        dialog.accepted.connect(lambda: self._show_imported(before))
        dialog.open()

    def _show_imported(self, before: int) -> None:
        if len(self.session.dossier.ecoles) > before:  # the first school added
            self.select_school(before)

    # --- from the dossier to the widgets -----------------------------------------------------

    def redraw(self, result: Result) -> None:
        """The list and the selected school (only while shown: 2 000 rows cost)."""
        current = self.current_school()
        self.model.sync()
        ecoles = self.session.dossier.ecoles
        if ecoles and (current is None or current not in ecoles):
            self.table.setCurrentIndex(self.model.index(0, 0))
        elif current is not None:
            row = ecoles.index(current)
            if self.table.currentIndex().row() != row:
                self.table.setCurrentIndex(self.model.index(row, 0))
        self._fill_communes()
        self._show_selected()

    def _fill_communes(self) -> None:
        communes = [(c.nom, c.insee) for c in self.session.dossier.communes]
        shown = [
            (self.commune_combo.itemText(i), self.commune_combo.itemData(i))
            for i in range(self.commune_combo.count())
        ]
        if communes != shown:
            self.commune_combo.clear()
            for nom, insee in communes:
                self.commune_combo.addItem(nom, insee)

    def _show_selected(self) -> None:
        school = self.current_school()
        has = school is not None
        for widget in (
            self.nom_edit,
            self.uai_edit,
            self.commune_combo,
            self.secteur_combo,
            self.eleves_edit,
            self.remove_button,
        ):
            widget.setEnabled(has)
        for binding in (self.nom_binding, self.uai_binding, self.eleves_binding):
            binding.refresh()
        self._show_uai()
        self._show_eleves()
        if not has:
            return
        index = self.commune_combo.findData(school.commune)
        self.commune_combo.setCurrentIndex(index)
        self.secteur_combo.setCurrentIndex(
            self.secteur_combo.findData(Secteur(school.secteur).value)
        )

    def _show_uai(self) -> None:
        """The refusal of the text being typed, else what the saved UAI is worth."""
        school = self.current_school()
        if school is None:
            self.uai_message.setText("")
            return
        uai = school.uai
        if self.uai_binding.error:
            set_state(self.uai_message, "error")
            self.uai_message.setText(sentence(self.uai_binding.error))
        elif not uai:
            set_state(self.uai_message, "error")
            self.uai_message.setText("Saisissez l'UAI (7 chiffres et une lettre).")
        elif not uai_check_letter_ok(uai):
            set_state(self.uai_message, "warning")
            self.uai_message.setText(
                "Attention : la lettre de contrôle ne correspond pas, vérifiez l'UAI."
            )
        else:
            set_state(self.uai_message, "ok")
            self.uai_message.setText("UAI valide")
