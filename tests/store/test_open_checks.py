"""Opening checks the file and refuses, in French and without touching it, what it cannot trust."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from socle_desktop.domain import edits
from socle_desktop.store import SCHEMA_VERSION, DossierFile, DossierInUse, StoreError, read_dossier
from tests.store.conftest import digest, integrity, rows

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and signals")


def refused(path: Path, *words: str) -> str:
    """Both ways of opening refuse the file with a French message naming it; it stays as is."""
    before = digest(path)
    folder_before = sorted(os.listdir(path.parent))
    messages = []
    for opener in (
        lambda: DossierFile.open(path),
        lambda: read_dossier(path),
        lambda: DossierFile.open(path, read_only=True),
    ):
        with pytest.raises(StoreError) as error:
            opener()
        message = str(error.value)
        assert str(path) in message
        for word in words:
            assert word in message
        messages.append(message)
    assert digest(path) == before
    assert sorted(os.listdir(path.parent)) == folder_before  # no lock, journal or backup left
    return messages[0]


def test_text_file_is_not_a_dossier(tmp_path):
    path = tmp_path / "notes.socle"
    path.write_text("Ceci n'est pas une base de données.\n" * 50, encoding="utf-8")
    refused(path, "n'est pas un dossier Socle", "SQLite")


def test_empty_file_is_not_a_dossier(tmp_path):
    path = tmp_path / "vide.socle"
    path.write_bytes(b"")
    refused(path, "vide")


def test_foreign_sqlite_file_is_not_a_dossier(tmp_path):
    path = tmp_path / "autre.socle"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clients (nom TEXT)")
    conn.execute("INSERT INTO clients VALUES ('Dupont')")
    conn.commit()
    conn.close()
    refused(path, "n'est pas un dossier Socle", "autre programme")


def test_sqlite_file_with_a_meta_table_of_another_application(tmp_path):
    path = tmp_path / "meta.socle"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (cle TEXT, valeur TEXT)")
    conn.execute("INSERT INTO meta VALUES ('application', 'autre')")
    conn.commit()
    conn.close()
    refused(path, "n'est pas un dossier Socle")


def test_dossier_from_a_newer_socle_is_refused(dossier_path):
    conn = sqlite3.connect(dossier_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    message = refused(dossier_path, "version plus récente de Socle")
    assert f"format {SCHEMA_VERSION + 1}" in message


def test_a_version_3_file_is_refused_by_a_version_2_reader(dossier_path, monkeypatch):
    """What a Socle of before the variants says of a file with variants: the same check, with
    its own format number (2) as the limit."""
    from socle_desktop.store import checks

    assert rows(dossier_path, "PRAGMA user_version") == [(3,)]
    monkeypatch.setattr(checks, "SCHEMA_VERSION", 2)
    message = refused(dossier_path, "version plus récente de Socle")
    assert "format 3 ; cette version lit jusqu'au format 2" in message


def test_corrupt_dossier_is_refused(dossier_path):
    data = bytearray(dossier_path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for offset in range(3 * page + 100, 5 * page, 7):  # scribble over two pages of tables
        data[offset] = 0xA5
    dossier_path.write_bytes(bytes(data))
    refused(dossier_path, "endommagé")


def test_truncated_dossier_is_refused(dossier_path):
    data = dossier_path.read_bytes()
    dossier_path.write_bytes(data[: len(data) // 2])
    refused(dossier_path, "endommagé")


def test_missing_file(tmp_path):
    with pytest.raises(StoreError, match="introuvable"):
        DossierFile.open(tmp_path / "absent.socle")


@POSIX_ONLY
def test_read_only_file_opens_read_only_and_says_so(dossier_path):
    dossier_path.chmod(0o444)
    before = digest(dossier_path)
    try:
        with DossierFile.open(dossier_path) as file:
            assert file.read_only
            assert file.read_only_reason == (
                "Le fichier est en lecture seule : les modifications ne seront pas enregistrées."
            )
            assert file.dossier.ecoles  # the content is there to read
            with pytest.raises(StoreError, match="lecture seule"):
                file.apply(edits.SetField("porteur", "", "nom", "X"))
    finally:
        dossier_path.chmod(0o644)
    assert digest(dossier_path) == before
    assert not (dossier_path.parent / (dossier_path.name + ".lock")).exists()


@POSIX_ONLY
def test_file_in_read_only_folder_opens_read_only(dossier_path):
    folder = dossier_path.parent
    folder.chmod(0o555)
    try:
        with DossierFile.open(dossier_path) as file:
            assert file.read_only
            assert "répertoire" in file.read_only_reason
    finally:
        folder.chmod(0o755)


def test_second_window_is_refused_then_may_read(dossier_path):
    with DossierFile.open(dossier_path) as first:
        with pytest.raises(DossierInUse) as error:
            DossierFile.open(dossier_path)
        assert "déjà ouvert" in str(error.value)
        with DossierFile.open(dossier_path, read_only=True) as viewer:
            assert viewer.read_only and "autre fenêtre" in viewer.read_only_reason
            assert viewer.dossier == first.dossier
        edit = edits.SetField("porteur", "", "nom", "Moi")
        edits.apply(first.dossier, edit)
        first.apply(edit)
    with DossierFile.open(dossier_path) as again:  # released on close
        assert again.dossier.porteur.nom == "Moi"


HOLDER = """
import sys, time
from socle_desktop.store import DossierFile
f = DossierFile.open(sys.argv[1])
print("ouvert", flush=True)
time.sleep(60)
"""


@POSIX_ONLY
def test_other_process_holds_the_file_until_it_dies(dossier_path):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(dossier_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        assert child.stdout.readline().strip() == "ouvert"
        with pytest.raises(DossierInUse) as error:
            DossierFile.open(dossier_path)
        assert "autre instance" in str(error.value) and "poste" in str(error.value)
        with pytest.raises(DossierInUse):  # nor can the CLI replace it under its feet
            from socle_desktop.store import create_dossier_file

            dossier, campaign = read_dossier(dossier_path)
            create_dossier_file(dossier_path, dossier, campaign, replace=True)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with DossierFile.open(dossier_path) as file:  # the kernel released the lock
        assert not file.read_only


HOT_JOURNAL = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA cache_size = 1")  # dirty pages must go to the file before commit
conn.execute("BEGIN")
for statement in sys.argv[2:]:
    conn.execute(statement)
os.kill(os.getpid(), signal.SIGKILL)
"""
INTERRUPTED_EDIT = [
    "UPDATE lignes SET libelle = libelle || ' interrompu ' || hex(randomblob(200))",
    "DELETE FROM classes",
]


@POSIX_ONLY
def test_interrupted_write_is_rolled_back_and_reading_never_touches_the_file(
    dossier_path, example_dossier
):
    subprocess.run(
        [sys.executable, "-c", HOT_JOURNAL, str(dossier_path), *INTERRUPTED_EDIT], check=False
    )
    journal = dossier_path.parent / (dossier_path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    before, journal_before = digest(dossier_path), digest(journal)
    dossier, _ = read_dossier(dossier_path)  # reads a rolled-back copy
    assert dossier == example_dossier
    assert digest(dossier_path) == before and digest(journal) == journal_before
    with DossierFile.open(dossier_path, read_only=True) as viewer:
        assert viewer.dossier == example_dossier
    assert digest(dossier_path) == before
    with DossierFile.open(dossier_path) as file:  # SQLite rolls the journal back
        assert file.dossier == example_dossier
    assert not journal.exists()
    assert integrity(dossier_path) == "ok"
    assert rows(dossier_path, "SELECT count(*) FROM classes") == [(7,)]


def test_odd_characters_in_the_path(tmp_path, example_dossier, campaign):
    from socle_desktop.store import create_dossier_file

    folder = tmp_path / ("Mairie # 2021" if sys.platform == "win32" else "Mairie # 2021 ?")
    folder.mkdir()
    path = folder / "Dossier été 100% n°1.socle"
    create_dossier_file(path, example_dossier, campaign)
    assert read_dossier(path)[0] == example_dossier
    with DossierFile.open(path, read_only=True) as viewer:
        assert viewer.dossier == example_dossier
    with DossierFile.open(path) as file:
        assert not file.read_only


def test_file_uri_never_names_a_host():
    from socle_desktop.store.checks import file_uri

    uri = file_uri(Path("/srv/partage/École #1?.socle"))
    assert uri.startswith("file:/") and not uri.startswith("file://srv")
    assert "#" not in uri and "?" not in uri


def test_read_only_dossier_can_be_saved_elsewhere(dossier_path, tmp_path, example_dossier):
    viewer = DossierFile.open(dossier_path, read_only=True)
    copy = viewer.save_as(tmp_path / "copie.socle")
    try:
        assert not copy.read_only and copy.dossier is viewer.dossier
        edit = edits.SetField("porteur", "", "nom", "Copie modifiable")
        edits.apply(copy.dossier, edit)
        copy.apply(edit)
    finally:
        copy.close()
    assert read_dossier(tmp_path / "copie.socle")[0].porteur.nom == "Copie modifiable"
    assert read_dossier(dossier_path)[0] == example_dossier


@POSIX_ONLY
def test_foreign_file_with_an_interrupted_write_is_refused_untouched(tmp_path):
    path = tmp_path / "autre.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(str(i) * 50,) for i in range(3000)])
    conn.commit()
    conn.close()
    subprocess.run(
        [sys.executable, "-c", HOT_JOURNAL, str(path), "UPDATE t SET x = x || x"], check=False
    )
    journal = tmp_path / "autre.db-journal"
    assert journal.exists()
    before, journal_before = digest(path), digest(journal)
    with pytest.raises(StoreError, match="n'est pas un dossier Socle"):
        DossierFile.open(path)
    assert digest(path) == before and digest(journal) == journal_before  # not rolled back


def test_process_ending_without_close_leaves_no_lock_file(dossier_path):
    script = (
        "import sys\nfrom socle_desktop.store import DossierFile\n"
        "f = DossierFile.open(sys.argv[1])\nprint(f.read_only)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, str(dossier_path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert ran.stdout.strip() == "False", ran.stderr
    assert sorted(os.listdir(dossier_path.parent)) == [dossier_path.name]


@POSIX_ONLY  # Windows reports a directory opened as a file as « access denied »
def test_a_folder_in_place_of_the_lock_opens_read_only_and_says_why(dossier_path):
    (dossier_path.parent / (dossier_path.name + ".lock")).mkdir()  # the lock cannot be made
    before = digest(dossier_path)
    with DossierFile.open(dossier_path) as file:
        assert file.read_only
        assert "est un répertoire" in file.read_only_reason
        assert "ni modifié" in file.read_only_reason
        assert file.dossier.ecoles
    assert digest(dossier_path) == before
    assert (dossier_path.parent / (dossier_path.name + ".lock")).is_dir()


def test_a_drive_without_locks_opens_read_only(dossier_path, monkeypatch):
    import errno

    from socle_desktop.store import lock

    def no_locks(fd, shared=False):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock, "_try_lock", no_locks)  # what flock says on such a drive
    with DossierFile.open(dossier_path) as file:
        assert file.read_only
        assert "verrouillé" in file.read_only_reason
