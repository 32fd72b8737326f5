"""A version-2 file (kept as SQL text, from before variants) opens, is backed up, and is migrated
to version 3: one variant « Principale », retained, holding every line; the charging cases learn
their places."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from socle_desktop.domain import edits, jsonio, variants
from socle_desktop.store import SCHEMA_VERSION, DossierFile, StoreError, read_dossier
from socle_desktop.store.checks import foreign_objects
from socle_desktop.store.migrations import MIGRATED_VARIANT_ID
from socle_desktop.store.old_schemas import SCHEMA_V2, VIEWS_V2
from tests.store.conftest import digest, integrity, rows

FIXTURE = Path(__file__).parent / "fixtures" / "dossier-v2.sql"


@pytest.fixture
def v2_path(tmp_path) -> Path:
    path = tmp_path / "avant-variantes.socle"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.close()
    assert rows(path, "PRAGMA user_version") == [(2,)]
    return path


def test_fixture_has_the_version_2_schema(v2_path):
    expected = sqlite3.connect(":memory:")
    expected.executescript(SCHEMA_V2 + VIEWS_V2)
    query = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    assert rows(v2_path, query) == expected.execute(query).fetchall()
    names = {name for (name,) in rows(v2_path, "SELECT name FROM sqlite_master")}
    assert "variantes" not in names and "existant" in names


def test_open_backs_up_then_migrates(v2_path, example_dossier):
    original = digest(v2_path)
    lines_before = rows(v2_path, "SELECT id, article, quantite FROM lignes ORDER BY id")
    with DossierFile.open(v2_path) as file:
        assert file.backup_path == v2_path.with_name("avant-variantes.socle.bak-v2")
        assert digest(file.backup_path) == original
        dossier = file.dossier
        assert [v.nom for v in dossier.variantes] == ["Principale"]
        assert dossier.retenue == dossier.courante == MIGRATED_VARIANT_ID
        assert jsonio.to_data(dossier) == jsonio.to_data(example_dossier)  # nothing lost
        assert dossier.ecoles[0].id == "v2-000"  # ids kept
        assert dossier.ecoles[0].existant  # the diagnostic kept
        assert dossier.catalogue["valise-recharge"].places == 16
        # the migrated file is a format-3 file in every way: it takes a variant
        created = variants.create(dossier, "Écrans interactifs")
        edits.apply(dossier, created)
        file.apply(created)
    assert rows(v2_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(3,)]
    assert rows(v2_path, "SELECT valeur FROM meta WHERE cle = 'version_schema'") == [("3",)]
    assert rows(v2_path, "SELECT count(*) FROM meta WHERE cle = 'migre_en_3_le'") == [(1,)]
    assert rows(v2_path, "SELECT nom, retenue FROM variantes ORDER BY position") == [
        ("Principale", 1),
        ("Écrans interactifs", 0),
    ]
    kept = rows(
        v2_path,
        "SELECT id, article, quantite FROM lignes WHERE variante_id = ? ORDER BY id",
        [MIGRATED_VARIANT_ID],
    )
    assert kept == lines_before
    copies = rows(
        v2_path, "SELECT count(*) FROM lignes WHERE variante_id != ?", [MIGRATED_VARIANT_ID]
    )
    assert copies == [(len(lines_before),)]
    assert rows(v2_path, "SELECT id, places FROM catalogue WHERE places > 0") == [
        ("valise-recharge", 16)
    ]
    assert integrity(v2_path) == "ok"
    conn = sqlite3.connect(v2_path)
    try:
        assert foreign_objects(conn, 3) == []  # the schema is format 3's, to the letter
    finally:
        conn.close()
    with DossierFile.open(v2_path) as again:  # no second migration, no second backup
        assert again.backup_path is None
        assert len(again.dossier.variantes) == 2
    names = sorted(p.name for p in v2_path.parent.iterdir())
    assert names == ["avant-variantes.socle", "avant-variantes.socle.bak-v2"]


def test_reading_migrates_a_copy_in_memory_the_same_each_time(v2_path, example_dossier):
    before = digest(v2_path)
    first, _campaign = read_dossier(v2_path)
    second, _campaign = read_dossier(v2_path)
    assert first == second  # the migrated variant has the same id every time
    assert jsonio.to_data(first) == jsonio.to_data(example_dossier)
    assert digest(v2_path) == before
    assert [p.name for p in v2_path.parent.iterdir()] == ["avant-variantes.socle"]


def test_failed_migration_leaves_the_file_as_it_was(v2_path):
    """A line whose school is gone (foreign keys were off in the program that wrote it)
    cannot be copied into the new table: the migration fails as a whole."""
    conn = sqlite3.connect(v2_path)
    conn.execute("UPDATE lignes SET ecole_id = 'disparue' WHERE rowid = 1")
    conn.commit()
    conn.close()
    before = digest(v2_path)
    with pytest.raises(StoreError) as error:
        DossierFile.open(v2_path)
    assert "la mise à jour du fichier a échoué" in str(error.value)
    assert "fichier non modifié" in str(error.value)
    assert digest(v2_path) == before
    assert rows(v2_path, "PRAGMA user_version") == [(2,)]
    assert digest(v2_path.with_name("avant-variantes.socle.bak-v2")) == before
