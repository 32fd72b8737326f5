"""Page 1 driven with the keyboard and the mouse: porteur, SIREN, contact, communes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from socle_desktop.domain.model import Dossier, PorteurType
from socle_desktop.gui.pages.porteur import PorteurPage
from socle_desktop.gui.session import Session
from tests.gui.conftest import clear_and_type, focus, type_text


def _page(qtbot, campaign, dossier=None):
    session = Session(dossier or Dossier(), campaign)
    page = PorteurPage(session)
    qtbot.addWidget(page)
    page.show()
    return session, page


def test_typing_the_porteur_and_contact(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    assert page.missing() == [
        "Indiquez le nom du porteur du projet.",
        "Ajoutez au moins une commune concernée (code INSEE et nom).",
    ]
    type_text(page.nom_edit, "Syndicat intercommunal à vocation scolaire de l'Élorn")
    type_text(page.siren_edit, "213599905")
    type_text(page.contact_nom_edit, "Mme Hélène Lœuvre")
    type_text(page.fonction_edit, "Secrétaire de mairie")
    type_text(page.telephone_edit, "02 98 00 00 00")
    type_text(page.courriel_edit, "mairie@example.fr")
    porteur = session.dossier.porteur
    assert porteur.nom == "Syndicat intercommunal à vocation scolaire de l'Élorn"
    assert porteur.siren == "213599905"
    assert porteur.contact.nom == "Mme Hélène Lœuvre"
    assert porteur.contact.courriel == "mairie@example.fr"
    assert page.siren_message.text() == "SIREN valide"
    page.type_combo.setFocus()
    qtbot.keyClick(page.type_combo, Qt.Key.Key_Down)
    assert session.dossier.porteur.type == PorteurType.EPCI


def test_bad_siren_is_shown_and_never_saved(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    type_text(page.siren_edit, "12345")
    assert "9 chiffres" in page.siren_message.text()
    assert session.dossier.porteur.siren == ""  # only a whole SIREN reaches the dossier
    focus(page.nom_edit)
    assert page.siren_edit.text() == ""
    assert "« 12345 » n'a pas été gardé" in page.porteur_message.text()
    clear_and_type(page.siren_edit, "213599904")  # wrong Luhn key: a warning only
    assert "clé" in page.siren_message.text()
    assert session.dossier.porteur.siren == "213599904"
    assert "Corrigez le SIREN : 9 chiffres attendus." not in page.missing()


def test_adding_and_removing_communes(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    type_text(page.insee_edit, "35A99")
    type_text(page.commune_nom_edit, "Bréal")
    qtbot.mouseClick(page.add_commune_button, Qt.MouseButton.LeftButton)
    assert "invalide" in page.commune_message.text()
    assert session.dossier.communes == []
    page.insee_edit.clear()
    type_text(page.insee_edit, "35037")
    qtbot.mouseClick(page.add_commune_button, Qt.MouseButton.LeftButton)
    type_text(page.insee_edit, "2A004")
    type_text(page.commune_nom_edit, "Ajaccio")
    qtbot.keyClick(page.commune_nom_edit, Qt.Key.Key_Return)  # Enter adds too
    assert [(c.insee, c.nom) for c in session.dossier.communes] == [
        ("35037", "Bréal"),
        ("2A004", "Ajaccio"),
    ]
    assert page.communes_table.rowCount() == 2
    type_text(page.insee_edit, "35037")
    type_text(page.commune_nom_edit, "Encore")
    qtbot.mouseClick(page.add_commune_button, Qt.MouseButton.LeftButton)
    assert "déjà" in page.commune_message.text()
    page.communes_table.selectRow(0)
    qtbot.mouseClick(page.remove_commune_button, Qt.MouseButton.LeftButton)
    assert [c.insee for c in session.dossier.communes] == ["2A004"]
    session.undo_stack.undo()
    assert page.communes_table.rowCount() == 2


def test_a_commune_with_schools_cannot_be_removed(qtbot, campaign, example_dossier):
    session, page = _page(qtbot, campaign, example_dossier)
    page.communes_table.selectRow(0)
    qtbot.mouseClick(page.remove_commune_button, Qt.MouseButton.LeftButton)
    assert len(session.dossier.communes) == 1
    assert "changez d'abord leur commune" in page.commune_message.text()


def test_renaming_a_commune_in_the_table(qtbot, campaign, example_dossier):
    session, page = _page(qtbot, campaign, example_dossier)
    page.communes_table.item(0, 1).setText("Saint-Exemple")
    assert session.dossier.communes[0].nom == "Saint-Exemple"


def test_undo_redraws_the_fields(qtbot, campaign):
    session, page = _page(qtbot, campaign)
    type_text(page.nom_edit, "Commune de Plœmeur")
    session.undo_stack.undo()
    assert page.nom_edit.text() == ""
    session.undo_stack.redo()
    assert page.nom_edit.text() == "Commune de Plœmeur"


def test_tab_goes_through_the_fields_in_reading_order(qtbot, campaign):
    from PySide6.QtWidgets import QApplication

    from tests.gui.windows import show_active

    session, page = _page(qtbot, campaign)
    show_active(qtbot, page)
    page.type_combo.setFocus()
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == [
        "nom_edit",
        "siren_edit",
        "contact_nom_edit",
        "fonction_edit",
        "telephone_edit",
        "courriel_edit",
        "communes_table",
    ]
