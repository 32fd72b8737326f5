"""Page 2 driven with the keyboard and the mouse: adding, editing and removing schools."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from socle_desktop.domain.model import Commune, Dossier, Secteur
from socle_desktop.gui.pages.ecoles import EcolesPage
from socle_desktop.gui.session import Session
from tests.gui.conftest import clear_and_type, focus, type_text
from tests.gui.windows import record_message_boxes


def _page(qtbot, campaign, dossier=None):
    if dossier is None:
        dossier = Dossier(
            communes=[Commune("35037", "Bréal-sous-Montfort"), Commune("35999", "Saint-Exemple")]
        )
    session = Session(dossier, campaign)
    page = EcolesPage(session)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    return session, page


def _add(qtbot, page, name: str, uai: str, pupils: str) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.nom_edit.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.nom_edit)  # ready to type
    type_text(page.nom_edit, name)
    if uai:
        type_text(page.uai_edit, uai)
    clear_and_type(page.eleves_edit, pupils)


def test_adding_two_schools_through_the_form(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    assert page.missing() == ["Ajoutez au moins une école."]
    _add(qtbot, page, "École élémentaire Jean-Jaurès", "0351698f", "120")
    _add(qtbot, page, "École privée Sainte-Thérèse", "0350002B", "64")
    page.commune_combo.setFocus()
    qtbot.keyClick(page.commune_combo, Qt.Key.Key_Down)
    page.secteur_combo.setFocus()
    qtbot.keyClick(page.secteur_combo, Qt.Key.Key_Down)
    first, second = session.dossier.ecoles
    assert (first.nom, first.uai, first.commune, first.eleves) == (
        "École élémentaire Jean-Jaurès",
        "0351698F",
        "35037",
        120,
    )
    assert (second.commune, second.secteur, second.eleves) == ("35999", Secteur.PRIVE, 64)
    assert page.model.rowCount() == 2
    assert page.model.index(1, 0).data() == "École privée Sainte-Thérèse"
    assert page.missing() == []


def test_selecting_a_row_shows_that_school(qtbot, campaign, example_dossier):
    session, page = _page(qtbot, campaign, example_dossier)
    rect = page.table.visualRect(page.model.index(1, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.nom_edit.text() == example_dossier.ecoles[1].nom
    assert page.eleves_edit.text() == str(example_dossier.ecoles[1].eleves)


def test_uai_is_checked(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    _add(qtbot, page, "École", "", "10")
    type_text(page.uai_edit, "12345")
    assert "invalide" in page.uai_message.text()
    assert session.dossier.ecoles[0].uai == ""  # a refused text is never saved
    focus(page.nom_edit)  # leaving the field puts the saved value back, and says so
    assert page.uai_edit.text() == ""
    assert "« 12345 » n'a pas été gardé" in page.school_message.text()
    assert any("UAI valide" in m for m in page.missing())
    clear_and_type(page.uai_edit, "0351698G")  # right form, wrong check letter: a warning
    assert "lettre de contrôle" in page.uai_message.text()
    assert page.missing() == []
    clear_and_type(page.uai_edit, "0351698F")
    assert page.uai_message.text() == "UAI valide"


def test_letters_and_negative_pupils_are_refused_with_a_message(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    _add(qtbot, page, "École", "0351698F", "25")
    clear_and_type(page.eleves_edit, "douze")  # still the same burst of typing: before it, 0
    assert "n'est pas un nombre entier" in page.eleves_message.text()
    assert page.eleves_edit.error
    assert session.dossier.ecoles[0].eleves == 0
    focus(page.nom_edit)
    assert page.eleves_edit.text() == "0" and page.eleves_message.text() == ""
    clear_and_type(page.eleves_edit, "25")
    focus(page.nom_edit)
    clear_and_type(page.eleves_edit, "-3")
    assert "négatif" in page.eleves_message.text()
    assert session.dossier.ecoles[0].eleves == 25
    clear_and_type(page.eleves_edit, "30")
    assert page.eleves_message.text() == ""
    assert session.dossier.ecoles[0].eleves == 30


def test_removing_asks_first_and_can_be_undone(qtbot, campaign, example_dossier, monkeypatch):
    session, page = _page(qtbot, campaign, example_dossier)
    name = example_dossier.ecoles[0].nom
    calls = record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert len(session.dossier.ecoles) == 2
    assert "4 classes" in calls[0][2] and name in calls[0][2]
    record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [s.nom for s in session.dossier.ecoles] == [example_dossier.ecoles[0].nom]
    assert page.model.rowCount() == 1
    session.undo_stack.undo()
    assert [s.nom for s in session.dossier.ecoles][0] == name
    assert page.model.rowCount() == 2


def test_long_names_do_not_break_the_list(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    _add(qtbot, page, "É" * 200, "0351698F", "1")
    assert page.model.index(0, 0).data() == "É" * 200
    assert page.table.columnWidth(0) < 900


def test_tab_goes_from_the_list_to_the_form(qtbot, campaign, example_dossier):
    from PySide6.QtWidgets import QApplication

    from tests.gui.windows import show_active

    session, page = _page(qtbot, campaign, example_dossier)
    show_active(qtbot, page)
    page.table.setFocus()
    order = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == [
        "add_button",
        "remove_button",
        "import_button",
        "nom_edit",
        "uai_edit",
        "commune_combo",
        "secteur_combo",
        "eleves_edit",
    ]


def test_hostile_names_and_values_show_as_typed(qtbot, campaign, example_dossier, monkeypatch):
    name = "<b>Les Lilas</b> & <i>annexe"
    example_dossier.ecoles[0].nom = name
    session, page = _page(qtbot, campaign, example_dossier)
    calls = record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert name in calls[0][2]  # and the box is plain text (record_message_boxes checks it)
    clear_and_type(page.eleves_edit, "<b>douze</b>")
    assert page.eleves_message.textFormat() == Qt.TextFormat.PlainText
    assert "« <b>douze</b> »" in page.eleves_message.text()
