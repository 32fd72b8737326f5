"""The catalogue dialog: search without accents, edit, add, remove, and the picker."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer

from socle_desktop.domain.model import Dossier
from socle_desktop.gui.catalogue_dialog import CatalogueDialog, choose_article, default_catalogue
from socle_desktop.gui.session import Session
from tests.gui.conftest import clear_and_type, type_text


def _dialog(qtbot, campaign, dossier=None, **kwargs):
    session = Session(dossier or Dossier(), campaign)
    dialog = CatalogueDialog(session, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return session, dialog


def test_lists_the_default_catalogue_and_searches_without_accents(qtbot, campaign):
    session, dialog = _dialog(qtbot, campaign)
    assert dialog.proxy.rowCount() == len(default_catalogue())
    type_text(dialog.search_edit, "ecran")
    labels = [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]
    assert any("Écran" in label for label in labels)
    assert all("écran" in label.casefold() for label in labels)
    dialog.search_edit.clear()
    type_text(dialog.search_edit, "TABLETTE coque")
    assert dialog.proxy.rowCount() == 1
    assert dialog.current_item().id == "tablette"


def test_editing_a_price_puts_the_article_in_the_dossier(qtbot, campaign):
    session, dialog = _dialog(qtbot, campaign)
    assert dialog.select_article("vpi")
    clear_and_type(dialog.prix_edit, "2 100,50")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert session.dossier.catalogue["vpi"].prix_unitaire == Decimal("2100.50")
    assert dialog.current_item().prix_unitaire == Decimal("2100.50")
    row = dialog.table.currentIndex().row()
    assert dialog.proxy.index(row, 7).data() == "Dossier (modifié)"
    assert default_catalogue()["vpi"].prix_unitaire == Decimal("2300.00")  # untouched
    session.undo_stack.undo()
    assert "vpi" not in session.dossier.catalogue


def test_nonsense_prices_and_rates_are_refused(qtbot, campaign):
    session, dialog = _dialog(qtbot, campaign)
    dialog.select_article("vpi")
    clear_and_type(dialog.prix_edit, "abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Prix unitaire" in dialog.message_label.text()
    clear_and_type(dialog.prix_edit, "-5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "négatif" in dialog.message_label.text()
    clear_and_type(dialog.prix_edit, "10")
    clear_and_type(dialog.tva_edit, "200")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "TVA" in dialog.message_label.text()
    assert session.dossier.catalogue == {}


def test_adding_then_removing_an_article(qtbot, campaign):
    session, dialog = _dialog(qtbot, campaign)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    type_text(dialog.libelle_edit, 'Écran 86" installé')
    dialog.niveau_combo.setCurrentIndex(dialog.niveau_combo.findData("classe"))
    clear_and_type(dialog.prix_edit, "5200")
    clear_and_type(dialog.tva_edit, "5,5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    item = session.dossier.catalogue["ecran-86-installe"]
    assert (item.libelle, item.prix_unitaire, item.taux_tva) == (
        'Écran 86" installé',
        Decimal("5200.00"),
        Decimal("5.5"),
    )
    assert dialog.current_item().id == "ecran-86-installe"
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "ecran-86-installe" not in session.dossier.catalogue


def test_an_article_in_use_cannot_be_removed(qtbot, campaign, example_dossier):
    session, dialog = _dialog(qtbot, campaign, example_dossier)
    dialog.select_article("vpi")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "vpi" in session.dossier.catalogue
    assert "utilisé par" in dialog.message_label.text()


def test_default_articles_cannot_be_removed(qtbot, campaign):
    session, dialog = _dialog(qtbot, campaign)
    dialog.select_article("tni")
    assert not dialog.remove_button.isEnabled()


def test_choose_article_filters_and_copies_into_the_dossier(qtbot, campaign):
    session = Session(Dossier(), campaign)

    def pick():
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CatalogueDialog)
        assert all(
            dialog.proxy.index(r, 2).data() == "Classe" for r in range(dialog.proxy.rowCount())
        )
        type_text(dialog.search_edit, "tni")
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, pick)
    item = choose_article(None, session, niveau="classe", volet="equipement")
    assert item is not None and item.id == "tni"
    assert session.dossier.catalogue["tni"] == item


def _ht_example(example_dossier):
    """The example with prices typed HT and digital textbooks for Jules Ferry's 96 pupils."""
    from socle_desktop.domain.model import Line

    example_dossier.parametres.prix_saisis = "HT"
    example_dossier.catalogue["manuels-numeriques"] = default_catalogue()["manuels-numeriques"]
    example_dossier.ecoles[0].services.append(
        Line("manuels-numeriques", "Manuels numériques", 96, Decimal("10.00"))
    )
    return example_dossier


def test_the_vat_field_converts_the_lines_of_its_article(qtbot, campaign, example_dossier):
    session, dialog = _dialog(qtbot, campaign, _ht_example(example_dossier))
    before = session.result.services.expense
    assert dialog.select_article("manuels-numeriques")
    assert dialog.tva_edit.text() == "5,5"
    assert "chaque ligne est convertie au taux de son article" in dialog.tva_edit.toolTip()
    clear_and_type(dialog.tva_edit, "20")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert session.dossier.catalogue["manuels-numeriques"].taux_tva == Decimal("20")
    # 96 × 10,00 € HT: 1 012,80 € TTC at 5,5 %, 1 152,00 € at 20 %
    assert session.result.services.expense - before == Decimal("139.20")
    assert "1 ligne recalculée avec 20\u00a0% de TVA" in dialog.message_label.text()
    session.undo_stack.undo()
    assert session.result.services.expense == before


def test_a_new_article_takes_the_dossiers_rate(qtbot, campaign):
    dossier = Dossier()
    dossier.parametres.taux_tva = Decimal("10")
    session, dialog = _dialog(qtbot, campaign, dossier)
    assert "ne change aucun montant" in dialog.tva_edit.toolTip()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.tva_edit.text() == "10"
