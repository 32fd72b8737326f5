"""The window's exports: « Exporter le tableur… », « Projet de délibération… », « Préparer le
dépôt… » and the FCTVA switch, driven through the menus and the dialogs' own widgets."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QListWidget, QTableWidget

from socle_desktop.domain.money import euros
from socle_desktop.export.depot import form_amount
from tests.export.sheets import resolved, xlsx_sheets
from tests.gui.windows import (
    answer_save_dialog,
    example_window,
    record_message_boxes,
    show_active,
)


def test_spreadsheet_from_the_menu(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    assert window.menus.spreadsheet_action.isEnabled()
    assert window.menus.spreadsheet_action in window.menus.fichier.actions()
    target = tmp_path / "plan"  # no suffix typed: the chosen filter's is added
    answer_save_dialog(monkeypatch, target)
    window.menus.spreadsheet_action.trigger()
    qtbot.waitUntil(
        lambda: (
            (tmp_path / "plan.xlsx").exists()
            and "Tableur enregistré" in window.statusBar().currentMessage()
        ),
        timeout=20000,
    )
    plan = resolved(xlsx_sheets(tmp_path / "plan.xlsx")["Plan de financement"])
    total = next(row for row in plan if row[0] == "Total")
    assert total[4] == window.session.result.subsidy


def test_ods_and_deliberation_from_the_menu(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    answer_save_dialog(monkeypatch, tmp_path / "plan.ods")
    window.menus.spreadsheet_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "plan.ods").exists(), timeout=20000)
    answer_save_dialog(monkeypatch, tmp_path / "deliberation.docx")
    window.menus.deliberation_action.trigger()
    qtbot.waitUntil(
        lambda: (
            (tmp_path / "deliberation.docx").exists()
            and "Projet de délibération enregistré" in window.statusBar().currentMessage()
        ),
        timeout=20000,
    )
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "deliberation.docx")).paragraphs)
    assert euros(window.session.result.subsidy) in text


def test_an_export_that_cannot_be_written_says_why(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    boxes = record_message_boxes(monkeypatch)
    answer_save_dialog(monkeypatch, tmp_path / "absent" / "plan.xlsx")
    window.menus.spreadsheet_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes), timeout=20000)
    kind, title, text = boxes[0]
    assert kind == "warning" and title == "Export impossible" and "n'existe pas" in text


def test_depot_copy_buttons_ctrl_c_and_checklist(qtbot, tmp_path):
    window = example_window(qtbot)
    window.menus.depot_action.trigger()
    dialog = window.exports.depot_dialog
    show_active(qtbot, dialog)
    table = dialog.findChild(QTableWidget, "depot_table")
    assert table.rowCount() == len(dialog.entries)
    assert [table.item(0, c).text() for c in range(3)] == [
        "Porteur du projet",
        "Type de porteur",
        "Commune",
    ]
    row = next(
        i for i, e in enumerate(dialog.entries) if e.champ == "Subvention de l'État demandée"
    )
    assert table.item(row, 2).text() == form_amount(window.session.result.subsidy)
    assert QApplication.focusWidget() is table  # the table has the keyboard from the start
    qtbot.mouseClick(dialog.copy_buttons[row], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == form_amount(window.session.result.subsidy)
    assert QApplication.focusWidget() is table  # « Copier » does not take the keyboard
    assert "Copié" in dialog.status.text()
    siren = next(i for i, e in enumerate(dialog.entries) if e.champ == "Numéro SIREN")
    table.selectRow(siren)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == window.session.dossier.porteur.siren
    checklist = dialog.findChild(QListWidget, "depot_checklist")
    assert checklist.count() >= 4 and "RIB" in checklist.item(2).text()
    item = checklist.item(2)
    rect = checklist.visualItemRect(item)
    box = QPoint(rect.left() + 12, rect.center().y())  # the tick box, left of the text
    qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert item.checkState() == Qt.CheckState.Checked
    dialog.grab().save(str(tmp_path / "depot.png"))
    dialog.close()
    window.menus.depot_action.trigger()  # the ticks are remembered for this dossier
    again = window.exports.depot_dialog.findChild(QListWidget, "depot_checklist")
    assert again.item(2).checkState() == Qt.CheckState.Checked
    assert again.item(0).checkState() == Qt.CheckState.Unchecked


def test_fctva_switch_shows_the_estimate_apart_and_undoes(qtbot):
    window = example_window(qtbot)
    panel = window.panel
    assert not window.menus.fctva_action.isChecked() and not panel.fctva_box.isVisible()
    window.menus.fctva_action.trigger()
    assert window.menus.fctva_action.isChecked() and window.session.dossier.parametres.fctva
    assert panel.fctva_box.isVisible()
    result = window.session.result
    amount = (result.equipment.expense * Decimal("0.16404")).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert panel.fctva_box.amount_label.text() == euros(amount)
    assert panel.fctva_box.remaining_label.text() == euros(result.remaining - amount)
    assert panel.subsidy_label.text() == euros(window.session.result.subsidy)  # unchanged
    qtbot.mouseClick(panel.buttons["fctva"], Qt.MouseButton.LeftButton)
    assert "16,404" in panel.explanation_text() and "ne fait pas" in panel.explanation_text()
    from socle_desktop.gui.wizard import PageId

    assert window.wizard.go_to(int(PageId.RECAPITULATIF))
    share = window.wizard.page_recapitulatif.share_label.text()
    assert f"reste à charge après FCTVA : {euros(result.remaining - amount)}" in share
    assert share.index("Hors subvention") > share.index("L'État finance")  # apart, below
    window.menus.undo_action.trigger()
    assert not window.menus.fctva_action.isChecked() and not panel.fctva_box.isVisible()
    assert "FCTVA" not in window.wizard.page_recapitulatif.share_label.text()
    assert panel.explanation_text() == ""
    window.menus.redo_action.trigger()
    assert window.menus.fctva_action.isChecked() and panel.fctva_box.isVisible()
