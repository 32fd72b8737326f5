"""The visit's tools in the window: a catalogue price changed offers to update the lines that
use it (this variant or all, saying how many), « … et de toutes les écoles » on the classes page,
an edited article keeps its charging places, and the PDF asked with the comparison page."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from socle_desktop.domain import variants
from socle_desktop.gui.catalogue_dialog import CatalogueDialog
from socle_desktop.gui.session import Session
from socle_desktop.gui.wizard import PageId
from tests.gui.conftest import clear_and_type
from tests.gui.test_variants_window import example_file, open_window
from tests.gui.windows import answer_save_dialog


def vpi_prices(dossier, variant_id) -> set:
    return {
        line.prix_unitaire
        for lines in variants.lines_of(dossier, variant_id).values()
        for line in lines
        if line.article == "vpi"
    }


def test_a_new_price_offers_to_update_this_variant_or_all(qtbot, campaign, example_dossier):
    session = Session(example_dossier, campaign)
    assert session.edit(variants.create(session.dossier, "Copie"))
    other = session.dossier.variantes[1].id
    dialog = CatalogueDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    offer = dialog.price_offer
    assert dialog.select_article("vpi")
    clear_and_type(dialog.prix_edit, "2 100")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert offer.isVisible()
    assert offer.label.text() == (
        "4 lignes de cette variante et 4 lignes des autres variantes "
        "utilisent « Vidéoprojecteur interactif (VPI) installé » à un "
        "autre prix que celui du catalogue. Les mettre à jour ?"
    )
    assert offer.here_button.text() == "Mettre à jour cette variante (4)"
    assert offer.all_button.text() == "Mettre à jour toutes les variantes (8)"
    qtbot.mouseClick(offer.here_button, Qt.MouseButton.LeftButton)
    assert vpi_prices(session.dossier, session.dossier.courante) == {Decimal("2100.00")}
    assert vpi_prices(session.dossier, other) == {Decimal("2300.00")}
    assert offer.label.text() == "4 lignes mises au prix du catalogue (Ctrl+Z pour annuler)."
    session.undo()
    assert vpi_prices(session.dossier, session.dossier.courante) == {Decimal("2300.00")}
    assert offer.offer("vpi")
    qtbot.mouseClick(offer.all_button, Qt.MouseButton.LeftButton)
    assert vpi_prices(session.dossier, other) == {Decimal("2100.00")}
    assert not offer.offer("vpi")  # nothing left at the old price: no offer


def test_an_edited_article_keeps_its_charging_places(qtbot, campaign, example_dossier):
    session = Session(example_dossier, campaign)
    dialog = CatalogueDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.select_article("valise-recharge")
    clear_and_type(dialog.prix_edit, "1 100")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert session.dossier.catalogue["valise-recharge"].places == 16


def test_an_article_used_by_another_variant_stays(qtbot, campaign, example_dossier):
    session = Session(example_dossier, campaign)
    school = session.dossier.ecoles[1]
    assert session.edit(variants.create(session.dossier, "Avec le TNI"))
    tni_line = next(line for line in school.classes[1].lignes if line.article == "eni-65")
    from socle_desktop.domain import line_tools

    variants.switch(session.dossier, session.dossier.variantes[1].id)
    assert session.edit(line_tools.replace_article(session.dossier, "eni-65", "tni", False).edit)
    variants.switch(session.dossier, session.dossier.retenue)
    session.recompute()
    assert tni_line.article == "eni-65"
    dialog = CatalogueDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.select_article("tni")
    assert not dialog.remove_article()
    assert (
        "utilisé par 2 lignes du dossier (toutes variantes confondues)"
        in dialog.message_label.text()
    )


def test_apply_a_class_to_every_school(qtbot, tmp_path):
    window = open_window(qtbot, example_file(tmp_path))
    assert window.wizard.go_to(int(PageId.CLASSES))
    page = window.wizard.page_classes
    page.classes_table.setCurrentIndex(page.classes_model.index(0, 0))
    assert page.apply_to_all_schools_button.isEnabled()
    qtbot.mouseClick(page.apply_to_all_schools_button, Qt.MouseButton.LeftButton)
    wanted = [line.article for line in window.session.dossier.ecoles[0].classes[0].lignes]
    for school in window.session.dossier.ecoles:
        for classroom in school.classes:
            assert [line.article for line in classroom.lignes] == wanted
    assert "appliqué aux 6 autres classes des 2 écoles" in page.lines_editor.message.label.text()
    window.session.undo()
    assert [line.article for line in window.session.dossier.ecoles[1].classes[1].lignes] == [
        "eni-65",
        "pc-enseignant",
    ]


def test_the_pdf_with_the_comparison_page(qtbot, monkeypatch, tmp_path):
    import io

    from pypdf import PdfReader

    window = open_window(qtbot, example_file(tmp_path))
    recap = window.wizard.page_recapitulatif
    assert window.wizard.go_to(int(PageId.RECAPITULATIF))
    assert not recap.comparison_check.isVisible()  # one variant: nothing to compare
    assert window.session.edit(variants.create(window.session.dossier, "ENI"))
    assert recap.comparison_check.isVisible()
    recap.comparison_check.setChecked(True)
    target = tmp_path / "avec-comparaison.pdf"
    answer_save_dialog(monkeypatch, target)
    qtbot.mouseClick(recap.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: target.exists() and "PDF enregistré" in window.statusBar().currentMessage(),
        timeout=20000,
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Comparaison des variantes" in text and "ENI" in text


def test_ctrl_e_follows_the_recapitulatif_s_comparison_box(qtbot, monkeypatch, tmp_path):
    """The menu's « Exporter PDF… » (Ctrl+E) asks the PDF as the récapitulatif's button does:
    with the comparison page when its box is ticked."""
    import io

    from pypdf import PdfReader
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, example_file(tmp_path))
    recap = window.wizard.page_recapitulatif
    assert window.wizard.go_to(int(PageId.RECAPITULATIF))
    assert window.session.edit(variants.create(window.session.dossier, "ENI"))
    recap.comparison_check.setChecked(True)
    target = tmp_path / "ctrl-e.pdf"
    answer_save_dialog(monkeypatch, target)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: target.exists() and "PDF enregistré" in window.statusBar().currentMessage(),
        timeout=20000,
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Comparaison des variantes" in text
