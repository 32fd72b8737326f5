"""Page 3 « Classes et équipement des classes », driven with the keyboard and the mouse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from socle_desktop.domain.money import euros
from socle_desktop.gui.models.classes import COL_ELEVES, COL_NOM, FIRST_LEVEL
from socle_desktop.gui.models.lines import COL_PRIX, COL_QUANTITE
from socle_desktop.gui.pages.classes import ClassesPage
from tests.gui.conftest import clear_and_type, type_text
from tests.gui.pages_helpers import open_editor, press, show_page

CM2 = FIRST_LEVEL + 7


@pytest.fixture
def page_session(qtbot, example_dossier, campaign):
    return show_page(qtbot, ClassesPage, example_dossier, campaign)


def test_summary_is_the_result_of_compute(page_session):
    page, session = page_session
    sr = session.result.schools[0]
    text = page.summary_label.text()
    assert f"dépense {euros(sr.expense)}" in text
    assert f"plafond {euros(sr.cap)}" in text
    assert f"{euros(sr.above_cap)} au-delà du plafond" in text
    assert euros(Decimal("19900")) in text and euros(Decimal("14000")) in text


def test_school_selector_shows_the_other_school(qtbot, page_session):
    page, session = page_session
    page.school_combo.setFocus()
    press(page.school_combo, Qt.Key.Key_Down)
    school = session.dossier.ecoles[1]
    assert page.current_school() is school
    assert page.classes_table.model().rowCount() == len(school.classes)
    assert euros(session.result.schools[1].expense) in page.summary_label.text()


def test_add_class_name_it_and_tick_its_level_with_the_keyboard(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[0]
    qtbot.mouseClick(page.add_class_button, Qt.MouseButton.LeftButton)
    assert len(school.classes) == 5
    assert page.classes_table.state() == page.classes_table.State.EditingState  # name editor open
    clear_and_type(page.classes_table.focusWidget(), "CM2 bis à Lévis")
    press(page.classes_table.focusWidget(), Qt.Key.Key_Return)
    assert school.classes[4].nom == "CM2 bis à Lévis"
    page.classes_table.setCurrentIndex(page.classes_table.model().index(4, CM2))
    press(page.classes_table, Qt.Key.Key_Space)
    assert school.classes[4].niveaux == ["CM2"]
    assert session.result.schools[0].cap == Decimal("17500.00")
    assert f"plafond {euros(Decimal('17500'))}" in page.summary_label.text()


def test_levels_are_ticked_with_the_mouse(qtbot, page_session):
    page, session = page_session
    table, classroom = page.classes_table, session.dossier.ecoles[0].classes[0]
    for level in ("CE1", "CP"):
        column = FIRST_LEVEL + ("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2").index(level)
        rect = table.visualRect(table.model().index(0, column))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert classroom.niveaux == ["CE1"]  # CE1 ticked, CP unticked, in the order of the levels
    session.undo_stack.undo()  # each click is its own undo step
    assert classroom.niveaux == ["CP", "CE1"]
    session.undo_stack.undo()
    assert classroom.niveaux == ["CP"]


def test_pupils_refuse_letters_and_negative_numbers(page_session):
    page, session = page_session
    classroom = session.dossier.ecoles[0].classes[0]
    editor = open_editor(page.classes_table, 0, COL_ELEVES)
    clear_and_type(editor, "vingt")
    assert "n'est pas un nombre entier" in page.classes_message.text()
    clear_and_type(editor, "-3")
    assert "négatif" in page.classes_message.text()
    press(editor, Qt.Key.Key_Return)
    assert classroom.eleves == 22
    editor = open_editor(page.classes_table, 0, COL_ELEVES)
    clear_and_type(editor, "23")
    press(editor, Qt.Key.Key_Return)
    assert classroom.eleves == 23
    assert page.classes_message.text() == ""


def test_delete_key_removes_the_class_and_undo_brings_it_back(page_session):
    page, session = page_session
    school = session.dossier.ecoles[0]
    page.classes_table.setFocus()
    page.classes_table.setCurrentIndex(page.classes_table.model().index(1, COL_NOM))
    press(page.classes_table, Qt.Key.Key_Delete)
    assert [c.nom for c in school.classes] == ["CP", "CE2", "CM1-CM2"]
    assert "supprimée" in page.classes_message.text()
    assert session.result.schools[0].cap == Decimal("10500.00")
    session.undo_stack.undo()
    assert [c.nom for c in school.classes] == ["CP", "CE1", "CE2", "CM1-CM2"]
    assert page.classes_table.model().rowCount() == 4
    assert f"plafond {euros(Decimal('14000'))}" in page.summary_label.text()


def test_add_line_from_the_article_list_puts_the_article_in_the_dossier(qtbot, page_session):
    page, session = page_session
    classroom = session.dossier.ecoles[0].classes[0]
    assert "tni" not in session.dossier.catalogue
    page.article_combo.setCurrentIndex(page.article_combo.findData("tni"))
    page.article_combo.setFocus()
    press(page.article_combo, Qt.Key.Key_Return)  # Entrée in the list adds the line
    assert [line.article for line in classroom.lignes] == ["vpi", "pc-enseignant", "tni"]
    line = classroom.lignes[2]
    assert line.prix_unitaire == Decimal("2500.00") and line.quantite == 1
    assert "tni" in session.dossier.catalogue
    assert page.lines_table.model().rowCount() == 3
    assert euros(session.result.schools[0].expense) in page.summary_label.text()
    session.undo_stack.undo()  # one step removes the line and the article copy
    assert len(classroom.lignes) == 2 and "tni" not in session.dossier.catalogue
    session.undo_stack.redo()
    assert len(classroom.lignes) == 3 and "tni" in session.dossier.catalogue


def test_typing_a_quantity_updates_the_result_at_each_keystroke(page_session):
    page, session = page_session
    line = session.dossier.ecoles[0].classes[0].lignes[0]
    steps = session.undo_stack.count()
    page.lines_table.setFocus()
    page.lines_table.setCurrentIndex(page.lines_table.model().index(0, COL_QUANTITE))
    press(page.lines_table, Qt.Key.Key_3)  # a digit on the cell starts editing with it
    assert line.quantite == 3
    assert session.result.schools[0].expense == Decimal("24500.00")
    editor = page.lines_table.focusWidget()
    press(editor, Qt.Key.Key_0)
    assert line.quantite == 30
    assert euros(session.result.schools[0].expense) in page.summary_label.text()
    press(editor, Qt.Key.Key_Return)
    assert session.undo_stack.count() == steps + 1  # one undo step for the whole typing
    session.undo_stack.undo()
    assert line.quantite == 1
    assert page.lines_table.model().index(0, COL_QUANTITE).data() == "1"


def test_price_refuses_letters_and_negative_numbers(page_session):
    page, session = page_session
    line = session.dossier.ecoles[0].classes[0].lignes[0]
    editor = open_editor(page.lines_table, 0, COL_PRIX)
    clear_and_type(editor, "deux mille")
    assert editor.error and "n'est pas un montant" in editor.error
    assert "Saisie refusée" in page.lines_editor.message_label.text()
    clear_and_type(editor, "-100")
    assert "négatif" in page.lines_editor.message_label.text()
    press(editor, Qt.Key.Key_Return)
    assert line.prix_unitaire == Decimal("2300.00")
    editor = open_editor(page.lines_table, 0, COL_PRIX)
    clear_and_type(editor, "2 150,50")
    press(editor, Qt.Key.Key_Return)
    assert line.prix_unitaire == Decimal("2150.50")
    assert page.lines_table.model().index(0, COL_PRIX).data() == "2\u202f150,50"


def test_delete_key_removes_a_line(page_session):
    page, session = page_session
    classroom = session.dossier.ecoles[0].classes[0]
    page.lines_table.setFocus()
    page.lines_table.setCurrentIndex(page.lines_table.model().index(1, 1))
    press(page.lines_table, Qt.Key.Key_Delete)
    assert [line.article for line in classroom.lignes] == ["vpi"]
    assert "Ctrl+Z" in page.lines_editor.message_label.text()


def test_apply_to_all_classes_is_one_undo_step(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[0]
    page.classes_table.setCurrentIndex(page.classes_table.model().index(2, COL_NOM))
    page.article_combo.setCurrentIndex(page.article_combo.findData("eni-75"))
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    steps = session.undo_stack.count()
    qtbot.mouseClick(page.apply_to_all_button, Qt.MouseButton.LeftButton)
    for classroom in school.classes:
        assert [line.article for line in classroom.lignes] == ["vpi", "pc-enseignant", "eni-75"]
    assert len({line.id for c in school.classes for line in c.lignes}) == 12
    assert session.undo_stack.count() == steps + 1
    assert euros(session.result.schools[0].expense) in page.summary_label.text()
    session.undo_stack.undo()
    assert [len(c.lignes) for c in school.classes] == [2, 2, 3, 2]


def test_selected_class_is_kept_across_edits(page_session):
    page, session = page_session
    page.classes_table.setCurrentIndex(page.classes_table.model().index(3, COL_NOM))
    session.set_field("ligne", session.dossier.ecoles[0].classes[0].lignes[0].id, "quantite", 2)
    assert page.current_class().nom == "CM1-CM2"
    assert "CM1-CM2" in page.lines_box.title()


def test_a_long_class_name_is_elided_in_the_title_not_the_prefix(page_session):
    page, session = page_session
    classroom = session.dossier.ecoles[0].classes[0]
    assert session.set_field("classe", classroom.id, "nom", "CP " + "des Grands Chênes " * 13)
    QApplication.processEvents()
    title = page.lines_box.title()
    assert title.startswith("Équipement de la classe « CP ")
    assert title.endswith(" »") and "…" in title
    width = page.lines_box.fontMetrics().horizontalAdvance(title)
    assert width <= page.lines_box.width()
    assert page.lines_box.toolTip() == f"Équipement de la classe « {classroom.nom} »"
    page.resize(800, 768)
    QApplication.processEvents()
    assert page.lines_box.fontMetrics().horizontalAdvance(page.lines_box.title()) <= (
        page.lines_box.width()
    )


def test_missing_says_which_school_has_no_class(page_session):
    page, session = page_session
    assert page.missing() == [] and page.isComplete()
    school = session.dossier.ecoles[1]
    page.school_selector.select(school.id)
    for _ in school.classes[:]:
        page.classes_table.setCurrentIndex(page.classes_table.model().index(0, COL_NOM))
        page.remove_class_button.click()
    assert page.missing() == ["L'école « École primaire Les Tilleuls » n'a encore aucune classe."]
    assert not page.isComplete()


def test_french_typing_in_the_name(page_session):
    page, session = page_session
    editor = open_editor(page.classes_table, 0, COL_NOM)
    clear_and_type(editor, "")
    type_text(editor, "Cours préparatoire — « élèves »")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert session.dossier.ecoles[0].classes[0].nom == "Cours préparatoire — « élèves »"


def test_prices_typed_ht_are_prefilled_and_labelled_ht(qtbot, example_dossier, campaign):
    example_dossier.parametres.prix_saisis = "HT"
    page, session = show_page(qtbot, ClassesPage, example_dossier, campaign)
    header = page.lines_table.model().headerData(COL_PRIX, Qt.Orientation.Horizontal)
    assert header == "Prix unitaire HT (€)"
    index = page.article_combo.findData("tni")
    assert "2\u202f083,33\u00a0€ HT" in page.article_combo.itemText(index)
    page.article_combo.setCurrentIndex(index)
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    assert session.dossier.ecoles[0].classes[0].lignes[-1].prix_unitaire == Decimal("2083.33")


def test_read_only_dossier_offers_no_editing(qtbot, example_dossier, campaign):
    class ReadOnlyFile:
        read_only = True

    from socle_desktop.gui.session import Session

    session = Session(example_dossier, campaign, ReadOnlyFile())
    page = ClassesPage(session)
    qtbot.addWidget(page)
    page.show()
    assert not page.add_class_button.isEnabled() and not page.add_line_button.isEnabled()
    assert not page.apply_to_all_button.isEnabled()
    index = page.lines_table.model().index(0, COL_QUANTITE)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    page.classes_table.setCurrentIndex(page.classes_table.model().index(0, CM2))
    press(page.classes_table, Qt.Key.Key_Space)
    assert session.dossier.ecoles[0].classes[0].niveaux == ["CP"]


@pytest.mark.parametrize(
    "module, name",
    [
        ("classes", "ClassesPage"),
        ("equipement_ecole", "EquipementEcolePage"),
        ("services", "ServicesPage"),
        ("recapitulatif", "RecapitulatifPage"),
    ],
)
def test_pages_on_an_empty_dossier(qtbot, campaign, module, name):
    import importlib

    from socle_desktop.domain.model import Dossier

    page_class = getattr(importlib.import_module(f"socle_desktop.gui.pages.{module}"), name)
    page, session = show_page(qtbot, page_class, Dossier(), campaign)
    page.grab()  # draws without error
    assert page.missing() == []


def test_alt_shortcuts_add_a_class_and_a_line(qtbot, page_session):
    from tests.gui.windows import show_active

    page, session = page_session
    show_active(qtbot, page)  # mnemonics work in the active window
    school = session.dossier.ecoles[0]
    qtbot.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(school.classes) == 5)  # a mnemonic animates the click
    press(page.classes_table.focusWidget(), Qt.Key.Key_Escape)
    page.classes_table.setCurrentIndex(page.classes_table.model().index(0, COL_NOM))
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(school.classes[0].lignes) == 3)
    assert [line.article for line in school.classes[0].lignes] == ["vpi", "pc-enseignant", "vpi"]


def test_apply_to_all_says_when_a_class_is_outside_cycles_2_and_3(qtbot, page_session):
    page, session = page_session
    page.school_selector.select(session.dossier.ecoles[1].id)
    page.classes_table.setCurrentIndex(page.classes_table.model().index(1, COL_NOM))
    qtbot.mouseClick(page.apply_to_all_button, Qt.MouseButton.LeftButton)
    message = page.lines_editor.message_label.text()
    assert "aux 2 autres classes" in message and "(Maternelle)" in message
