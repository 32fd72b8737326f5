"""The whole journey in the main window, with the keyboard and the mouse: a commune dossier with
2 schools and 7 classes, equipment and an ENT; the panel shows exactly what ``compute`` gives;
undo and redo; back and forth across the pages; reopening the file in a new window."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from socle_desktop.domain import jsonio
from socle_desktop.domain.model import Existant
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import compute
from socle_desktop.gui.models.classes import COL_ELEVES, FIRST_LEVEL
from socle_desktop.gui.models.lines import COL_QUANTITE
from socle_desktop.gui.wizard import PageId
from tests.gui.conftest import clear_and_type, type_text
from tests.gui.pages_helpers import open_editor, press
from tests.gui.windows import answer_save_dialog, new_window, show_active

LEVEL_COLUMN = {
    level: FIRST_LEVEL + i
    for i, level in enumerate(("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"))
}

SCHOOLS = [  # name, UAI, pupils, classes (name, levels, pupils)
    (
        "École élémentaire Jules Ferry",
        "0359901X",
        "96",
        [
            ("CP", ["CP"], "22"),
            ("CE1", ["CE1"], "24"),
            ("CE2", ["CE2"], "25"),
            ("CM1-CM2", ["CM1", "CM2"], "25"),
        ],
    ),
    (
        "École primaire Les Tilleuls",
        "0359902Y",
        "62",
        [
            ("Maternelle", ["PS", "MS", "GS"], "20"),
            ("CP-CE1-CE2", ["CP", "CE1", "CE2"], "21"),
            ("CM1-CM2", ["CM1", "CM2"], "21"),
        ],
    ),
]


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def next_page(qtbot, wizard) -> None:
    before = wizard.currentId()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentId() == before + 1, wizard.currentPage().missing()


def back_page(qtbot, wizard) -> None:
    before = wizard.currentId()
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    assert wizard.currentId() == before - 1


def add_article(page, article_id: str) -> None:
    """Choose the article in the list and press Entrée, as the keyboard user does."""
    page.article_combo.setFocus()
    page.article_combo.setCurrentIndex(page.article_combo.findData(article_id))
    press(page.article_combo, Qt.Key.Key_Return)


def assert_panel_is_compute(window) -> None:
    session, panel = window.session, window.panel
    expected = compute(session.dossier, session.campaign)
    assert panel.expense_label.text() == euros(expected.expense)
    assert panel.equipment_label.text() == euros(expected.equipment.subsidy)
    assert panel.services_label.text() == euros(expected.services.subsidy)
    assert panel.subsidy_label.text() == euros(expected.subsidy)
    assert panel.remaining_label.text() == euros(expected.remaining)
    assert panel.rate_label.text() == percent_fr(expected.rate, 1)


def fill_porteur(qtbot, page) -> None:
    type_text(page.nom_edit, "Commune de Saint-Exemple-sur-Vilaine")
    type_text(page.siren_edit, "213599905")
    type_text(page.insee_edit, "35999")
    type_text(page.commune_nom_edit, "Saint-Exemple-sur-Vilaine")
    press(page.commune_nom_edit, Qt.Key.Key_Return)


def fill_schools(qtbot, page) -> None:
    for name, uai, pupils, _classes in SCHOOLS:
        click(qtbot, page.add_button)
        type_text(page.nom_edit, name)
        type_text(page.uai_edit, uai)
        clear_and_type(page.eleves_edit, pupils)


def fill_classes(qtbot, page, session) -> None:
    table = page.classes_table
    for school_index, (_name, _uai, _pupils, classes) in enumerate(SCHOOLS):
        page.school_combo.setFocus()
        page.school_combo.setCurrentIndex(school_index)
        for row, (name, levels, pupils) in enumerate(classes):
            click(qtbot, page.add_class_button)  # the name editor opens at once
            editor = table.focusWidget()
            clear_and_type(editor, name)
            press(editor, Qt.Key.Key_Return)
            for level in levels:
                table.setCurrentIndex(table.model().index(row, LEVEL_COLUMN[level]))
                press(table, Qt.Key.Key_Space)
            editor = open_editor(table, row, COL_ELEVES)
            clear_and_type(editor, pupils)
            press(editor, Qt.Key.Key_Return)
    # Jules Ferry: a VPI and a teacher's laptop in the CP, then in every class
    page.school_combo.setCurrentIndex(0)
    table.setCurrentIndex(table.model().index(0, 0))
    add_article(page, "vpi")
    add_article(page, "pc-enseignant")
    click(qtbot, page.apply_to_all_button)
    # Les Tilleuls: an interactive screen and a laptop in its two elementary classes
    page.school_combo.setCurrentIndex(1)
    for row in (1, 2):
        table.setCurrentIndex(table.model().index(row, 0))
        add_article(page, "eni-65")
        add_article(page, "pc-enseignant")


def fill_school_equipment(qtbot, page) -> None:
    page.school_combo.setCurrentIndex(0)
    click(qtbot, page.suggest_button)  # 12 tablets for 4 classes
    add_article(page, "valise-recharge")
    add_article(page, "mdm")  # a three-year licence per device: 12, the quantity offered
    add_article(page, "borne-wifi")
    editor = open_editor(page.lines_table, 3, COL_QUANTITE)
    clear_and_type(editor, "2")
    press(editor, Qt.Key.Key_Return)
    combo = page.existant_combos["direction"]
    combo.setCurrentIndex(combo.findData(Existant.PRESENT))
    combo.activated.emit(combo.currentIndex())
    combo = page.existant_combos["reseau"]
    combo.setFocus()
    press(combo, Qt.Key.Key_End)  # Obsolète, the last choice
    page.school_combo.setCurrentIndex(1)
    add_article(page, "tablette")  # advised quantity: 12, the school plans 8
    editor = open_editor(page.lines_table, 0, COL_QUANTITE)
    clear_and_type(editor, "8")
    press(editor, Qt.Key.Key_Return)
    add_article(page, "valise-recharge")
    add_article(page, "borne-wifi")
    for item_id in ("direction", "peripheriques"):
        combo = page.existant_combos[item_id]
        combo.setFocus()
        press(combo, Qt.Key.Key_Down)  # Absent -> Présent


def fill_services(qtbot, page) -> None:
    page.school_combo.setCurrentIndex(0)
    add_article(page, "ent")  # quantity: the 96 pupils of the school
    click(qtbot, page.apply_ent_button)  # the same ENT for Les Tilleuls, 62 pupils


def test_commune_dossier_from_start_to_reopening(qtbot, monkeypatch, tmp_path, example_dossier):
    path = tmp_path / "saint-exemple.socle"
    window = new_window(qtbot, monkeypatch, path)
    wizard, session = window.wizard, window.session

    fill_porteur(qtbot, wizard.page_porteur)
    next_page(qtbot, wizard)
    fill_schools(qtbot, wizard.page_ecoles)
    next_page(qtbot, wizard)
    fill_classes(qtbot, wizard.page_classes, session)
    assert_panel_is_compute(window)
    next_page(qtbot, wizard)
    fill_school_equipment(qtbot, wizard.page_equipement_ecole)
    assert_panel_is_compute(window)
    next_page(qtbot, wizard)
    fill_services(qtbot, wizard.page_services)
    next_page(qtbot, wizard)

    # The dossier typed is the bundled example, line for line; the panel is compute's result.
    assert jsonio.to_data(session.dossier)["ecoles"] == jsonio.to_data(example_dossier)["ecoles"]
    result = compute(session.dossier, session.campaign)
    assert result.equipment.subsidy == Decimal("14700.00")
    assert result.services.subsidy == Decimal("948.00")
    assert sum(len(s.classes) for s in session.dossier.ecoles) == 7
    assert_panel_is_compute(window)
    recap = wizard.page_recapitulatif
    assert recap.plan_table.cell_text(2, 4) == euros(result.subsidy)
    assert window.panel.subsidy_label.text() == euros(result.subsidy)
    assert recap.plan_table.cell_text(2, 5) == euros(result.remaining)
    typed = jsonio.dumps(session.dossier)

    # Back to the first page and forward again: nothing lost, every page shows the same.
    for _ in range(5):
        back_page(qtbot, wizard)
    assert wizard.page_porteur.nom_edit.text() == "Commune de Saint-Exemple-sur-Vilaine"
    for _ in range(5):
        next_page(qtbot, wizard)
    assert jsonio.dumps(session.dossier) == typed
    assert recap.plan_table.cell_text(2, 4) == euros(result.subsidy)

    # Undo with the keyboard, then everything else; redo everything: the same dossier.
    show_active(qtbot, window)
    steps = session.undo_stack.count()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.undo_stack.index() == steps - 1
    assert all(not s.services for s in session.dossier.ecoles[1:])  # the ENT for all, undone
    assert_panel_is_compute(window)
    while session.undo_stack.canUndo():
        window.menus.undo_action.trigger()
    assert session.dossier.ecoles == [] and window.panel.subsidy_label.text() == euros(Decimal(0))
    while session.undo_stack.canRedo():
        window.menus.redo_action.trigger()
    assert jsonio.dumps(session.dossier) == typed
    assert_panel_is_compute(window)
    assert wizard.currentId() == PageId.SERVICES  # each redo showed its page: the ENT last
    wizard.go_to(PageId.RECAPITULATIF)
    assert recap.plan_table.cell_text(2, 4) == euros(result.subsidy)
    window.close()

    # Reopen the file in a new window: everything is there.
    from socle_desktop.gui.main_window import MainWindow

    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(1366, 768)
    show_active(qtbot, again)
    assert again.open_path(path)
    assert jsonio.dumps(again.session.dossier) == typed
    assert_panel_is_compute(again)
    assert again.wizard.go_to(PageId.RECAPITULATIF)
    recap = again.wizard.page_recapitulatif
    assert recap.plan_table.cell_text(2, 4) == euros(result.subsidy)
    pdf = tmp_path / "dossier.pdf"
    answer_save_dialog(monkeypatch, pdf)
    click(qtbot, recap.export_button)  # « Exporter en PDF… » of the recap page
    qtbot.waitUntil(
        lambda: pdf.exists() and "PDF enregistré" in again.statusBar().currentMessage(),
        timeout=20000,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert again.wizard.go_to(PageId.CLASSES)
    classes = again.wizard.page_classes
    assert classes.classes_table.model().rowCount() == 4
    assert classes.lines_table.model().rowCount() == 2


def test_the_focus_stays_where_the_user_types(qtbot):
    """Keys go to the focused widget, as on a real keyboard: after each edit (which makes the
    wizard re-check its pages) the next digit still lands in the same cell."""
    from tests.gui.windows import example_window

    window = example_window(qtbot)
    wizard, session = window.wizard, window.session
    assert wizard.go_to(PageId.CLASSES)
    table = wizard.page_classes.lines_table
    line = session.dossier.ecoles[0].classes[0].lignes[0]
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, COL_QUANTITE))
    for key in (Qt.Key.Key_1, Qt.Key.Key_2):
        QTest.keyClick(QApplication.focusWidget(), key)
        QApplication.processEvents()
    assert line.quantite == 12
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert QApplication.focusWidget() is table
    assert_panel_is_compute(window)

    assert wizard.go_to(PageId.EQUIPEMENT_ECOLE)
    combo = wizard.page_equipement_ecole.existant_combos["projection"]
    combo.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    QApplication.processEvents()
    assert QApplication.focusWidget() is combo
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    QApplication.processEvents()
    assert session.dossier.ecoles[0].existant["projection"] == Existant.OBSOLETE
