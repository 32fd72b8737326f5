"""The main window: start screen, new / open / example, title, undo and redo by the keyboard,
reopening, read-only, errors, recent files, geometry, PDF export."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard

from socle_desktop.domain.jsonio import dumps, loads
from socle_desktop.gui.main_window import MainWindow
from socle_desktop.gui.wizard import PageId
from socle_desktop.resources import example_dossier_path
from tests.gui.conftest import type_text
from tests.gui.windows import (
    answer_open_dialog,
    answer_save_dialog,
    example_window,
    new_window,
    record_message_boxes,
)


def _window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_start_screen_offers_new_open_and_example(qtbot):
    window = _window(qtbot)
    assert window.windowTitle() == ""  # Qt shows the display name, « Socle »
    assert window.stack.currentWidget() is window.start_screen
    texts = {b.text() for b in window.start_screen.findChildren(QPushButton)}
    assert {"&Nouveau dossier…", "&Ouvrir un dossier…"} <= texts
    assert any("exemple" in t for t in texts)
    assert not window.menus.pdf_action.isEnabled()


def test_new_dossier_from_the_start_screen_button(qtbot, monkeypatch, tmp_path):
    window = _window(qtbot)
    answer_save_dialog(monkeypatch, tmp_path / "mon dossier")  # the extension is added
    button = window.start_form.findChild(QPushButton, "new_button")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "mon dossier.socle").exists()
    assert window.windowTitle() == "mon dossier.socle"
    assert window.wizard.currentId() == PageId.PORTEUR
    assert window.panel.subsidy_label.text() == "0,00\u00a0€"


def test_typing_saves_at_once_and_ctrl_z_undoes_ctrl_shift_z_redoes(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    page = window.wizard.page_porteur
    type_text(page.nom_edit, "Mairie de Bréal")
    assert window.session.dossier.porteur.nom == "Mairie de Bréal"
    assert window.saved_label.text().startswith("Enregistré à ")
    qtbot.keyClick(page.nom_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.dossier.porteur.nom == ""
    assert page.nom_edit.text() == ""
    qtbot.keyClick(
        page.nom_edit,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.dossier.porteur.nom == "Mairie de Bréal"
    assert page.nom_edit.text() == "Mairie de Bréal"
    assert window.menus.undo_action.text() == "&Annuler « modifier le nom du porteur »"


def test_reopen_in_a_new_window_finds_everything(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "commune.socle"
    window = new_window(qtbot, monkeypatch, path)
    porteur = window.wizard.page_porteur
    type_text(porteur.nom_edit, "Commune de Saint-Médard")
    type_text(porteur.siren_edit, "213599905")
    type_text(porteur.insee_edit, "35999")
    type_text(porteur.commune_nom_edit, "Saint-Médard")
    qtbot.mouseClick(porteur.add_commune_button, Qt.MouseButton.LeftButton)
    assert window.wizard.go_to(PageId.ECOLES)
    ecoles = window.wizard.page_ecoles
    qtbot.mouseClick(ecoles.add_button, Qt.MouseButton.LeftButton)
    type_text(ecoles.nom_edit, "École des Lilas")
    type_text(ecoles.uai_edit, "0350001a")
    window.close()

    again = _window(qtbot)
    assert again.open_path(path)
    assert again.wizard.page_porteur.nom_edit.text() == "Commune de Saint-Médard"
    assert again.wizard.page_porteur.siren_edit.text() == "213599905"
    assert again.session.dossier.communes[0].nom == "Saint-Médard"
    school = again.session.dossier.ecoles[0]
    assert (school.nom, school.uai, school.commune) == ("École des Lilas", "0350001A", "35999")


def test_second_window_on_the_same_file_offers_read_only(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "partage.socle"
    first = new_window(qtbot, monkeypatch, path)
    assert first.file is not None
    calls = record_message_boxes(monkeypatch)
    second = _window(qtbot)
    assert second.open_path(path)
    assert second.file.read_only
    assert second.windowTitle() == "partage.socle [lecture seule]"
    assert not second.banner.isHidden()
    assert "Lecture seule" in second.banner_label.text()
    assert "Enregistrer sous" in second.banner_label.text()
    # the lock was told and the user chose to read it: a question, answered « Oui »
    assert [(kind, title) for kind, title, _text in calls] == [("question", "Dossier déjà ouvert")]
    assert "lecture seule" in calls[0][2]


def test_open_error_says_so_in_french_and_keeps_the_open_dossier(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "bon.socle")
    bad = tmp_path / "abime.socle"
    bad.write_bytes(b"ceci n'est pas un dossier")
    calls = record_message_boxes(monkeypatch)
    answer_open_dialog(monkeypatch, bad)
    window.menus.open_action.trigger()
    assert calls and calls[0][0] == "warning"
    assert "n'a pas pu être ouvert" in calls[0][2]
    assert window.windowTitle() == "bon.socle"
    assert window.session is not None


def test_example_opens_a_temporary_copy_and_never_touches_the_bundled_file(qtbot):
    before = hashlib.sha256(example_dossier_path().read_bytes()).hexdigest()
    window = example_window(qtbot)
    assert window.windowTitle() == "saint-exemple.socle"
    assert "copie temporaire" in window.banner_label.text()
    type_text(window.wizard.page_porteur.nom_edit, " modifiée")
    assert hashlib.sha256(example_dossier_path().read_bytes()).hexdigest() == before


def test_save_as_keeps_working_on_the_copy(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    answer_save_dialog(monkeypatch, tmp_path / "copie.socle")
    assert window.save_as()
    assert window.windowTitle() == "copie.socle"
    assert window.banner.isHidden()
    type_text(window.wizard.page_porteur.nom_edit, "!")
    window.close()
    again = _window(qtbot)
    assert again.open_path(tmp_path / "copie.socle")
    assert again.session.dossier.porteur.nom.endswith("!")


def test_recent_files_and_geometry_are_remembered(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "recent.socle"
    window = new_window(qtbot, monkeypatch, path)
    window.close()
    start = _window(qtbot)
    start.resize(700, 500)  # within the offscreen screen (800×600)
    start.close()
    again = _window(qtbot)
    assert again.recent_files()[0] == str(path.resolve())
    assert again.recent_list.count() == 1
    assert (again.width(), again.height()) == (700, 500)
    again.recent.fill_menu()
    assert "recent.socle" in again.menus.recent_menu.actions()[0].text()


def test_save_failure_is_reported(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    calls = record_message_boxes(monkeypatch)
    window.session.saveFailed.emit("disque plein")
    assert calls[0][0] == "critical" and "disque plein" in calls[0][2]


def test_embedded_wizard_never_hides_itself(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    wizard = window.wizard
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    wizard.reject()
    assert wizard.isVisible()
    assert wizard.button(QWizard.WizardButton.CancelButton).isHidden()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    missing = window.wizard_view.missing_label.text()
    assert "nom du porteur" in missing and "commune" in missing
    # a later step is not reachable from the list while this one is incomplete
    window.wizard_view._jump(int(PageId.SERVICES))
    assert wizard.currentId() == PageId.PORTEUR


def test_example_steps_can_be_reached_from_the_list_and_back_loses_nothing(qtbot):
    window = example_window(qtbot)
    wizard, steps = window.wizard, window.wizard_view.steps
    before = window.session.dossier
    rect = steps.visualItemRect(steps.item(int(PageId.SERVICES)))
    qtbot.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wizard.currentId() == PageId.SERVICES
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PageId.EQUIPEMENT_ECOLE
    wizard.go_to(PageId.PORTEUR)
    assert window.wizard.page_porteur.nom_edit.text() == before.porteur.nom
    # the same dossier, and nothing in it lost by the steps back and forth (ids aside)
    assert window.session.dossier is before
    assert dumps(before) == dumps(loads(example_dossier_path().read_text(encoding="utf-8")))


def test_finish_button_asks_for_the_pdf(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    target = tmp_path / "dossier.pdf"
    answer_save_dialog(monkeypatch, target)
    window.wizard.finishRequested.emit()
    qtbot.waitUntil(
        lambda: target.exists() and "PDF enregistré" in window.statusBar().currentMessage(),
        timeout=20000,
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in window.statusBar().currentMessage()


def test_export_pdf_with_ctrl_e_runs_in_the_background(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    target = tmp_path / "sortie"
    answer_save_dialog(monkeypatch, target)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "Écriture du PDF" in window.statusBar().currentMessage()  # returned before the PDF
    qtbot.waitUntil(lambda: (tmp_path / "sortie.pdf").exists(), timeout=20000)
    qtbot.waitUntil(lambda: "PDF enregistré" in window.statusBar().currentMessage(), timeout=5000)


def test_print_without_a_pdf_renderer_opens_the_pdf_in_the_viewer(qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    monkeypatch.setattr("socle_desktop.gui.pdf_pages.renderer_available", lambda: False)
    window = example_window(qtbot)
    window.menus.print_action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened[0].toLocalFile().endswith(".pdf")
    assert "imprimez-le" in window.statusBar().currentMessage()


def test_menus_are_french_with_standard_shortcuts(qtbot):
    window = _window(qtbot)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Fichier", "É&dition", "&Variantes", "&Aide"]
    assert window.menus.new_action.shortcut().toString() == "Ctrl+N"
    assert window.menus.open_action.shortcut().toString() == "Ctrl+O"
    assert window.menus.save_as_action.shortcut().toString() == "Ctrl+Shift+S"
    assert window.menus.pdf_action.shortcut().toString() == "Ctrl+E"
    assert window.menus.print_action.shortcut().toString() == "Ctrl+P"
    assert window.menus.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.menus.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.menus.redo_action.shortcut().toString() == "Ctrl+Shift+Z"


def test_typing_keeps_the_focus_and_suivant_follows_completeness(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QApplication

    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    page = window.wizard.page_porteur
    next_button = window.wizard.button(QWizard.WizardButton.NextButton)
    page.nom_edit.setFocus()
    type_text(page.nom_edit, "Commune")
    assert QApplication.focusWidget() is page.nom_edit  # QWizard's redraws did not steal it
    assert not next_button.isEnabled()
    type_text(page.insee_edit, "35037")
    type_text(page.commune_nom_edit, "Bréal")
    qtbot.keyClick(page.commune_nom_edit, Qt.Key.Key_Return)
    assert window.wizard.currentId() == PageId.PORTEUR  # Enter in a field never changes page
    assert next_button.isEnabled()
    qtbot.waitUntil(lambda: window.wizard_view.missing_label.isHidden())
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert window.wizard.currentId() == PageId.ECOLES
    assert not next_button.isEnabled()
    assert "Ajoutez au moins une école." in window.wizard_view.missing_label.text()


def test_opening_the_open_file_again_changes_nothing(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "d.socle")
    session = window.session
    calls = record_message_boxes(monkeypatch)
    assert window.open_path(tmp_path / "d.socle")
    assert window.session is session and not calls
    assert "déjà ouvert" in window.statusBar().currentMessage()


def test_qt_own_strings_are_french(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QApplication

    from socle_desktop.gui import app as app_module
    from socle_desktop.gui import qt_french

    app, locale = QApplication.instance(), QLocale()
    try:
        assert qt_french.install(app)
        app_module.setup_application(app)
        assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Oui"
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Voir dans\u00a0:"
        # Missing from qtbase_fr.qm, supplied by qt_french:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Regarder dans\u00a0:"
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "Dossier"
        assert (
            QKeySequence("Ctrl+Shift+Z").toString(QKeySequence.SequenceFormat.NativeText)
            == "Ctrl+Maj+Z"
        )
        assert QLocale().toString(1234.5, "f", 2) == "1\u202f234,50"
    finally:  # leave the other tests the process as they found it
        qt_french.uninstall(app)
        QLocale.setDefault(locale)


def test_read_only_changes_are_kept_with_save_as(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "partage.socle"
    first = new_window(qtbot, monkeypatch, path)
    assert first.file is not None
    record_message_boxes(monkeypatch)  # « ouvrir en lecture seule ? » → Oui
    second = _window(qtbot)
    assert second.open_path(path) and second.file.read_only
    type_text(second.wizard.page_porteur.nom_edit, "Brouillon")
    assert "non enregistrées" in second.saved_label.text()
    answer_save_dialog(monkeypatch, tmp_path / "copie.socle")
    assert second.save_as()
    assert second.windowTitle() == "copie.socle"
    assert second.banner.isHidden()
    type_text(second.wizard.page_porteur.nom_edit, " 2")
    second.close()
    third = _window(qtbot)
    assert third.open_path(tmp_path / "copie.socle")
    assert third.session.dossier.porteur.nom == "Brouillon 2"


def test_typing_pupils_updates_the_panel_with_the_computed_figures(qtbot):
    from socle_desktop.domain.money import euros
    from socle_desktop.domain.rules import compute
    from tests.gui.conftest import clear_and_type

    window = example_window(qtbot)
    window.wizard.go_to(PageId.ECOLES)
    page = window.wizard.page_ecoles
    page.select_school(0)
    before = window.panel.services_label.text()
    clear_and_type(page.eleves_edit, "5")  # 67 pupils in all: the services cap now binds
    result = compute(window.session.dossier, window.session.campaign)
    assert window.panel.services_label.text() == euros(result.services.subsidy) != before
    assert window.panel.subsidy_label.text() == euros(result.subsidy)
    assert window.panel.remaining_label.text() == euros(result.remaining)
    qtbot.keyClick(page.eleves_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.services_label.text() == before


def test_catalogue_opens_from_the_edition_menu_without_blocking(qtbot):
    window = example_window(qtbot)
    window.menus.catalogue_action.trigger()
    dialog = window.catalogue_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Catalogue"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_reopening_resumes_at_the_first_incomplete_step(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "reprise.socle"
    window = new_window(qtbot, monkeypatch, path)
    porteur = window.wizard.page_porteur
    type_text(porteur.nom_edit, "Commune de Plélo")
    type_text(porteur.insee_edit, "22183")
    type_text(porteur.commune_nom_edit, "Plélo")
    qtbot.mouseClick(porteur.add_commune_button, Qt.MouseButton.LeftButton)
    window.close()
    again = _window(qtbot)
    assert again.open_path(path)
    assert again.wizard.currentId() == PageId.ECOLES
    assert again.wizard_view.steps.currentRow() == PageId.ECOLES


def test_pdf_failure_is_told_in_french(qtbot, monkeypatch, tmp_path):
    window = example_window(qtbot)
    calls = record_message_boxes(monkeypatch)
    answer_save_dialog(monkeypatch, tmp_path / "absent" / "dossier.pdf")  # no such folder
    window.export_pdf()
    qtbot.waitUntil(lambda: bool(calls), timeout=20000)
    kind, title, text = calls[0]
    assert kind == "warning" and "n'a pas pu être écrit" in text
    assert window.pdf.jobs == []
