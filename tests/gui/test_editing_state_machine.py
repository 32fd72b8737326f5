"""Random sequences of edits through the window (issue 11): valid and refused texts typed in every
kind of field, undo, redo, and a save that fails now and then. After every step: the file equals
the dossier in memory, the panel shows ``compute()`` of the file, and the file's ``export-json``
imports back to the same dossier."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from socle_desktop.domain import jsonio
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import compute
from socle_desktop.gui.models.classes import COL_ELEVES, COL_NOM
from socle_desktop.gui.models.lines import COL_LIBELLE, COL_PRIX, COL_QUANTITE
from socle_desktop.gui.wizard import PageId
from socle_desktop.store import StoreError, read_dossier
from tests.gui.conftest import focus, key, keyboard

PASTED = 20  # longer texts are pasted (Ctrl+V), as a user does with a long name

CTRL = Qt.KeyboardModifier.ControlModifier

# Texts of every kind: whole valid values, and what a user types by mistake.
TEXTS = st.sampled_from(
    [
        "12",
        "0",
        "2 300,50",
        "2450.5",
        "5000",
        "22",
        "École du Bourg",
        "Mme Lœuvre",
        "",
        "2.450",
        "1.234,56",
        "1 234,56",
        "-3",
        "99999999999",
        "douze",
        "٢٣",
        "x" * 260,
        "0359903Z",
        "0359901X",
        "213599905",
        "2",
        "CP <b> & annexe",
        "  ",
    ]
)
PAGE_FIELDS = {  # (page, its attribute) of the line edits bound to a field
    "porteur.nom": (PageId.PORTEUR, "page_porteur", "nom_edit"),
    "porteur.siren": (PageId.PORTEUR, "page_porteur", "siren_edit"),
    "contact.fonction": (PageId.PORTEUR, "page_porteur", "fonction_edit"),
    "ecole.nom": (PageId.ECOLES, "page_ecoles", "nom_edit"),
    "ecole.uai": (PageId.ECOLES, "page_ecoles", "uai_edit"),
    "ecole.eleves": (PageId.ECOLES, "page_ecoles", "eleves_edit"),
}
CELLS = {  # (page, its attribute, the table, the column) of the cells bound to a field
    "classe.nom": (PageId.CLASSES, "page_classes", "classes_table", COL_NOM),
    "classe.eleves": (PageId.CLASSES, "page_classes", "classes_table", COL_ELEVES),
    "ligne.quantite": (PageId.CLASSES, "page_classes", "lines_table", COL_QUANTITE),
    "ligne.prix_unitaire": (PageId.CLASSES, "page_classes", "lines_table", COL_PRIX),
    "ligne.libelle": (PageId.SERVICES, "page_services", "lines_table", COL_LIBELLE),
    "service.quantite": (PageId.SERVICES, "page_services", "lines_table", COL_QUANTITE),
}


def enter(text: str) -> None:
    """Type ``text``, or paste it when it is long (each keystroke of a 260-character text would
    be saved: seconds of the test for nothing more)."""
    if len(text) <= PASTED:
        keyboard(text)
        return
    QApplication.clipboard().setText(text)
    key(Qt.Key.Key_V, "", CTRL)


class EditingThroughTheWindow(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        from socle_desktop.gui.main_window import MainWindow

        self.window = window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        assert window.open_example()
        self.fail_next = False
        real_apply = window.file.apply

        def apply(edit):
            if self.fail_next:
                self.fail_next = False
                raise StoreError(
                    window.file.path,
                    "la modification n'a pas été enregistrée : le disque est plein",
                )
            real_apply(edit)

        window.file.apply = apply

    def teardown(self):
        self.window.close()
        self.window.deleteLater()
        QApplication.processEvents()

    # --- what the user does --------------------------------------------------------------

    def _go(self, page_id) -> bool:
        return self.window.wizard.go_to(int(page_id))

    @rule(
        field=st.sampled_from(sorted(PAGE_FIELDS)),
        text=TEXTS,
        school=st.integers(0, 1),
        leave=st.booleans(),
    )
    def type_in_a_field(self, field, text, school, leave):
        page_id, page_name, edit_name = PAGE_FIELDS[field]
        if not self._go(page_id):
            return  # a page before it is incomplete now: the user cannot reach it either
        page = getattr(self.window.wizard, page_name)
        if page_id == PageId.ECOLES:
            page.select_school(school)
        edit = getattr(page, edit_name)
        focus(edit)
        key(Qt.Key.Key_A, "", CTRL)
        key(Qt.Key.Key_Backspace)
        enter(text)
        if leave:
            key(Qt.Key.Key_Tab)

    @rule(
        cell=st.sampled_from(sorted(CELLS)),
        text=TEXTS,
        row=st.integers(0, 2),
        school=st.integers(0, 1),
        ending=st.sampled_from(["Return", "Tab", "Escape", ""]),
    )
    def type_in_a_cell(self, cell, text, row, school, ending):
        page_id, page_name, table_name, column = CELLS[cell]
        if not self._go(page_id):
            return
        page = getattr(self.window.wizard, page_name)
        page.school_selector.select(self.window.session.dossier.ecoles[school].id)
        table = getattr(page, table_name)
        if row >= table.model().rowCount():
            return
        focus(table)
        table.setCurrentIndex(table.model().index(row, column))
        key(Qt.Key.Key_Return)
        if QApplication.focusWidget() is table:
            return  # nothing to edit there
        key(Qt.Key.Key_A, "", CTRL)
        enter(text)
        if ending:
            key(getattr(Qt.Key, f"Key_{ending}"))

    def _somewhere(self) -> None:
        """The focus somewhere in the window, as after a click in it."""
        if QApplication.focusWidget() is None:
            focus(self.window.wizard_view.steps)

    @rule()
    def undo(self):
        self._somewhere()
        key(Qt.Key.Key_Z, "", CTRL)

    @rule()
    def redo(self):
        self._somewhere()
        key(Qt.Key.Key_Z, "", CTRL | Qt.KeyboardModifier.ShiftModifier)

    @rule()
    def the_next_save_fails(self):
        self.fail_next = True

    # --- what must hold after every step ---------------------------------------------------

    @invariant()
    def the_file_is_the_dossier_and_the_panel_is_compute_of_the_file(self):
        session, panel = self.window.session, self.window.panel
        on_disk = read_dossier(self.window.file.path)[0]
        assert on_disk == session.dossier
        expected = compute(on_disk, session.campaign)
        assert panel.subsidy_label.text() == euros(expected.subsidy)
        assert panel.remaining_label.text() == euros(expected.remaining)
        assert panel.expense_label.text() == euros(expected.expense)
        assert panel.rate_label.text() == percent_fr(expected.rate, 1)
        exported = jsonio.dumps(on_disk)
        assert jsonio.to_data(jsonio.loads(exported)) == jsonio.to_data(on_disk)


def test_random_editing_through_the_window(qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.Ok.value))
    run_state_machine_as_test(
        EditingThroughTheWindow,
        settings=settings(
            max_examples=8,
            stateful_step_count=12,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
