"""Importing schools from the Ministry's open data, driven as a user would: the Écoles page's
button, « Choisir… » for each file (read in the background), the communes typed, ticks clicked,
« Importer », then Édition › Annuler. The real extracts of Ille-et-Vilaine are read from
../shared/data (tests/conftest.py says how to point elsewhere; the tests are skipped without)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.model import Commune, Dossier, Porteur
from socle_desktop.gui import opendata_jobs
from socle_desktop.gui.import_ecoles_dialog import ImportEcolesDialog
from socle_desktop.gui.main_window import MainWindow
from socle_desktop.gui.pages.ecoles import EcolesPage
from socle_desktop.gui.preferences import settings
from socle_desktop.gui.session import Session
from socle_desktop.gui.wizard import PageId
from socle_desktop.store import create_dossier_file, read_dossier
from tests.gui.conftest import clear_and_type, shows_state, type_text
from tests.gui.windows import answer_open_dialog, show_active

CARDROC, PACE = "35050", "35210"
CARDROC_SCHOOL = "0350165P"  # École élémentaire publique de Cardroc, 3 classes
GUY_GERARD, SAINTE_ANNE, HAUT_CHEMIN, MATERNELLE_PACE = (
    "0352134E",
    "0352377U",
    "0352353T",
    "0351023X",
)


def _window_on_ecoles(qtbot, tmp_path) -> tuple[MainWindow, Path]:
    """A main window on a dossier file of the commune of Cardroc, at the Écoles step."""
    path = tmp_path / "cardroc.socle"
    dossier = Dossier(
        porteur=Porteur(nom="Commune de Cardroc"), communes=[Commune(CARDROC, "Cardroc")]
    )
    create_dossier_file(path, dossier, load_campaign())
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    show_active(qtbot, window)
    assert window.open_path(path)
    assert window.wizard.go_to(int(PageId.ECOLES))
    return window, path


def _open_dialog(qtbot, page: EcolesPage) -> ImportEcolesDialog:
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _dialog(qtbot, dossier: Dossier | None = None) -> tuple[Session, ImportEcolesDialog]:
    session = Session(dossier or Dossier(), load_campaign())
    dialog = ImportEcolesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return session, dialog


def _choose(qtbot, monkeypatch, dialog, button, path: Path) -> None:
    """« Choisir… » answered with ``path``, then wait for the background reading to end."""
    answer_open_dialog(monkeypatch, path)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._job is None and not dialog._queue, timeout=10_000)


def _row(dialog, uai: str) -> int:
    return [p.uai for p in dialog.model.proposals].index(uai)


def _click_check_box(qtbot, dialog, row: int) -> None:
    table = dialog.table
    index = dialog.model.index(row, 0)
    table.scrollTo(index)
    option = QStyleOptionViewItem()
    option.rect = table.visualRect(index)
    table.itemDelegate().initStyleOption(option, index)
    box = table.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table
    )
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def _uais(dossier) -> list[str]:
    return [school.uai for school in dossier.ecoles]


def test_import_ticked_schools_into_the_file_then_undo(
    qtbot, monkeypatch, tmp_path, annuaire_35, effectifs_35
):
    window, path = _window_on_ecoles(qtbot, tmp_path)
    page = window.wizard.page_ecoles
    dialog = _open_dialog(qtbot, page)
    assert dialog.commune_edit.text() == "Cardroc (35050)"  # the dossier's own commune
    assert not dialog.commune_edit.isEnabled() and not dialog.import_button.isEnabled()

    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    assert dialog.annuaire_edit.text() == str(annuaire_35)
    assert [p.uai for p in dialog.model.proposals] == [CARDROC_SCHOOL]  # shown at once
    _choose(qtbot, monkeypatch, dialog, dialog.effectifs_button, effectifs_35)
    assert "rentrée 2022" in dialog.files_label.text()
    assert settings().value("opendata/annuaire") == str(annuaire_35)
    assert settings().value("opendata/effectifs") == str(effectifs_35)

    clear_and_type(dialog.commune_edit, "Cardroc, Pacé")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    assert dialog.message_label.text() == ""
    assert {p.uai for p in dialog.model.proposals} == {
        CARDROC_SCHOOL,
        GUY_GERARD,
        SAINTE_ANNE,
        HAUT_CHEMIN,
        MATERNELLE_PACE,
    }
    assert {p.uai for p in dialog.model.ticked()} == {
        CARDROC_SCHOOL,
        GUY_GERARD,
        SAINTE_ANNE,
        HAUT_CHEMIN,
    }  # the maternelle is not
    assert window.session.dossier.ecoles == []  # nothing done before « Importer »

    _click_check_box(qtbot, dialog, _row(dialog, SAINTE_ANNE))
    assert SAINTE_ANNE not in {p.uai for p in dialog.model.ticked()}
    assert dialog.summary_label.text() == "3 écoles ajoutées ; commune ajoutée : Pacé."
    assert SAINTE_ANNE not in dialog.changes_edit.toPlainText()
    assert "Guy Gérard (0352134E) : ajoutée" in dialog.changes_edit.toPlainText()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    expected = {CARDROC_SCHOOL: 3, GUY_GERARD: 10, HAUT_CHEMIN: 6}
    for dossier in (window.session.dossier, read_dossier(path)[0]):
        assert sorted(_uais(dossier)) == sorted(expected)
        assert {s.uai: s.cycle_2_3_classes for s in dossier.ecoles} == expected
        assert [c.insee for c in dossier.communes] == [CARDROC, PACE]
    assert page.model.rowCount() == 3
    assert window.menus.undo_action.text() == "&Annuler « importer 3 écoles de l'annuaire »"

    window.menus.undo_action.trigger()  # Édition › Annuler: one step takes the whole import back
    for dossier in (window.session.dossier, read_dossier(path)[0]):
        assert dossier.ecoles == []
        assert [c.insee for c in dossier.communes] == [CARDROC]
    assert page.model.rowCount() == 0


def test_space_ticks_the_current_row_and_tick_all_skips_what_cannot_be(
    qtbot, monkeypatch, annuaire_35, effectifs_35
):
    session, dialog = _dialog(qtbot)
    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    type_text(dialog.commune_edit, "Pacé")
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    row = _row(dialog, MATERNELLE_PACE)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(row, 3))  # any cell of the row
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert MATERNELLE_PACE in {p.uai for p in dialog.model.ticked()}
    assert "maternelle" in dialog.changes_edit.toPlainText()
    qtbot.mouseClick(dialog.untick_all_button, Qt.MouseButton.LeftButton)
    assert dialog.model.ticked() == [] and not dialog.import_button.isEnabled()
    assert dialog.changes_edit.toPlainText() == ""
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    assert len(dialog.model.ticked()) == 4

    type_text(dialog.commune_edit, ", Rennes")  # two private schools outside any contract
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    outside = [r for r, p in enumerate(dialog.model.proposals) if not p.eligible]
    assert outside
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    for row in outside:
        index = dialog.model.index(row, 0)
        assert not index.flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert index.data(Qt.ItemDataRole.CheckStateRole) is None
        assert dialog.model.index(row, 3).data() == "Privé hors contrat"
        assert "hors contrat" in dialog.model.index(row, 7).data(Qt.ItemDataRole.ToolTipRole)
        assert dialog.model.proposals[row] not in dialog.model.ticked()
    assert session.dossier.ecoles == []


def test_unknown_commune_is_told_in_french(qtbot, monkeypatch, annuaire_35):
    session, dialog = _dialog(qtbot)
    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    type_text(dialog.commune_edit, "Cardroc")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == 1
    clear_and_type(dialog.commune_edit, "Rennnes")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    message = dialog.message_label.text()
    assert message.startswith("Aucune commune « Rennnes » dans l'annuaire choisi.")
    assert "Rennes (35238)" in message  # a close name is suggested
    assert dialog.message_label.isVisible() and shows_state(dialog.message_label, "error")
    assert dialog.model.rowCount() == 1  # the previous schools stay shown
    assert dialog.isVisible() and session.dossier.ecoles == []  # Enter did not import


@pytest.mark.parametrize("which", ["effectifs as annuaire", "text file", "missing file"])
def test_a_wrong_file_is_told_in_french_and_nothing_changes(
    qtbot, monkeypatch, tmp_path, annuaire_35, effectifs_35, which
):
    session, dialog = _dialog(qtbot)
    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    type_text(dialog.commune_edit, "Cardroc")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    notes = tmp_path / "notes.txt"
    notes.write_text("Liste des écoles à voir\nà compléter\n", encoding="utf-8")
    wrong, button, expected = {
        "effectifs as annuaire": (
            effectifs_35,
            dialog.annuaire_button,
            "pas l'annuaire de l'éducation",
        ),
        "text file": (notes, dialog.annuaire_button, "aucune des colonnes attendues"),
        "missing file": (
            tmp_path / "effacé.csv",
            dialog.effectifs_button,
            "effacé.csv : fichier introuvable",
        ),
    }[which]
    _choose(qtbot, monkeypatch, dialog, button, wrong)
    assert expected in dialog.message_label.text()
    assert wrong.name in dialog.message_label.text()
    assert shows_state(dialog.message_label, "error")
    assert dialog.annuaire_edit.text() == str(annuaire_35)  # the previous file still in use
    assert dialog.effectifs_edit.text() == ""
    assert settings().value("opendata/annuaire") == str(annuaire_35)
    assert [p.uai for p in dialog.model.proposals] == [CARDROC_SCHOOL]
    assert dialog.import_button.isEnabled()
    assert session.dossier.ecoles == [] and session.undo_stack.count() == 0


def _slow_reading(monkeypatch) -> None:
    """Each progress call of the reading takes 50 ms: the user has time to cancel."""
    real = opendata_jobs.READERS[opendata_jobs.ANNUAIRE]

    def slow(path, progress):
        return real(path, lambda fraction: time.sleep(0.05) or progress(fraction))

    monkeypatch.setitem(opendata_jobs.READERS, opendata_jobs.ANNUAIRE, slow)


def test_cancel_during_reading_leaves_the_dialog_usable(qtbot, monkeypatch, tmp_path, annuaire_35):
    big = tmp_path / "annuaire-national.csv"  # 40 000 rows: ten progress calls, 0.5 s at least
    rows = (
        f"09{n:05d}A;Ecole {n};Ecole;{10000 + n % 30000};Commune {n % 30000}" for n in range(40_000)
    )
    big.write_text(
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;"
        "Code_commune;Nom_commune\n" + "\n".join(rows),
        encoding="utf-8",
    )
    _slow_reading(monkeypatch)
    session, dialog = _dialog(qtbot)
    answer_open_dialog(monkeypatch, big)
    qtbot.mouseClick(dialog.annuaire_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and dialog.status_stack.currentIndex() == 1
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0 or dialog._job is None)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._job is None, timeout=5000)
    assert dialog.message_label.text() == (
        "Lecture de annuaire-national.csv annulée : rien n'a changé."
    )
    assert not dialog.cancel_button.isVisible() and dialog.annuaire_edit.text() == ""
    assert dialog.annuaire is None and not dialog.commune_edit.isEnabled()
    assert settings().value("opendata/annuaire") is None

    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    type_text(dialog.commune_edit, "35050")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    assert [p.uai for p in dialog.model.proposals] == [CARDROC_SCHOOL]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert _uais(session.dossier) == [CARDROC_SCHOOL]


def test_remembered_files_are_read_at_opening(qtbot, annuaire_35, effectifs_35, tmp_path):
    settings().setValue("opendata/annuaire", str(annuaire_35))
    settings().setValue("opendata/effectifs", str(tmp_path / "gone.csv"))  # since deleted
    dossier = Dossier(communes=[Commune(PACE, "Pacé"), Commune(CARDROC, "Cardroc")])
    session, dialog = _dialog(qtbot, dossier)
    assert dialog.commune_edit.text() == "Pacé (35210), Cardroc (35050)"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=10_000)
    assert dialog.effectifs is None and dialog.effectifs_edit.text() == ""
    assert not dialog.effectifs_remove_button.isEnabled()
    assert dialog.model.proposals[-1].uai == CARDROC_SCHOOL  # in the order typed
    assert "classes à saisir" in dialog.model.index(0, 7).data()
    assert dialog.message_label.text() == ""


def test_the_button_is_on_the_ecoles_page_and_off_when_read_only(qtbot, example_dossier, campaign):
    class ReadOnlyFile:
        read_only = True

    writable = EcolesPage(Session(example_dossier, campaign))
    read_only = EcolesPage(Session(example_dossier, campaign, ReadOnlyFile()))
    for page in (writable, read_only):
        qtbot.addWidget(page)
    assert writable.import_button.text() == (
        "&Importer depuis les données de l'Éducation nationale…"
    )
    assert writable.import_button.isEnabled() and not read_only.import_button.isEnabled()
    assert "lecture seule" in read_only.import_button.toolTip()
    assert writable.remove_button.nextInFocusChain() is writable.import_button  # tab order


def test_removing_the_effectifs_leaves_the_classes_to_type(
    qtbot, monkeypatch, annuaire_35, effectifs_35
):
    session, dialog = _dialog(qtbot)
    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    _choose(qtbot, monkeypatch, dialog, dialog.effectifs_button, effectifs_35)
    type_text(dialog.commune_edit, "Pacé")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    row = _row(dialog, GUY_GERARD)
    assert dialog.model.index(row, 6).data() == "10"
    _click_check_box(qtbot, dialog, row)  # the user's tick survives the new proposals
    qtbot.mouseClick(dialog.effectifs_remove_button, Qt.MouseButton.LeftButton)
    assert dialog.effectifs_edit.text() == "" and settings().value("opendata/effectifs") is None
    assert dialog.model.index(row, 6).data() == "–"
    assert "classes à saisir" in dialog.model.index(row, 7).data()
    assert GUY_GERARD not in {p.uai for p in dialog.model.ticked()}
    assert not dialog.effectifs_remove_button.isEnabled()


def test_hostile_names_from_a_file_show_exactly_as_written(qtbot, monkeypatch, tmp_path):
    from socle_desktop.opendata.samples import ANNUAIRE_COLUMNS, annuaire_row, write_csv

    commune = "<b>Saint-&amp;-Été</b> 🏫 " + "sur-Vilaine-" * 14
    school = "École <i>des</i> Lilas & Cie 🏫 " + "du Val " * 25
    path = write_csv(
        tmp_path / "annuaire.csv",
        [annuaire_row("0350165P", school, "35999", commune)],
        ANNUAIRE_COLUMNS,
    )
    session, dialog = _dialog(qtbot)
    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, path)
    clear_and_type(dialog.commune_edit, "35999")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    shown = dialog.model.index(0, 0).data()
    assert shown == " ".join(school.split())
    for label in (dialog.summary_label, dialog.count_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert commune in dialog.summary_label.text() and commune in dialog.count_label.text()
    assert dialog.width() <= 1100  # 200-character names do not widen the dialog
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [s.nom for s in session.dossier.ecoles] == [" ".join(school.split())]
    assert [c.nom for c in session.dossier.communes] == [commune]


def test_a_large_file_is_read_in_another_process_as_the_user_sees_no_difference(
    qtbot, monkeypatch, tmp_path, annuaire_35, effectifs_35
):
    """From PROCESS_FROM_BYTES on (the national files), a child process reads; here every
    file is « large »: the same schools, the same French messages, « Annuler » ends the child."""
    monkeypatch.setattr(opendata_jobs, "PROCESS_FROM_BYTES", 0)
    children = []
    real_start = multiprocessing.context.SpawnProcess.start

    def start(process):
        children.append(process)
        real_start(process)

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", start)
    session, dialog = _dialog(qtbot, Dossier(communes=[Commune(CARDROC, "Cardroc")]))
    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, annuaire_35)
    _choose(qtbot, monkeypatch, dialog, dialog.effectifs_button, effectifs_35)
    assert len(children) == 2 and not any(child.is_alive() for child in children)
    assert "rentrée 2022" in dialog.files_label.text()
    clear_and_type(dialog.commune_edit, "Cardroc, Pacé")
    qtbot.keyClick(dialog.commune_edit, Qt.Key.Key_Return)
    assert {p.uai for p in dialog.model.ticked()} == {
        CARDROC_SCHOOL,
        GUY_GERARD,
        SAINTE_ANNE,
        HAUT_CHEMIN,
    }
    cardroc = dialog.model.proposals[_row(dialog, CARDROC_SCHOOL)]
    assert cardroc.counts is not None and cardroc.counts.annee == 2022

    _choose(qtbot, monkeypatch, dialog, dialog.annuaire_button, effectifs_35)  # the wrong one
    assert "pas l'annuaire de l'éducation" in dialog.message_label.text()
    assert dialog.annuaire_edit.text() == str(annuaire_35)  # the previous file still in use

    answer_open_dialog(monkeypatch, annuaire_35)
    qtbot.mouseClick(dialog.annuaire_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._job is None, timeout=10_000)
    assert (
        dialog.message_label.text() == f"Lecture de {annuaire_35.name} annulée : rien n'a changé."
    )
    assert not children[-1].is_alive()  # ended, not left reading
    assert len(dialog.model.proposals) == 5 and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(session.dossier.ecoles) == 4
