"""Issue 11, one test per defect found by a new user, in the main window: keys go to the widget
that has the focus at each keystroke (a stolen focus sends them elsewhere and the test fails),
and the file is reopened to compare with what the window shows."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from socle_desktop.domain import edits, jsonio
from socle_desktop.gui.models.classes import COL_ELEVES
from socle_desktop.gui.models.lines import COL_PRIX, COL_QUANTITE
from socle_desktop.gui.wizard import PageId
from socle_desktop.store import StoreError, read_dossier
from tests.gui.conftest import focus, key, keyboard
from tests.gui.windows import example_window, new_window, record_message_boxes

CTRL = Qt.KeyboardModifier.ControlModifier


def saved(window):
    """The dossier as the file holds it, read again from the disk."""
    return read_dossier(window.file.path)[0]


def select_all_and_type(widget, text: str) -> None:
    """Click in the field, Ctrl+A, then type: each key to whatever has the focus then."""
    focus(widget)
    key(Qt.Key.Key_A, "", CTRL)
    keyboard(text)


def open_cell(table, row: int, column: int):
    """Make the cell current and press Entrée, as the keyboard user does: the editor opens."""
    focus(table)
    table.setCurrentIndex(table.model().index(row, column))
    key(Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert editor is not table and editor.parent() is table.viewport(), "no editor opened"
    return editor


def porteur_ready(qtbot, monkeypatch, tmp_path):
    """A new dossier whose first page is complete: name, SIREN, one commune."""
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    page = window.wizard.page_porteur
    select_all_and_type(page.nom_edit, "Commune de Saint-Exemple")
    select_all_and_type(page.siren_edit, "213599905")
    focus(page.insee_edit)
    keyboard("35999")
    focus(page.commune_nom_edit)
    keyboard("Saint-Exemple")
    key(Qt.Key.Key_Return)
    assert page.isComplete()
    return window, page


# --- typed text goes nowhere (the focus taken by QWizard) -------------------------------------


def test_typing_over_a_valid_siren_keeps_every_digit(qtbot, monkeypatch, tmp_path):
    window, page = porteur_ready(qtbot, monkeypatch, tmp_path)
    select_all_and_type(page.siren_edit, "213502404")
    assert QApplication.focusWidget() is page.siren_edit
    assert page.siren_edit.text() == "213502404" and page.siren_edit.cursorPosition() == 9
    assert saved(window).porteur.siren == "213502404"


def test_clearing_then_typing_the_porteur_name_and_a_school(qtbot, monkeypatch, tmp_path):
    window, page = porteur_ready(qtbot, monkeypatch, tmp_path)
    focus(page.nom_edit)
    key(Qt.Key.Key_A, "", CTRL)
    key(Qt.Key.Key_Backspace)  # the page becomes incomplete: « Suivant » turns grey
    assert not window.wizard.button(window.wizard.WizardButton.NextButton).isEnabled()
    keyboard("Mairie de Bréal")  # …and complete again at the first letter
    assert QApplication.focusWidget() is page.nom_edit
    assert saved(window).porteur.nom == "Mairie de Bréal"
    assert window.wizard.button(window.wizard.WizardButton.NextButton).isEnabled()

    window.wizard.go_to(PageId.ECOLES)
    ecoles = window.wizard.page_ecoles
    focus(ecoles.add_button)
    key(Qt.Key.Key_Space)  # « Ajouter une école »: the name field has the focus
    assert QApplication.focusWidget() is ecoles.nom_edit
    keyboard("École Jules Ferry")
    focus(ecoles.uai_edit)
    keyboard("0359901x")
    key(Qt.Key.Key_A, "", CTRL)
    key(Qt.Key.Key_Backspace)
    keyboard("0359902y")  # cleared then typed: every character reaches the field
    assert QApplication.focusWidget() is ecoles.uai_edit
    school = saved(window).ecoles[0]
    assert (school.nom, school.uai) == ("École Jules Ferry", "0359902Y")


def test_the_cursor_and_selection_stay_where_the_user_put_them(qtbot, monkeypatch, tmp_path):
    window, page = porteur_ready(qtbot, monkeypatch, tmp_path)
    focus(page.nom_edit)
    page.nom_edit.setCursorPosition(7)  # « Commune| de Saint-Exemple »
    keyboard("X")
    assert page.nom_edit.text() == "CommuneX de Saint-Exemple"
    assert page.nom_edit.cursorPosition() == 8
    page.nom_edit.setSelection(0, 8)  # a selection, then typing replaces it, as anywhere
    keyboard("Mairie")
    assert page.nom_edit.text() == "Mairie de Saint-Exemple"
    assert page.nom_edit.cursorPosition() == 6
    assert saved(window).porteur.nom == "Mairie de Saint-Exemple"


# --- refused entries are never partly saved ---------------------------------------------------


def test_a_refused_price_or_quantity_keeps_the_value_from_before(qtbot):
    window = example_window(qtbot)
    window.wizard.go_to(PageId.CLASSES)
    page = window.wizard.page_classes
    line = window.session.dossier.ecoles[0].classes[0].lignes[0]
    subsidy = window.panel.subsidy_label.text()
    for column, text, before in (
        (COL_PRIX, "2.450", Decimal("2300.00")),
        (COL_PRIX, "1.234,56", Decimal("2300.00")),
        (COL_QUANTITE, "1 234,56", 1),
        (COL_QUANTITE, "99999999999", 1),
    ):
        editor = open_cell(page.lines_table, 0, column)
        key(Qt.Key.Key_A, "", CTRL)
        keyboard(text)
        field = "prix_unitaire" if column == COL_PRIX else "quantite"
        assert getattr(line, field) == before, text
        assert getattr(saved(window).ecoles[0].classes[0].lignes[0], field) == before, text
        assert window.panel.subsidy_label.text() == subsidy  # the panel shows what is saved
        assert "Saisie refusée" in page.lines_editor.message_label.text()
        assert window.saved_label.text() == "Saisie refusée : non enregistrée"
        if text == "2.450":
            assert "écrivez 2\u202f450 ou 2,45" in page.lines_editor.message_label.text()
        key(Qt.Key.Key_Tab)  # leaving: the saved value is back, and said in one line
        assert QApplication.focusWidget() is not editor
        shown = page.lines_table.model().index(0, column).data()
        assert shown == ("2\u202f300,00" if column == COL_PRIX else "1")
        assert "n'a pas été gardé" in page.lines_editor.message_label.text()
        assert "\n" not in page.lines_editor.message_label.text()


def test_absurd_pupils_keep_the_value_from_before(qtbot):
    window = example_window(qtbot)
    window.wizard.go_to(PageId.ECOLES)
    page = window.wizard.page_ecoles
    page.select_school(0)
    before = window.session.dossier.ecoles[0].eleves
    select_all_and_type(page.eleves_edit, "99999999999999")
    assert window.session.dossier.ecoles[0].eleves == before == saved(window).ecoles[0].eleves
    assert "ne peut pas dépasser 5\u202f000" in page.eleves_message.text()
    assert window.saved_label.text() == "Saisie refusée : non enregistrée"
    window.wizard.go_to(PageId.CLASSES)
    classes = window.wizard.page_classes
    editor = open_cell(classes.classes_table, 0, COL_ELEVES)
    key(Qt.Key.Key_A, "", CTRL)
    keyboard("999")
    assert window.session.dossier.ecoles[0].classes[0].eleves == 22
    assert "ne peut pas dépasser 100" in classes.classes_message.text()
    assert editor.error


def test_a_failed_save_is_not_shown_as_typed_nor_saved_later(qtbot, monkeypatch):
    window = example_window(qtbot)
    window.wizard.go_to(PageId.ECOLES)
    page = window.wizard.page_ecoles
    page.select_school(0)
    calls = record_message_boxes(monkeypatch)
    name = window.session.dossier.ecoles[0].nom
    real_apply = window.file.apply

    def full_disk(edit):
        raise StoreError(
            window.file.path, "la modification n'a pas été enregistrée : le disque est plein"
        )

    focus(page.nom_edit)
    page.nom_edit.end(False)
    monkeypatch.setattr(window.file, "apply", full_disk)
    keyboard("X")  # not saved: the field shows the saved name again, at once
    assert calls and calls[0][0] == "critical" and "disque est plein" in calls[0][2]
    assert page.nom_edit.text() == name and QApplication.focusWidget() is page.nom_edit
    monkeypatch.setattr(window.file, "apply", real_apply)
    keyboard("Y")  # the next good keystroke saves itself only
    assert window.session.dossier.ecoles[0].nom == name + "Y" == saved(window).ecoles[0].nom


# --- the window saves only what the file format takes back -----------------------------------


def test_what_the_window_can_save_exports_and_imports_back(qtbot, monkeypatch, tmp_path):
    window, page = porteur_ready(qtbot, monkeypatch, tmp_path)
    QGuiApplication.clipboard().setText("x" * 10_000)
    focus(page.fonction_edit)
    key(Qt.Key.Key_V, "", CTRL)  # a 10 000-character « Fonction » pasted
    assert saved(window).porteur.contact.fonction == ""
    assert "au plus 200" in page.contact_message.text()
    focus(page.nom_edit)
    assert page.fonction_edit.text() == ""
    select_all_and_type(page.siren_edit, "2")  # a one-letter SIREN
    assert saved(window).porteur.siren == "213599905"
    focus(page.nom_edit)
    assert page.siren_edit.text() == "213599905"
    exported = jsonio.dumps(saved(window))
    assert jsonio.to_data(jsonio.loads(exported)) == jsonio.to_data(window.session.dossier)


# --- undo can no longer drift from the file ---------------------------------------------------


def test_an_undo_that_cannot_be_saved_leaves_the_stack_and_says_so(qtbot, monkeypatch):
    window = example_window(qtbot)
    window.wizard.go_to(PageId.PORTEUR)
    page = window.wizard.page_porteur
    select_all_and_type(page.nom_edit, "Autre nom")
    stack = window.session.undo_stack
    index = stack.index()
    calls = record_message_boxes(monkeypatch)

    def unplugged(edit):
        raise StoreError(
            window.file.path,
            "la modification n'a pas été enregistrée : erreur "
            "d'entrée-sortie du disque (clé USB retirée ?)",
        )

    monkeypatch.setattr(window.file, "apply", unplugged)
    key(Qt.Key.Key_Z, "", CTRL)
    assert stack.index() == index  # the stack did not move
    assert window.session.dossier.porteur.nom == "Autre nom" == saved(window).porteur.nom
    assert calls[-1][0] == "critical" and "Annulation impossible" in calls[-1][2]
    assert "clé USB" in calls[-1][2]


def test_undo_of_a_change_on_another_page_goes_there_and_says_what(qtbot):
    window = example_window(qtbot)
    window.wizard.go_to(PageId.SERVICES)
    services = window.wizard.page_services
    services.school_selector.select(window.session.dossier.ecoles[1].id)
    editor = open_cell(services.lines_table, 0, COL_QUANTITE)
    key(Qt.Key.Key_A, "", CTRL)
    keyboard("70")
    key(Qt.Key.Key_Return)
    window.wizard.go_to(PageId.PORTEUR)
    focus(window.wizard.page_porteur.nom_edit)
    key(Qt.Key.Key_Z, "", CTRL)
    assert window.wizard.currentId() == PageId.SERVICES
    assert services.current_school().id == window.session.dossier.ecoles[1].id
    message = window.statusBar().currentMessage()
    assert (
        message.startswith("Annulé : Modifier la quantité")
        and "Services et ressources" in (message)
        and window.session.dossier.ecoles[1].nom in message
    )
    assert saved(window).ecoles[1].services[0].quantite == 62
    assert editor is not None


# --- messages say what is true now ------------------------------------------------------------


def test_messages_clear_when_their_cause_is_gone(qtbot, monkeypatch):
    window = example_window(qtbot)
    window.wizard.go_to(PageId.CLASSES)
    page = window.wizard.page_classes
    message = page.lines_editor.message_label
    open_cell(page.lines_table, 0, COL_PRIX)
    key(Qt.Key.Key_A, "", CTRL)
    keyboard("1")  # a valid burst, an undo step
    keyboard("x")
    assert "Saisie refusée" in message.text()
    key(Qt.Key.Key_Z, "", CTRL)  # « Saisie refusée » after the undo: gone
    assert message.text() == ""

    record_message_boxes(monkeypatch)
    focus(page.lines_table)
    page.lines_table.setCurrentIndex(page.lines_table.model().index(1, 1))
    key(Qt.Key.Key_Delete)
    assert "supprimée" in message.text()
    key(Qt.Key.Key_Z, "", CTRL)  # « Ligne supprimée » after the undo: gone
    assert message.text() == "" and len(window.session.dossier.ecoles[0].classes[0].lignes) == 2

    window.wizard.go_to(PageId.ECOLES)
    ecoles = window.wizard.page_ecoles
    select_all_and_type(ecoles.eleves_edit, "6000")
    assert "ne peut pas dépasser 5\u202f000" in ecoles.eleves_message.text()
    assert ecoles.eleves_edit.toolTip()
    key(Qt.Key.Key_A, "", CTRL)
    keyboard("999")  # « ne peut pas dépasser 5 000 » under a valid 999: gone, tooltip too
    assert ecoles.eleves_message.text() == "" and ecoles.eleves_edit.toolTip() == ""
    assert saved(window).ecoles[0].eleves == 999


def test_the_session_applies_edits_through_the_protocol(qtbot):
    """A refusal from the protocol (a UAI another school has) reaches the field, not the file."""
    window = example_window(qtbot)
    window.wizard.go_to(PageId.ECOLES)
    page = window.wizard.page_ecoles
    page.select_school(1)
    first = window.session.dossier.ecoles[0].uai
    select_all_and_type(page.uai_edit, first)
    assert "déjà celle de l'école" in page.uai_message.text()
    assert saved(window).ecoles[1].uai != first
    assert not window.session.edit(
        edits.SetField("ecole", window.session.dossier.ecoles[1].id, "uai", first)
    )
