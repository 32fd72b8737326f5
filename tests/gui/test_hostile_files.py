"""The window on planted and special files: it says why in French, stays usable, and every
other file keeps its bytes."""

from __future__ import annotations

import html
import os
import shutil
import sqlite3
import sys

import pytest

from socle_desktop.gui import preferences
from socle_desktop.gui.main_window import MainWindow
from socle_desktop.resources import example_dossier_path
from tests.gui.conftest import type_text
from tests.gui.windows import answer_open_dialog, new_window, record_message_boxes, show_active
from tests.store.conftest import FIXTURE_V1
from tests.store.planted import at_most, execute, folder_state

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")


def window(qtbot) -> MainWindow:
    shown = MainWindow()
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    show_active(qtbot, shown)
    return shown


@pytest.fixture
def folder(tmp_path):
    """The dossiers' folder (tmp_path also holds the window's settings)."""
    made = tmp_path / "partage"
    made.mkdir()
    return made


@pytest.fixture
def dossier(folder, example_dossier, campaign):
    from socle_desktop.store import create_dossier_file

    path = folder / "commune.socle"
    create_dossier_file(path, example_dossier, campaign)
    return path


def banner(shown) -> str:
    return html.unescape(shown.banner_label.text())


@POSIX_ONLY
def test_a_planted_lock_link_opens_read_only_and_says_why(qtbot, monkeypatch, dossier, folder):
    victim = folder / "precieux.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    (folder / "commune.socle.lock").symlink_to(victim)
    before = folder_state(folder)
    record_message_boxes(monkeypatch)
    shown = window(qtbot)
    assert shown.open_path(dossier)
    assert shown.windowTitle() == "commune.socle [lecture seule]"
    text = banner(shown)
    assert "« commune.socle.lock » est un lien symbolique" in text and "supprimez" in text
    type_text(shown.wizard.page_porteur.nom_edit, " modifiée")  # kept in the window only
    assert folder_state(folder) == before


def test_a_planted_trigger_is_told_and_the_dossier_opens_read_only(
    qtbot, monkeypatch, dossier, folder
):
    execute(
        dossier, "CREATE TRIGGER nettoyage AFTER UPDATE ON porteur BEGIN DELETE FROM ecoles; END"
    )
    before = folder_state(folder)
    calls = record_message_boxes(monkeypatch)
    shown = window(qtbot)
    assert shown.open_path(dossier)
    kind, title, text = calls[0]
    assert (kind, title) == ("question", "Dossier modifié par un autre programme")
    assert "le déclencheur « nettoyage »" in text and "lecture seule" in text
    assert shown.file.read_only and "rien de ce qu'il contient ne s'exécute" in banner(shown)
    type_text(shown.wizard.page_porteur.nom_edit, " modifiée")
    assert len(shown.session.dossier.ecoles) == 2  # nothing fired
    assert folder_state(folder) == before


@POSIX_ONLY
def test_a_fifo_is_refused_at_once_from_the_menu_and_the_recent_list(qtbot, monkeypatch, tmp_path):
    fifo = tmp_path / "tube.socle"
    os.mkfifo(fifo)
    calls = record_message_boxes(monkeypatch)
    shown = window(qtbot)
    answer_open_dialog(monkeypatch, fifo)
    with at_most(10):
        shown.menus.open_action.trigger()
    assert calls[-1][0] == "warning" and "tube nommé (FIFO)" in calls[-1][2]
    assert "Rien n'a été modifié" in calls[-1][2]
    preferences.settings().setValue("files/recent", [str(fifo)])  # known from a former life
    shown.recent.fill_list()
    with at_most(10):
        shown.recent_list.itemActivated.emit(shown.recent_list.item(0))
    assert "tube nommé (FIFO)" in calls[-1][2]
    assert shown.recent_files() == [] and shown.file is None
    with at_most(10):
        assert not shown.import_json(fifo)
    assert "tube nommé (FIFO)" in calls[-1][2] and "Rien n'a été créé" in calls[-1][2]


@POSIX_ONLY
def test_a_link_loop_is_refused_while_a_dossier_is_open(qtbot, monkeypatch, tmp_path):
    shown = new_window(qtbot, monkeypatch, tmp_path / "ouvert.socle")
    loop = tmp_path / "boucle.socle"
    loop.symlink_to(loop)
    calls = record_message_boxes(monkeypatch)
    assert not shown.open_path(loop)
    assert "boucle" in calls[-1][2]
    assert shown.windowTitle() == "ouvert.socle"  # what was open stays open


def test_a_file_migrated_then_refused_does_not_claim_nothing_changed(qtbot, monkeypatch, folder):
    old = folder / "ancien.socle"
    conn = sqlite3.connect(old)
    conn.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    conn.execute("UPDATE ecoles SET secteur = 'inconnu-ici'")  # read after the migration
    conn.commit()
    conn.close()
    calls = record_message_boxes(monkeypatch)
    assert not window(qtbot).open_path(old)
    kind, _title, text = calls[-1]
    assert kind == "warning" and "mis à jour du format 1 au format 3" in text
    assert "Rien n'a été modifié" not in text


def test_a_dossier_replaced_on_disk_is_noticed_before_the_next_edit(
    qtbot, monkeypatch, dossier, folder, tmp_path
):
    shown = window(qtbot)
    assert shown.open_path(dossier)
    name_edit = shown.wizard.page_porteur.nom_edit
    type_text(name_edit, " A")
    received = tmp_path / "recu.socle"  # the colleague's version, saved over it
    shutil.copyfile(dossier, received)
    execute(received, "UPDATE porteur SET nom = 'Version du collègue'")
    os.replace(received, dossier)
    before = without_lock(folder_state(folder))
    calls = record_message_boxes(monkeypatch)
    type_text(name_edit, "B")
    kind, title, text = calls[0]
    assert (kind, title) == ("critical", "Dossier remplacé sur le disque")
    assert "remplacé par un autre fichier" in text and "Enregistrer sous" in text
    assert shown.windowTitle() == "commune.socle [lecture seule]"
    assert "remplacé par un autre fichier" in banner(shown)
    assert name_edit.hasFocus()
    assert name_edit.text().endswith(" A")  # the cancelled « B » is not shown as if kept
    type_text(name_edit, "C")  # read-only now: kept in the window, no second dialog
    assert len(calls) == 1
    assert without_lock(folder_state(folder)) == before  # nothing landed in the new file
    from socle_desktop.store import read_dossier
    from tests.gui.windows import answer_save_dialog

    answer_save_dialog(monkeypatch, folder / "sauve.socle")
    assert shown.save_as()
    assert read_dossier(folder / "sauve.socle")[0].porteur.nom == name_edit.text()
    assert name_edit.text().endswith(" AC")
    assert read_dossier(dossier)[0].porteur.nom == "Version du collègue"


def without_lock(state: dict) -> dict:
    return {name: what for name, what in state.items() if not name.endswith(".lock")}


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names are bytes on Linux only")
def test_a_latin_1_file_name_opens_with_its_name_readable(qtbot, monkeypatch, tmp_path):
    from socle_desktop.domain import jsonio
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.store import create_dossier_file, read_dossier

    path = tmp_path / os.fsdecode(b"Mairie d'\xc9t\xe9.socle")
    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    create_dossier_file(path, dossier, load_campaign())
    shown = window(qtbot)
    assert shown.open_path(path)
    assert shown.windowTitle() == "Mairie d'Été.socle"
    type_text(shown.wizard.page_porteur.nom_edit, "!")
    assert read_dossier(path)[0].porteur.nom.endswith("!")
    assert shown.recent_files() == []  # Qt could not keep the name: not remembered wrongly


def test_the_example_copy_of_a_killed_socle_goes_at_the_next_example(qtbot, monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / "socle-exemple-tue1234"  # left by a Socle killed a while ago
    stale.mkdir()
    (stale / "saint-exemple.socle").write_bytes(b"SQLite format 3\x00")
    os.utime(stale, (1, 1))
    foreign = tmp_path / "autre-programme"
    foreign.mkdir()
    first = window(qtbot)
    assert first.open_example()
    second = window(qtbot)
    os.utime(first.temporary_dir, (1, 1))  # old, but its dossier is open: it stays
    assert second.open_example()
    assert not stale.exists() and foreign.exists()
    assert os.path.isdir(first.temporary_dir) and os.path.isdir(second.temporary_dir)
