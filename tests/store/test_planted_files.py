"""What a file from anyone can put in or beside a dossier: never followed, run or applied.

Each case is made for real on disk (a planted link, a trigger, a foreign journal, a FIFO…);
each checks the French message and that every other file keeps its bytes.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from socle_desktop.domain import edits
from socle_desktop.store import DossierFile, StoreError, create_dossier_file, read_dossier
from socle_desktop.store.errors import ForeignSchema
from tests.store.conftest import rows
from tests.store.planted import at_most, execute, folder_state, interrupted_write

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs, signals")


def lock_of(path):
    return path.with_name(path.name + ".lock")


def edit_porteur(file: DossierFile, name: str = "Modifié") -> None:
    edit = edits.SetField("porteur", "", "nom", name)
    edits.apply(file.dossier, edit)
    file.apply(edit)


# --- 1. a planted lock file --------------------------------------------------------------------


@POSIX_ONLY
@pytest.mark.parametrize(
    "plant", ["symlink", "dangling symlink", "hard link", "foreign text", "fifo"]
)
def test_a_planted_lock_is_never_followed_truncated_or_written(
    dossier_path, example_dossier, campaign, plant
):
    folder = dossier_path.parent
    victim = folder / "precieux.txt"
    victim.write_text("Le budget de l'année, à ne pas perdre.\n" * 20, encoding="utf-8")
    lock = lock_of(dossier_path)
    if plant == "symlink":
        lock.symlink_to(victim.name)
    elif plant == "dangling symlink":
        lock.symlink_to("jamais-cree.txt")
    elif plant == "hard link":
        os.link(victim, lock)
    elif plant == "foreign text":
        lock.write_text("Ceci n'est pas un verrou de Socle.\n" * 40, encoding="utf-8")
    else:
        os.mkfifo(lock)
    before = folder_state(folder)
    with at_most(10):
        with DossierFile.open(dossier_path) as file:
            assert file.read_only  # looked at, never edited
            assert file.dossier == example_dossier
            assert f"« {lock.name} »" in file.read_only_reason
            assert "ni modifié ni remplacé" in file.read_only_reason
            assert "supprimez" in file.read_only_reason
        with pytest.raises(StoreError, match="ni modifié ni remplacé"):
            create_dossier_file(dossier_path, example_dossier, campaign, replace=True)
    assert folder_state(folder) == before  # the lock as planted, the victim's bytes unchanged
    assert not (folder / "jamais-cree.txt").exists()


def test_the_message_names_what_the_lock_is(dossier_path):
    lock_of(dossier_path).symlink_to("/etc/passwd")
    with DossierFile.open(dossier_path) as file:
        assert "est un lien symbolique" in file.read_only_reason


def test_a_lock_left_by_a_killed_socle_is_used_again(dossier_path):
    lock = lock_of(dossier_path)
    lock.write_text("poste-mairie\n4242\n2026-11-30T17:02:11\n", encoding="utf-8")
    with DossierFile.open(dossier_path) as file:
        assert not file.read_only
        assert lock.read_text(encoding="utf-8").splitlines()[1] == str(os.getpid())
    assert not lock.exists()


# --- 2. a received dossier runs no code of its own ---------------------------------------------

TRIGGER = (
    "CREATE TRIGGER nettoyage AFTER UPDATE ON porteur "
    "BEGIN DELETE FROM lignes; DELETE FROM classes; DELETE FROM ecoles; END"
)


@pytest.mark.parametrize(
    "planted, named",
    [
        (TRIGGER, "le déclencheur « nettoyage »"),
        ("CREATE VIEW espion AS SELECT nom FROM ecoles", "la vue « espion »"),
        ("CREATE TABLE notes_privees (texte TEXT)", "la table « notes_privees »"),
        ("CREATE INDEX ecoles_par_nom ON ecoles (lower(nom))", "l'index « ecoles_par_nom »"),
        (
            "ALTER TABLE ecoles ADD COLUMN remarque TEXT",
            "la table « ecoles » (définition modifiée)",
        ),
    ],
)
def test_anything_the_schema_does_not_define_is_refused_for_editing(
    dossier_path, example_dossier, planted, named
):
    execute(dossier_path, planted)
    before = folder_state(dossier_path.parent)
    with pytest.raises(ForeignSchema) as error:
        DossierFile.open(dossier_path)
    message = str(error.value)
    assert named in message and "refuse de le modifier" in message
    assert "Enregistrer sous" in message
    assert folder_state(dossier_path.parent) == before
    # A read-only look ignores it: nothing of it runs on a read.
    assert read_dossier(dossier_path)[0] == example_dossier
    with DossierFile.open(dossier_path, read_only=True) as viewer:
        assert viewer.dossier == example_dossier
    assert folder_state(dossier_path.parent) == before


def test_a_planted_trigger_never_fires_and_a_copy_is_clean(dossier_path, tmp_path, example_dossier):
    execute(dossier_path, TRIGGER)
    with DossierFile.open(dossier_path, read_only=True) as viewer:
        copy = viewer.save_as(tmp_path / "copie-saine.socle")
    try:
        edit_porteur(copy)  # the copy is written by Socle: no trigger in it
    finally:
        copy.close()
    assert rows(
        tmp_path / "copie-saine.socle", "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
    ) == [(0,)]
    assert len(read_dossier(tmp_path / "copie-saine.socle")[0].ecoles) == 2
    assert rows(dossier_path, "SELECT count(*) FROM ecoles") == [(2,)]


def test_a_trigger_in_an_old_file_does_not_run_in_the_copy_migrated_in_memory(v1_path):
    execute(
        v1_path,
        "CREATE TRIGGER piege AFTER INSERT ON meta BEGIN DELETE FROM ecoles; END",
        "CREATE TRIGGER piege2 AFTER DELETE ON meta BEGIN DELETE FROM ecoles; END",
    )
    before = folder_state(v1_path.parent)
    schools = rows(v1_path, "SELECT count(*) FROM ecoles")[0][0]
    assert len(read_dossier(v1_path)[0].ecoles) == schools > 0
    with pytest.raises(ForeignSchema, match="piege"):
        DossierFile.open(v1_path)  # refused before any backup or migration
    assert folder_state(v1_path.parent) == before


def test_connections_run_with_the_defensive_settings(dossier_path):
    with DossierFile.open(dossier_path) as file:
        assert file._db.execute("PRAGMA trusted_schema").fetchone() == (0,)


@POSIX_ONLY
def test_a_foreign_journal_beside_a_sound_file_is_named_never_applied(
    dossier_path, tmp_path, example_dossier
):
    other = tmp_path / "autre" / "comptes.db"  # another program's file, its write interrupted
    other.parent.mkdir()
    execute(
        other,
        "CREATE TABLE t (x)",
        *[f"INSERT INTO t VALUES ('{i}' || hex(randomblob(40)))" for i in range(2000)],
    )
    journal = interrupted_write(other, "UPDATE t SET x = x || x")
    planted = dossier_path.with_name(dossier_path.name + "-journal")
    shutil.move(journal, planted)  # copied beside the dossier with it, by mistake
    before = folder_state(dossier_path.parent)
    for opener in (
        lambda: DossierFile.open(dossier_path),
        lambda: read_dossier(dossier_path),
        lambda: DossierFile.open(dossier_path, read_only=True),
    ):
        with pytest.raises(StoreError) as error:
            opener()
        message = str(error.value)
        assert "le journal « saint-exemple.socle-journal »" in message
        assert "ne lui correspond pas" in message and "déplacez" in message
        assert "endommagé" not in message.replace("l'endommagerait", "")
    assert folder_state(dossier_path.parent) == before
    planted.rename(tmp_path / "journal-mis-de-cote")  # what the message says to do
    assert read_dossier(dossier_path)[0] == example_dossier


@POSIX_ONLY
def test_the_old_journal_of_a_file_replaced_since_is_never_applied(
    dossier_path, tmp_path, example_dossier
):
    newer = tmp_path / "recu" / "saint-exemple.socle"  # the version a colleague mails back
    newer.parent.mkdir()
    shutil.copyfile(dossier_path, newer)
    for name in ("Mairie v2", "Mairie v3", "Mairie de Saint-Exemple"):
        execute(newer, f"UPDATE porteur SET nom = '{name}'")
    interrupted_write(
        dossier_path, "UPDATE lignes SET libelle = hex(randomblob(300))", "DELETE FROM classes"
    )  # a crash left its journal here
    shutil.copyfile(newer, dossier_path)  # saved over the old one; the journal stays
    before = folder_state(dossier_path.parent)
    for opener in (lambda: DossierFile.open(dossier_path), lambda: read_dossier(dossier_path)):
        with pytest.raises(StoreError, match="le journal « saint-exemple.socle-journal »"):
            opener()
    assert folder_state(dossier_path.parent) == before


@POSIX_ONLY
@pytest.mark.parametrize("companion", ["-journal", "-wal"])
def test_a_journal_that_is_a_folder_or_a_fifo_is_refused_by_name(dossier_path, companion):
    beside = dossier_path.with_name(dossier_path.name + companion)
    os.mkfifo(beside) if companion == "-journal" else beside.mkdir()
    before = folder_state(dossier_path.parent)
    with at_most(10):
        for opener in (lambda: DossierFile.open(dossier_path), lambda: read_dossier(dossier_path)):
            with pytest.raises(StoreError) as error:
                opener()
            assert f"« {beside.name} »" in str(error.value)
            assert "Déplacez-le" in str(error.value)
    assert folder_state(dossier_path.parent) == before


# --- 5. special files --------------------------------------------------------------------------


@POSIX_ONLY
@pytest.mark.parametrize(
    "kind, said",
    [
        ("fifo", "tube nommé"),
        ("device", "périphérique"),
        ("loop", "boucle"),
        ("folder", "répertoire"),
        ("dangling", "fichier qui n'existe pas"),
    ],
)
def test_special_files_are_refused_at_once(tmp_path, kind, said):
    path = tmp_path / "x.socle"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")  # read, it would never end
    elif kind == "loop":
        path.symlink_to(tmp_path / "y.socle")
        (tmp_path / "y.socle").symlink_to(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "parti.socle")
    before = folder_state(tmp_path)
    with at_most(10):
        for opener in (
            lambda: DossierFile.open(path),
            lambda: read_dossier(path),
            lambda: DossierFile.open(path, read_only=True),
        ):
            with pytest.raises(StoreError) as error:
                opener()
            assert said in str(error.value) and "« " in str(error.value)
    assert folder_state(tmp_path) == before


@POSIX_ONLY
def test_a_dossier_is_never_written_over_a_folder_or_a_fifo(tmp_path, example_dossier, campaign):
    for name, make in (("dossier.socle", os.mkdir), ("tube.socle", os.mkfifo)):
        target = tmp_path / name
        make(target)
        before = folder_state(tmp_path)
        with pytest.raises(StoreError) as error:
            create_dossier_file(target, example_dossier, campaign, replace=True)
        assert "choisissez un autre nom" in str(error.value)
        assert "Is a directory" not in str(error.value)
        assert folder_state(tmp_path) == before


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names are bytes on Linux only")
def test_a_latin_1_file_name_works(tmp_path, example_dossier, campaign):
    folder = os.fsencode(tmp_path)
    path = tmp_path / os.fsdecode(b"Dossier caf\xe9 \xe9t\xe9.socle")  # as an old USB key has it
    create_dossier_file(path, example_dossier, campaign)
    assert os.listdir(folder) == [b"Dossier caf\xe9 \xe9t\xe9.socle"]
    assert read_dossier(path)[0] == example_dossier
    with DossierFile.open(path) as file:
        edit_porteur(file, "Mairie de Cafété")
    assert read_dossier(path)[0].porteur.nom == "Mairie de Cafété"
    execute(path, "PRAGMA user_version = 9")
    with pytest.raises(StoreError) as error:
        read_dossier(path)
    assert "« " + str(tmp_path) + "/Dossier café été.socle »" in str(error.value)
    str(error.value).encode("utf-8")  # printable as it is
