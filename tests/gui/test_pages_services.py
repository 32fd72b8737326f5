"""Page 5 « Services et ressources »: per-pupil quantities, the cap reminder, one ENT for all."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from socle_desktop.gui.models.lines import COL_PRIX
from socle_desktop.gui.pages.services import ServicesPage
from tests.gui.conftest import clear_and_type
from tests.gui.pages_helpers import open_editor, press, show_page


@pytest.fixture
def page_session(qtbot, example_dossier, campaign):
    return show_page(qtbot, ServicesPage, example_dossier, campaign)


def test_cap_reminder_is_the_result_explanation(page_session):
    page, session = page_session
    assert session.result.services.explanation in page.cap_label.text()
    assert "158 élèves" in page.cap_label.text()
    assert page.pupils_label.text() == "96 élèves"


def test_per_pupil_article_defaults_to_the_pupils_of_the_school(qtbot, page_session):
    page, session = page_session
    school = session.dossier.ecoles[1]
    page.school_selector.select(school.id)
    page.article_combo.setCurrentIndex(page.article_combo.findData("ressources"))
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    line = school.services[-1]
    assert (line.article, line.quantite, line.prix_unitaire) == ("ressources", 62, Decimal("6.00"))
    assert "ressources" in session.dossier.catalogue
    assert session.result.services.explanation in page.cap_label.text()


def test_apply_ent_to_all_schools_is_one_undo_step(qtbot, page_session):
    page, session = page_session
    jules, tilleuls = session.dossier.ecoles
    page.school_selector.select(tilleuls.id)
    page.lines_table.setFocus()
    page.lines_table.setCurrentIndex(page.lines_table.model().index(0, 1))
    press(page.lines_table, Qt.Key.Key_Delete)
    assert tilleuls.services == []
    page.school_selector.select(jules.id)
    page.article_combo.setCurrentIndex(page.article_combo.findData("ent-extension"))
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    steps = session.undo_stack.count()
    qtbot.mouseClick(page.apply_ent_button, Qt.MouseButton.LeftButton)
    lines = [(x.article, x.quantite) for x in tilleuls.services]
    assert lines == [("ent", 62), ("ent-extension", 62)]
    assert session.undo_stack.count() == steps + 1
    assert "1 autre école" in page.lines_editor.message_label.text()
    session.undo_stack.undo()
    assert tilleuls.services == []


def test_price_refuses_letters_and_negative_numbers(page_session):
    page, session = page_session
    line = session.dossier.ecoles[0].services[0]
    editor = open_editor(page.lines_table, 0, COL_PRIX)
    clear_and_type(editor, "12e")
    assert "n'est pas un montant" in page.lines_editor.message_label.text()
    clear_and_type(editor, "-12")
    assert "négatif" in page.lines_editor.message_label.text()
    press(editor, Qt.Key.Key_Escape)
    assert line.prix_unitaire == Decimal("12.00")
    editor = open_editor(page.lines_table, 0, COL_PRIX)
    clear_and_type(editor, "25")
    press(editor, Qt.Key.Key_Return)
    assert line.prix_unitaire == Decimal("25.00")
    # 96 × 25 + 62 × 12 = 3 144 € is under the cap of 158 × 20 € = 3 160 €
    assert session.result.services.eligible == Decimal("3144.00")
    assert session.result.services.explanation in page.cap_label.text()


def test_catalogue_button_adds_the_article_chosen(qtbot, monkeypatch, page_session):
    from socle_desktop.domain.model import CatalogueItem
    from socle_desktop.gui import catalogue_dialog

    page, session = page_session
    custom = CatalogueItem(
        "ressource-maison",
        "Banque de ressources de la circonscription",
        "ressources",
        "ecole",
        "services",
        Decimal("3.50"),
        unite="élève",
    )
    asked = {}

    def choose(parent, session_, niveau=None, volet=None):
        asked.update(niveau=niveau, volet=volet)
        return custom

    monkeypatch.setattr(catalogue_dialog, "choose_article", choose)
    assert page.lines_editor.catalogue_button is not None
    qtbot.mouseClick(page.lines_editor.catalogue_button, Qt.MouseButton.LeftButton)
    assert asked == {"niveau": "ecole", "volet": "services"}
    line = session.dossier.ecoles[0].services[-1]
    assert (line.article, line.quantite, line.prix_unitaire) == (
        "ressource-maison",
        96,
        Decimal("3.50"),
    )
    assert session.dossier.catalogue["ressource-maison"] == custom
    assert page.article_combo.findData("ressource-maison") >= 0  # now offered in the list
