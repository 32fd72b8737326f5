"""Variants in the window, by the keyboard: the conseiller's visit (duplicate, replace the VPI by
screens, compare, retain, undo each step, reopen and find everything), switching from every page
without losing the field being typed in, and undo going back to the variant it was made in.
Every key goes to the widget that has the focus at that moment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from socle_desktop.domain import variants
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.jsonio import loads
from socle_desktop.domain.money import euros
from socle_desktop.domain.rules import compute
from socle_desktop.gui.main_window import MainWindow
from socle_desktop.gui.wizard import PageId
from socle_desktop.resources import example_dossier_path
from socle_desktop.store import create_dossier_file, read_dossier
from tests.gui.conftest import focus, keyboard, type_text
from tests.gui.windows import show_active

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


def press(key_, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key with its modifiers to the focused widget, shortcuts included (as QTest does)."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    QTest.keyClick(target, key_, modifiers)
    QApplication.processEvents()


def open_window(qtbot, path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    show_active(qtbot, window)
    assert window.open_path(path)
    return window


def example_file(tmp_path):
    path = tmp_path / "saint-exemple.socle"
    dossier = loads(example_dossier_path().read_text(encoding="utf-8"))
    create_dossier_file(path, dossier, load_campaign(dossier.campagne))
    return path


def articles(dossier, variant_id) -> list[str]:
    return sorted(
        line.article for lines in variants.lines_of(dossier, variant_id).values() for line in lines
    )


def test_the_visit_by_the_keyboard(qtbot, tmp_path):
    path = example_file(tmp_path)
    window = open_window(qtbot, path)
    session = window.session
    assert window.wizard.go_to(int(PageId.CLASSES))
    focus(window.wizard.page_classes.classes_table)
    principale = session.dossier.courante
    before = articles(session.dossier, principale)
    bar = window.editor.variant_bar
    assert bar.combo.currentText() == "Principale (retenue)"

    # 1. duplicate: Ctrl+Maj+N, a name, Entrée
    press(Qt.Key.Key_N, CTRL | SHIFT)
    dialog = window.variant_actions.name_dialog
    assert QApplication.focusWidget() is dialog.name_edit
    assert dialog.name_edit.text() == "Variante 2"
    keyboard("Écrans interactifs")  # replaces the selected proposal
    press(Qt.Key.Key_Return)
    assert not dialog.isVisible()
    eni = session.dossier.courante
    assert eni != principale and session.dossier.variante(eni).nom == "Écrans interactifs"
    assert bar.combo.currentText() == "Écrans interactifs"
    assert (
        bar.note.text() == "Pas la variante retenue : le PDF et le dépôt utilisent « Principale »."
    )
    assert articles(session.dossier, eni) == before

    # 2. replace the VPI by 65" screens in this variant: Ctrl+H
    press(Qt.Key.Key_H, CTRL)
    replace = window.variant_actions.replace_dialog
    assert QApplication.focusWidget() is replace.old_combo
    keyboard("Vid")  # « Vidéoprojecteur interactif (VPI) installé — 4 lignes »
    assert replace.old_combo.currentData() == "vpi"
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is replace.new_combo
    keyboard("É")  # « Écran numérique interactif 65" installé »
    assert replace.new_combo.currentData() == "eni-65"
    assert replace.preview.text().startswith("4 lignes seront remplacées")
    press(Qt.Key.Key_Return)
    assert not replace.isVisible()
    assert "vpi" not in articles(session.dossier, eni)
    assert articles(session.dossier, principale) == before  # the retained plan untouched
    retained = compute(variants.retained(session.dossier), session.campaign)
    delta = session.result.remaining - retained.remaining
    assert delta == 4 * (3200 - 2300)

    # 3. compare: Ctrl+Maj+C; the difference said; per school on demand
    press(Qt.Key.Key_C, CTRL | SHIFT)
    compare = window.variant_actions.compare_dialog
    assert compare.isVisible() and QApplication.focusWidget() is compare.figures_table
    assert f"Écrans interactifs : +{euros(delta)} de reste à charge" in compare.headlines.text()
    assert not compare.schools_table.isVisible()
    press(Qt.Key.Key_D, ALT)
    qtbot.waitUntil(compare.schools_table.isVisible)  # a mnemonic animates the click
    focus(compare.figures_table)

    # 4. retain the variant of the chosen column: → then Alt+R
    press(Qt.Key.Key_Right)
    assert compare.chosen().nom == "Écrans interactifs"
    press(Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: session.dossier.retenue == eni)
    assert compare.figures_table.horizontalHeaderItem(1).text().endswith("(retenue)")
    press(Qt.Key.Key_Escape)
    assert not compare.isVisible()
    assert bar.combo.currentText() == "Écrans interactifs (retenue)"
    assert read_dossier(path)[0].retenue == eni

    # 5. undo each step, then redo them: Ctrl+Z, Ctrl+Maj+Z
    field = window.wizard.page_classes.classes_table
    focus(field)
    press(Qt.Key.Key_Z, CTRL)  # retain
    assert session.dossier.retenue == principale
    press(Qt.Key.Key_Z, CTRL)  # replacement
    assert articles(session.dossier, eni) == before and session.dossier.courante == eni
    press(Qt.Key.Key_Z, CTRL)  # the new variant
    assert [v.nom for v in session.dossier.variantes] == ["Principale"]
    assert session.dossier.courante == principale
    assert bar.combo.currentText() == "Principale (retenue)"
    assert [v.nom for v in read_dossier(path)[0].variantes] == ["Principale"]
    for _ in range(3):
        press(Qt.Key.Key_Z, CTRL | SHIFT)
    assert session.dossier.retenue == eni == session.dossier.courante
    assert "vpi" not in articles(session.dossier, eni)

    # 6. reopen the file: everything is there
    window.close()
    again = open_window(qtbot, path)
    dossier = again.session.dossier
    assert [v.nom for v in dossier.variantes] == ["Principale", "Écrans interactifs"]
    assert dossier.retenue == dossier.courante == eni
    assert articles(dossier, principale) == before
    assert "vpi" not in articles(dossier, eni) and "eni-65" in articles(dossier, eni)
    assert again.editor.variant_bar.combo.currentText() == "Écrans interactifs (retenue)"


def two_variants(qtbot, tmp_path):
    window = open_window(qtbot, example_file(tmp_path))
    session = window.session
    created = variants.create(session.dossier, "Sans tablettes")
    assert session.edit(created)
    school = session.dossier.ecoles[0]
    variants.switch(session.dossier, created.variante.id)
    tablets = next(line for line in school.lignes if line.article == "tablette")
    variants.switch(session.dossier, session.dossier.retenue)
    session.recompute()
    return window, created.variante.id, tablets.id


def test_switching_from_any_page_keeps_the_field_being_typed_in(qtbot, tmp_path):
    window, other, _tablets = two_variants(qtbot, tmp_path)
    session = window.session
    field = window.wizard.page_porteur.nom_edit
    type_text(field, " (essai)")
    typed = field.text()
    for keys, expected in (
        ((Qt.Key.Key_2, ALT), other),
        ((Qt.Key.Key_1, ALT), session.dossier.retenue),
        ((Qt.Key.Key_PageDown, CTRL | ALT), other),
        ((Qt.Key.Key_PageDown, CTRL | ALT), session.dossier.retenue),
        ((Qt.Key.Key_PageUp, CTRL | ALT), other),
    ):
        press(*keys)
        assert session.dossier.courante == expected
        assert QApplication.focusWidget() is field and field.text() == typed
    assert window.editor.variant_bar.combo.currentData() == other
    assert window.statusBar().currentMessage() == "Variante « Sans tablettes »"


def test_the_panel_shows_the_variant_switched_to(qtbot, tmp_path):
    window, other, tablets = two_variants(qtbot, tmp_path)
    session = window.session
    variants.switch(session.dossier, other)
    assert session.edit(variants_remove_line(session, tablets))
    expected = euros(session.result.expense)
    press_focus(window)
    press(Qt.Key.Key_1, ALT)
    assert window.panel.expense_label.text() != expected
    press(Qt.Key.Key_2, ALT)
    assert window.panel.expense_label.text() == expected


def variants_remove_line(session, line_id):
    from socle_desktop.domain import edits

    return edits.Remove("ligne", line_id, "Supprimer « Tablette »")


def press_focus(window) -> None:
    focus(window.wizard.currentPage())


def test_undo_goes_back_to_the_variant_it_was_made_in(qtbot, tmp_path):
    window, other, tablets = two_variants(qtbot, tmp_path)
    session = window.session
    assert window.wizard.go_to(int(PageId.EQUIPEMENT_ECOLE))
    press_focus(window)
    press(Qt.Key.Key_2, ALT)
    assert session.edit(variants_remove_line(session, tablets))
    press(Qt.Key.Key_1, ALT)  # back on the retained variant, which still has its tablets
    assert session.dossier.courante == session.dossier.retenue
    press(Qt.Key.Key_Z, CTRL)
    assert session.dossier.courante == other  # the undo went where the line was removed
    assert any(line.id == tablets for line in session.dossier.ecoles[0].lignes)
    assert "Annulé : Supprimer « Tablette »" in window.statusBar().currentMessage()
    assert window.editor.variant_bar.combo.currentData() == other


def test_a_name_taken_is_said_in_the_dialog_which_stays_open(qtbot, tmp_path):
    window, _other, _tablets = two_variants(qtbot, tmp_path)
    press_focus(window)
    press(Qt.Key.Key_N, CTRL | SHIFT)
    dialog = window.variant_actions.name_dialog
    keyboard("sans TABLETTES")
    press(Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == ("Nom refusé : une variante s'appelle déjà « Sans tablettes ».")
    assert QApplication.focusWidget() is dialog.name_edit
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(window.session.dossier.variantes) == 2


def test_delete_and_retain_from_the_menu(qtbot, tmp_path):
    window, other, _tablets = two_variants(qtbot, tmp_path)
    actions = window.variant_actions
    assert not actions.delete_action.isEnabled()  # the retained one is shown
    press_focus(window)
    press(Qt.Key.Key_2, ALT)
    assert actions.delete_action.isEnabled() and actions.retain_action.isEnabled()
    actions.delete_action.trigger()
    assert [v.nom for v in window.session.dossier.variantes] == ["Principale"]
    assert "supprimée (Ctrl+Z pour annuler)" in window.statusBar().currentMessage()
    press(Qt.Key.Key_Z, CTRL)
    assert window.session.dossier.courante == other
    actions.retain_action.trigger()
    assert window.session.dossier.retenue == other
    assert not actions.retain_action.isEnabled()


def test_no_shortcut_of_the_window_is_bound_twice(qtbot, tmp_path):
    window, _other, _tablets = two_variants(qtbot, tmp_path)
    seen: dict[str, str] = {}
    for action in window.findChildren(type(window.variant_actions.new_action)):
        for sequence in action.shortcuts():
            text = sequence.toString()
            assert text not in seen, f"{text} : {seen.get(text)} et {action.text()}"
            seen[text] = action.text()
    assert {
        "Alt+1",
        "Alt+9",
        "Ctrl+Alt+PgDown",
        "Ctrl+Alt+PgUp",
        "Ctrl+Shift+N",
        "Ctrl+Shift+C",
        "Ctrl+H",
    } <= set(seen)
    assert not any(
        text.startswith("Ctrl+Alt+") and len(text) == len("Ctrl+Alt+X") for text in seen
    )  # never AltGr+letter (€, @…) on a Windows keyboard


def test_going_back_to_a_variant_shown_since_the_last_edit_reuses_its_figures(qtbot, tmp_path):
    window, other, tablets = two_variants(qtbot, tmp_path)
    session = window.session
    first = session.result
    assert session.switch_variant(other)
    assert session.switch_variant(session.dossier.retenue)
    assert session.result is first  # nothing changed: not computed again
    assert session.edit(variants.rename(session.dossier, other, "Autre nom"))
    assert session.switch_variant(other)
    assert session.switch_variant(session.dossier.retenue)
    assert session.result is not first and session.result == compute(
        session.dossier, session.campaign
    )


def test_the_guide_tells_the_variants_and_their_keys(qtbot, tmp_path):
    from socle_desktop.gui.help_dialog import show_guide

    window = open_window(qtbot, example_file(tmp_path))
    guide = show_guide(window, window.session.campaign)
    qtbot.addWidget(guide)
    from PySide6.QtGui import QKeySequence

    text = guide.browser.toPlainText()
    assert "La variante affichée est au-dessus du panneau de droite" in text
    actions = window.variant_actions
    native = QKeySequence.SequenceFormat.NativeText  # « Ctrl+Maj+N » once Qt speaks French
    for action in (
        actions.new_action,
        actions.compare_action,
        actions.replace_action,
        actions.next_action,
    ):
        assert action.shortcut().toString(native) in text, action.text()
    assert "Alt+1 … Alt+9" in text


def test_the_selector_s_tip_names_the_variant_shown_whole(qtbot, tmp_path):
    """A long name is cut in the box; its tip says it whole, and follows a switch."""
    window, other, _tablets = two_variants(qtbot, tmp_path)
    combo = window.findChild(QComboBox, "variant_combo")
    long_name = "Écrans interactifs dans toutes les classes, tablettes et valises partout"
    assert window.session.edit(variants.rename(window.session.dossier, other, long_name))
    assert "« Principale (retenue) »" in combo.toolTip()
    press_focus(window)
    press(Qt.Key.Key_2, ALT)
    assert f"« {long_name} »" in combo.toolTip()
