"""Page 4 « Équipement de l'école »: shared devices, the « Proposer » button, the diagnostic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from socle_desktop.domain.model import Existant
from socle_desktop.domain.money import euros
from socle_desktop.gui.models.lines import COL_QUANTITE
from socle_desktop.gui.pages.equipement_ecole import EquipementEcolePage
from tests.gui.conftest import clear_and_type
from tests.gui.pages_helpers import open_editor, press, show_page


@pytest.fixture
def page_session(qtbot, example_dossier, campaign):
    return show_page(qtbot, EquipementEcolePage, example_dossier, campaign)


def articles(lines):
    return [(line.article, line.quantite) for line in lines]


def test_shows_the_school_lines_and_its_result(page_session):
    page, session = page_session
    school = session.dossier.ecoles[0]
    assert page.lines_table.model().rowCount() == len(school.lignes) == 4
    assert euros(session.result.schools[0].expense) in page.summary_label.text()
    assert "de 10 à 15 appareils (12 conseillés). Prévus : 12." in page.mobiles_label.text()
    assert not page.suggest_button.isEnabled()  # already the advised quantity


def test_proposer_sets_the_advised_quantity_and_undo_restores_it(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[1]  # Les Tilleuls: 2 classes of cycles 2-3, 8 tablets
    page.school_selector.select(school.id)
    assert page.suggest_button.text() == "P&roposer 12 terminaux"
    qtbot.mouseClick(page.suggest_button, Qt.MouseButton.LeftButton)
    assert ("tablette", 12) in articles(school.lignes)
    assert "Prévus : 12." in page.mobiles_label.text()
    assert euros(session.result.schools[1].expense) in page.summary_label.text()
    session.undo_stack.undo()
    assert ("tablette", 8) in articles(school.lignes)


def test_proposer_adds_a_tablet_line_when_there_is_none(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[1]
    page.school_selector.select(school.id)
    page.lines_table.setFocus()
    page.lines_table.setCurrentIndex(page.lines_table.model().index(0, 1))
    press(page.lines_table, Qt.Key.Key_Delete)
    assert "tablette" not in [line.article for line in school.lignes]
    qtbot.mouseClick(page.suggest_button, Qt.MouseButton.LeftButton)
    assert ("tablette", 12) in articles(school.lignes)


def test_existant_sets_a_new_dict_and_undo_restores_the_old_one(page_session):
    page, session = page_session
    school = session.dossier.ecoles[0]
    before = school.existant
    snapshot = dict(before)
    combo = page.existant_combos["projection"]
    combo.setFocus()
    press(combo, Qt.Key.Key_Down)  # Absent -> Présent
    assert school.existant["projection"] == Existant.PRESENT
    assert school.existant is not before and before == snapshot  # the old dict is untouched
    session.undo_stack.undo()
    assert school.existant == snapshot
    assert combo.currentData() == Existant.ABSENT


def test_diagnostic_status_follows_the_lines(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[1]
    page.school_selector.select(school.id)
    assert page.status_labels["terminaux_mobiles"].text() == "Partiel (8 sur 10)"
    qtbot.mouseClick(page.suggest_button, Qt.MouseButton.LeftButton)
    assert page.status_labels["terminaux_mobiles"].text() == "Couvert"


def test_category_filter_limits_lines_and_articles(page_session):
    page, session = page_session
    page.category_combo.setCurrentIndex(page.category_combo.findData("reseau"))
    assert page.lines_table.model().rowCount() == 1
    ids = [page.article_combo.itemData(i) for i in range(page.article_combo.count())]
    assert ids == ["borne-wifi", "cablage"]
    page.category_combo.setCurrentIndex(0)
    assert page.lines_table.model().rowCount() == 4


def test_mdm_quantity_defaults_to_the_number_of_devices(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[1]
    page.school_selector.select(school.id)
    page.article_combo.setCurrentIndex(page.article_combo.findData("mdm"))
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    assert ("mdm", 8) in articles(school.lignes)


def test_quantity_refuses_letters_and_negative_numbers(page_session):
    page, session = page_session
    line = session.dossier.ecoles[0].lignes[0]
    editor = open_editor(page.lines_table, 0, COL_QUANTITE)
    clear_and_type(editor, "douze")
    assert "n'est pas un nombre entier" in page.lines_editor.message_label.text()
    clear_and_type(editor, "-12")
    assert "négatif" in page.lines_editor.message_label.text()
    press(editor, Qt.Key.Key_Return)
    assert line.quantite == 12
    editor = open_editor(page.lines_table, 0, COL_QUANTITE)
    clear_and_type(editor, "15")
    press(editor, Qt.Key.Key_Return)
    assert line.quantite == 15
    assert session.result.schools[0].expense == Decimal("21070.00")


def test_each_existant_choice_is_its_own_undo_step(page_session):
    page, session = page_session
    school = session.dossier.ecoles[0]
    for item_id in ("projection", "poste_enseignant"):
        combo = page.existant_combos[item_id]
        combo.setFocus()
        press(combo, Qt.Key.Key_Down)
    assert school.existant["poste_enseignant"] == Existant.PRESENT
    session.undo_stack.undo()
    assert "poste_enseignant" not in school.existant
    assert school.existant["projection"] == Existant.PRESENT


def test_quantity_editor_as_in_the_style_guide(qtbot, page_session):
    page, session = page_session
    editor = page.quantity_editor(row=0)
    clear_and_type(editor, "15")
    assert session.dossier.ecoles[0].lignes[0].quantite == 15
    editor = page.price_editor(row=0)
    clear_and_type(editor, "abc")
    assert "n'est pas un montant" in page.lines_editor.message_label.text()
