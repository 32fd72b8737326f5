"""Page 3 « Classes et équipement des classes »: per school, its classes and each class's lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
)

from socle_desktop.domain import edits
from socle_desktop.domain.model import Classroom
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.rules import Result
from socle_desktop.domain.suggestions import new_class
from socle_desktop.gui.models.classes import (
    COL_ELEVES,
    COL_MONTANT,
    COL_NOM,
)
from socle_desktop.gui.pages.common import (
    SchoolPage,
    chain_tab_order,
    elide,
)

if TYPE_CHECKING:
    from socle_desktop.gui.tables import EditTable

TITLE = "Équipement de la classe « {} »"
TITLE_MARGIN = 40  # the group box's frame and padding around its title


class ClassesPage(SchoolPage):
    STEP = "classes"

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Classes et équipement des classes",
            "Pour chaque école, saisissez ses classes, puis l'équipement prévu dans chaque classe "
            "(système de projection, ordinateur de l'enseignant).",
            parent=parent,
        )

    def build(self) -> None:
        """The page's widgets, made on its first visit (``DossierPage.ensure_built``)."""
        # Imported on the first visit: the start shows one page, and imports only its own widgets.
        from socle_desktop.gui.field_delegate import FieldDelegate
        from socle_desktop.gui.forms import load_form
        from socle_desktop.gui.generated.ui_classes_page import Ui_ClassesForm
        from socle_desktop.gui.message_line import MessageLine
        from socle_desktop.gui.models.classes import FIRST_LEVEL, ClassesModel
        from socle_desktop.gui.pages.check_delegate import CenteredCheckDelegate
        from socle_desktop.gui.pages.lines_editor import LinesEditor

        session = self.session
        self._class_id = ""

        form = self.form = load_form(Ui_ClassesForm(), self)
        self._init_school_selector(form, self._on_school_changed)
        self.summary_label: QLabel = form.summary_label

        # the classes of the school
        self.classes_model = ClassesModel(session, self)
        self.classes_table: EditTable = form.classes_table
        self.classes_table.setModel(self.classes_model)
        self.pupils_delegate = FieldDelegate(
            session,
            "classe",
            "eleves",
            "Modifier les élèves",
            self._class_at,
            "count",
            self.classes_table,
        )
        self.name_delegate = FieldDelegate(
            session,
            "classe",
            "nom",
            "Renommer la classe",
            self._class_at,
            "text",
            self.classes_table,
        )
        self.classes_table.setItemDelegateForColumn(COL_ELEVES, self.pupils_delegate)
        self.classes_table.setItemDelegateForColumn(COL_NOM, self.name_delegate)
        self.classes_table.deleteRequested.connect(self.remove_current_class)
        header = self.classes_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NOM, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(30)
        self.check_delegate = CenteredCheckDelegate(self.classes_table)
        for col in range(FIRST_LEVEL, COL_ELEVES):
            self.classes_table.setColumnWidth(col, 44)
            self.classes_table.setItemDelegateForColumn(col, self.check_delegate)
        self.classes_table.selectionModel().currentRowChanged.connect(self._on_class_changed)
        self.add_class_button: QPushButton = form.add_class_button
        self.add_class_button.clicked.connect(self.add_class)
        self.remove_class_button: QPushButton = form.remove_class_button
        self.remove_class_button.clicked.connect(self.remove_current_class)
        self.classes_message: QLabel = form.classes_message
        self.message = MessageLine(self.classes_message, session, self)
        for delegate in (self.pupils_delegate, self.name_delegate):
            delegate.invalid.connect(
                lambda m: (
                    self.message.error(f"Saisie refusée : {m}.") if m else self.message.clear()
                )
            )
            delegate.notice.connect(self.message.info)

        # the lines of the selected class
        self.lines_box: QGroupBox = form.lines_box
        self.lines_box.installEventFilter(self)  # its title is elided to its width
        self._init_lines_editor(
            form, LinesEditor(session, "classe", "equipement", self.current_school)
        )
        self.apply_to_all_button: QPushButton = form.apply_to_all_button
        self.apply_to_all_button.clicked.connect(self.apply_to_all_classes)
        self.apply_to_all_schools_button: QPushButton = form.apply_to_all_schools_button
        self.apply_to_all_schools_button.clicked.connect(self.apply_to_all_schools)

        splitter: QSplitter = form.splitter
        splitter.setStretchFactor(0, 2)  # a few classes, more lines per class
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([2000, 3000])  # shares, scaled to the splitter's height

        # the form's tab order, with the lines editor's own widgets joined in
        order = [
            self.remove_class_button,
            *self.lines_editor.tab_widgets(),
            self.apply_to_all_button,
            self.apply_to_all_schools_button,
        ]
        chain_tab_order(order)
        self.redraw(session.result)

    # --- reading ---------------------------------------------------------------------------

    def show_school(self, school_id: str, class_id: str = "") -> None:
        super().show_school(school_id)
        if class_id and class_id != self._class_id:
            self._class_id = class_id
            self.redraw(self.session.result)

    def _class_at(self, row: int) -> str | None:
        classroom = self.classes_model.classroom(row)
        return classroom.id if classroom is not None else None

    def current_class(self) -> Classroom | None:
        return self.classes_model.classroom(self.classes_table.currentIndex().row())

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self, result: Result) -> None:
        self.school_selector.update_schools(self.session.dossier.ecoles)
        school = self._draw_summary(self.summary_label, result)
        self.classes_model.set_classes(school.classes if school else [])
        from socle_desktop.gui.pages.lines_editor import fit_columns  # loaded by build()

        fit_columns(self.classes_table, {COL_ELEVES: 64, COL_MONTANT: 120})
        self._restore_class()
        self._draw_class()

    def _restore_class(self) -> None:
        """Keep the selected class across redraws (by id), else select the first one."""
        current = self.current_class()
        if current is not None and current.id == self._class_id:
            return
        row = self.classes_model.row_of(self._class_id)
        if row < 0 and self.classes_model.rowCount():
            row = 0
        if row >= 0:
            self.classes_table.blockSignals(True)
            self.classes_table.selectionModel().blockSignals(True)
            self.classes_table.setCurrentIndex(self.classes_model.index(row, COL_NOM))
            self.classes_table.selectionModel().blockSignals(False)
            self.classes_table.blockSignals(False)
            self.classes_table.selectRow(row)
            self._class_id = self.classes_model.classroom(row).id
        else:
            self._class_id = ""

    def _draw_class(self) -> None:
        school, classroom = self.current_school(), self.current_class()
        writable = not self.session.read_only
        self.add_class_button.setEnabled(writable and school is not None)
        self.remove_class_button.setEnabled(writable and classroom is not None)
        if classroom is None:
            self.lines_box.setTitle("Équipement de la classe")
            self.lines_editor.set_target("", "lignes", [])
            self.apply_to_all_button.setEnabled(False)
            self.apply_to_all_schools_button.setEnabled(False)
            return
        self._draw_lines_title()
        self.lines_editor.set_target(classroom.id, "lignes", classroom.lignes)
        self.apply_to_all_button.setEnabled(writable and len(school.classes) > 1)
        others = (s for s in self.session.dossier.ecoles if s is not school)
        self.apply_to_all_schools_button.setEnabled(  # another class somewhere: stop looking
            writable and (len(school.classes) > 1 or any(s.classes for s in others))
        )

    def _on_school_changed(self, _school_id: str) -> None:
        self._class_id = ""
        self.redraw(self.session.result)

    def _on_class_changed(self, current, _previous) -> None:
        classroom = self.classes_model.classroom(current.row())
        self._class_id = classroom.id if classroom else ""
        self._draw_class()

    def _draw_lines_title(self) -> None:
        """« Équipement de la classe « CP » », a long class name shortened in its middle so
        that the title fits the box (the tooltip gives it whole)."""
        classroom = self.current_class()
        if classroom is None:
            return
        title = TITLE.format(classroom.nom)
        room = (
            self.lines_box.width()
            - TITLE_MARGIN
            - self.lines_box.fontMetrics().horizontalAdvance(TITLE.format(""))
        )
        self.lines_box.setTitle(TITLE.format(elide(self.lines_box, classroom.nom, max(room, 40))))
        self.lines_box.setToolTip(title)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.lines_box and event.type() == QEvent.Type.Resize:
            self._draw_lines_title()
        return super().eventFilter(watched, event)

    # --- editing ---------------------------------------------------------------------------

    def add_class(self) -> Classroom | None:
        school = self.current_school()
        if school is None:
            return None
        classroom = new_class(school)
        insert = edits.Insert(
            "classe", school.id, "classes", len(school.classes), classroom, "Ajouter une classe"
        )
        if not self.session.edit(insert):
            return None
        self._class_id = classroom.id
        self.redraw(self.session.result)
        row = self.classes_model.row_of(classroom.id)
        index = self.classes_model.index(row, COL_NOM)
        self.classes_table.setFocus()
        self.classes_table.setCurrentIndex(index)
        self.classes_table.edit(index)  # type the name straight away
        self.message.info("Classe ajoutée : saisissez son nom, cochez ses niveaux.")
        return classroom

    def remove_current_class(self) -> None:
        classroom = self.current_class()
        if classroom is None or self.session.read_only:
            return
        row = self.classes_table.currentIndex().row()
        remove = edits.Remove("classe", classroom.id, f"Supprimer la classe {classroom.nom}")
        if self.session.edit(remove):
            self.message.info(f"Classe « {classroom.nom} » supprimée (Ctrl+Z pour annuler).")
            count = self.classes_model.rowCount()
            if count:
                index = self.classes_model.index(min(row, count - 1), COL_NOM)
                self.classes_table.setCurrentIndex(index)

    def apply_to_all_schools(self) -> None:
        """« … et de toutes les écoles »: this class's equipment in every other class of the
        dossier (of the variant shown)."""
        from socle_desktop.domain.line_tools import apply_lines_to_all_schools

        classroom = self.current_class()
        dossier = self.session.dossier
        others = sum(len(s.classes) for s in dossier.ecoles) - 1
        if classroom is None or others < 1:
            return
        if self.session.edit(apply_lines_to_all_schools(dossier, classroom)):
            schools = len(dossier.ecoles)
            self.lines_editor.show_info(
                f"Équipement de « {classroom.nom} » appliqué aux "
                f"{plural(others, 'autre classe', 'autres classes')} des "
                f"{plural(schools, 'école')} (Ctrl+Z pour annuler)."
            )

    def apply_to_all_classes(self) -> None:
        school, classroom = self.current_school(), self.current_class()
        if school is None or classroom is None or len(school.classes) < 2:
            return
        others = len(school.classes) - 1
        if self.session.edit(edits.apply_lines_to_all_classes(school, classroom)):
            where = (
                f"aux {plural(others, 'autre classe', 'autres classes')}"
                if others > 1
                else "à l'autre classe"
            )
            outside = [c.nom for c in school.classes if not c.cycle_2_3 and c.id != classroom.id]
            note = (
                f" Les classes hors cycles 2 et 3 ({', '.join(outside)}) ne comptent pas pour "
                "le plafond : retirez-y l'équipement s'il n'est pas voulu."
                if outside
                else ""
            )
            self.lines_editor.show_info(
                f"Équipement de « {classroom.nom} » appliqué {where} (Ctrl+Z pour annuler).{note}"
            )
