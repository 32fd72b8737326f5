"""Honest messages and no litter: what a failure says it did is what it did, a read leaves
nothing beside the file, a write never lands in a file that is no longer the dossier."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from socle_desktop.domain import edits
from socle_desktop.store import SCHEMA_VERSION, DossierFile, StoreError, read_dossier
from socle_desktop.store.errors import DossierReplaced
from tests.store.conftest import digest, rows
from tests.store.planted import execute, folder_state, wal_commit

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and renames")


def edit_porteur(file: DossierFile, name: str) -> None:
    edit = edits.SetField("porteur", "", "nom", name)
    edits.apply(file.dossier, edit)
    file.apply(edit)


# --- migrations: one backup, and « modified » only when it was -------------------------------


def test_a_file_migrated_then_refused_says_it_was_modified(v1_path):
    execute(v1_path, "UPDATE ecoles SET secteur = 'inconnu-ici'")  # read after the migration
    with pytest.raises(StoreError) as error:
        DossierFile.open(v1_path)
    assert error.value.modified
    assert f"mis à jour du format 1 au format {SCHEMA_VERSION}" in str(error.value)
    assert "« ancien.socle.bak-v1 »" in str(error.value)
    assert rows(v1_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_a_failed_migration_is_not_modified_and_keeps_one_backup(v1_path):
    execute(v1_path, "UPDATE meta SET valeur = 'campagne-inconnue' WHERE cle = 'campagne'")
    before = digest(v1_path)
    for _attempt in range(3):
        with pytest.raises(StoreError) as error:
            DossierFile.open(v1_path)
        assert not error.value.modified and "fichier non modifié" in str(error.value)
    assert digest(v1_path) == before
    assert sorted(os.listdir(v1_path.parent)) == ["ancien.socle", "ancien.socle.bak-v1"]
    assert digest(v1_path.with_name("ancien.socle.bak-v1")) == before


def test_refused_attempts_after_a_migration_add_no_backup(v1_path):
    execute(v1_path, "UPDATE ecoles SET secteur = 'inconnu-ici'")
    for _attempt in range(3):
        with pytest.raises(StoreError):
            DossierFile.open(v1_path)
    assert sorted(os.listdir(v1_path.parent)) == ["ancien.socle", "ancien.socle.bak-v1"]


@POSIX_ONLY
def test_a_backup_is_never_written_through_a_planted_link(v1_path, tmp_path):
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    v1_path.with_name("ancien.socle.bak-v1").symlink_to(elsewhere / "victime")
    with DossierFile.open(v1_path) as file:
        assert file.backup_path.name == "ancien.socle.bak-v1-2"
    assert os.listdir(elsewhere) == []


# --- leftovers of an interrupted creation --------------------------------------------------


def test_the_temporary_file_of_an_interrupted_creation_goes_at_the_next_opening(dossier_path):
    folder = dossier_path.parent
    stale = folder / f".{dossier_path.name}.k3x9_a0q.tmp"
    shutil.copyfile(dossier_path, stale)  # a creation killed before its rename
    empty = folder / f".{dossier_path.name}.zz00yy11.tmp"
    empty.write_bytes(b"")
    not_ours = folder / f".{dossier_path.name}.abcdefgh.tmp"
    not_ours.write_text("des notes, pas une base", encoding="utf-8")
    other_dossier = folder / ".autre.socle.k3x9_a0q.tmp"
    shutil.copyfile(dossier_path, other_dossier)
    with DossierFile.open(dossier_path, read_only=True):
        pass  # a read-only look removes nothing
    assert stale.exists() and empty.exists()
    with DossierFile.open(dossier_path):
        pass
    assert not stale.exists() and not empty.exists()
    assert not_ours.exists() and other_dossier.exists()


# --- a read creates nothing beside the file ---------------------------------------------------


@POSIX_ONLY
def test_reading_a_wal_file_creates_nothing_beside_it(dossier_path):
    wal_commit(dossier_path, "UPDATE porteur SET nom = 'Écrit dans le WAL'")
    before = folder_state(dossier_path.parent)
    assert read_dossier(dossier_path)[0].porteur.nom == "Écrit dans le WAL"
    with DossierFile.open(dossier_path, read_only=True) as viewer:
        assert viewer.dossier.porteur.nom == "Écrit dans le WAL"
    assert folder_state(dossier_path.parent) == before


@POSIX_ONLY
def test_a_wal_file_opened_for_editing_goes_back_to_the_rollback_journal(dossier_path):
    wal_commit(dossier_path, "UPDATE porteur SET nom = 'Écrit dans le WAL'")
    with DossierFile.open(dossier_path) as file:
        assert file.dossier.porteur.nom == "Écrit dans le WAL"
        edit_porteur(file, "Après")
    assert sorted(os.listdir(dossier_path.parent)) == [dossier_path.name]
    assert rows(dossier_path, "PRAGMA journal_mode") == [("delete",)]
    assert read_dossier(dossier_path)[0].porteur.nom == "Après"


def test_reading_an_ordinary_file_creates_nothing(dossier_path):
    before = folder_state(dossier_path.parent)
    read_dossier(dossier_path)
    DossierFile.open(dossier_path, read_only=True).close()
    assert folder_state(dossier_path.parent) == before


# --- a dossier replaced on disk while open ---------------------------------------------------


def without_lock(state: dict) -> dict:
    return {name: what for name, what in state.items() if not name.endswith(".lock")}


@pytest.fixture
def other_dossier(dossier_path, tmp_path):
    """Another dossier, as a synchronisation tool or a colleague would put it in place."""
    other = tmp_path / "autre" / "autre.socle"
    other.parent.mkdir()
    shutil.copyfile(dossier_path, other)
    execute(other, "UPDATE porteur SET nom = 'Le dossier du collègue'")
    return other


@pytest.mark.parametrize(
    "how, said",
    [
        ("replaced", "remplacé par un autre fichier"),
        ("rewritten", "réécrit par un autre programme"),
        ("moved", "déplacé, renommé ou supprimé"),
    ],
)
def test_an_edit_never_lands_in_a_file_replaced_on_disk(
    dossier_path, other_dossier, tmp_path, how, said
):
    file = DossierFile.open(dossier_path)
    try:
        edit_porteur(file, "Avant le remplacement")
        if how == "replaced":
            shutil.copyfile(other_dossier, tmp_path / "copie.tmp")
            os.replace(tmp_path / "copie.tmp", dossier_path)
        elif how == "rewritten":
            shutil.copyfile(other_dossier, dossier_path)  # in place, as « cp » does
        else:
            os.rename(dossier_path, tmp_path / "deplace.socle")
        landed = without_lock(folder_state(dossier_path.parent))
        edit = edits.SetField("porteur", "", "nom", "Perdue ?")
        edits.apply(file.dossier, edit)
        with pytest.raises(DossierReplaced) as error:
            file.apply(edit)
        assert said in str(error.value) and "Enregistrer sous" in str(error.value)
        assert file.read_only and said in file.read_only_reason
        # nothing written to what is there; the lock is given up, for whoever reopens it
        assert without_lock(folder_state(dossier_path.parent)) == landed
        assert not dossier_path.with_name(dossier_path.name + ".lock").exists()
        copy = file.save_as(tmp_path / "sauve.socle")  # what the window shows can be kept
        copy.close()
    finally:
        file.close()
    assert read_dossier(tmp_path / "sauve.socle")[0].porteur.nom == "Perdue ?"
    if how != "moved":
        assert read_dossier(dossier_path)[0].porteur.nom == "Le dossier du collègue"
