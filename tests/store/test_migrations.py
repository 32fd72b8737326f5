"""A version-1 file (kept as SQL text) opens, is backed up, and is migrated to version 2."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from socle_desktop.domain import edits, jsonio
from socle_desktop.store import SCHEMA_VERSION, DossierFile, StoreError, read_dossier
from socle_desktop.store.migrations import SCHEMA_V1
from tests.store.conftest import digest, integrity, rows

FIXTURE = Path(__file__).parent / "fixtures" / "dossier-v1.sql"


def without_diagnostic(dossier) -> dict:
    """The example as the version-1 file holds it: no diagnostic, and the MDM licence as the
    catalogue then sold it (24 yearly licences at 20 €, since a three-year licence at 60 €)."""
    data = jsonio.to_data(dossier)
    old_mdm = {
        "libelle": "Licence de gestion de flotte (MDM), par appareil et par an",
        "prix_unitaire": "20.00",
    }
    for school in data["ecoles"]:
        school["existant"] = {}
        for line in school["lignes"]:
            if line["article"] == "mdm":
                line.update(old_mdm, quantite=24)
    for item in data["catalogue"]:
        if item["id"] == "mdm":
            item.update(old_mdm)
    return data


def test_fixture_has_the_version_1_schema(v1_path):
    expected = sqlite3.connect(":memory:")
    expected.executescript(SCHEMA_V1)
    query = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    assert rows(v1_path, query) == expected.execute(query).fetchall()
    assert "existant" not in {name for (name,) in rows(v1_path, "SELECT name FROM sqlite_master")}


def test_open_backs_up_then_migrates(v1_path, example_dossier, campaign):
    original = digest(v1_path)
    with DossierFile.open(v1_path) as file:
        backup = v1_path.with_name("ancien.socle.bak-v1")
        assert file.backup_path == backup
        assert digest(backup) == original  # the file exactly as it was before
        assert jsonio.to_data(file.dossier) == without_diagnostic(example_dossier)
        assert file.dossier.ecoles[0].id == "v1-000"  # ids kept
        assert file.campaign.id == "snee-2021" and file.campaign.bands == campaign.bands
        edit = edits.SetField("ecole", file.dossier.ecoles[0].id, "existant", {"reseau": "absent"})
        edits.apply(file.dossier, edit)
        file.apply(edit)  # the new table works
    assert rows(v1_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(v1_path, "SELECT valeur FROM meta WHERE cle = 'version_schema'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert rows(v1_path, "SELECT identifiant, version FROM campagne") == [("snee-2021", 1)]
    origin = rows(v1_path, "SELECT origine FROM campagne")[0][0]
    assert "format 1" in origin
    assert rows(v1_path, "SELECT element, etat FROM existant") == [("reseau", "absent")]
    assert integrity(v1_path) == "ok"
    with DossierFile.open(v1_path) as again:  # no second migration, no second backup
        assert again.backup_path is None
    names = sorted(p.name for p in v1_path.parent.iterdir())
    assert names == ["ancien.socle", "ancien.socle.bak-v1"]


def test_reading_an_old_file_migrates_a_copy_in_memory(v1_path, example_dossier):
    before = digest(v1_path)
    dossier, campaign = read_dossier(v1_path)
    assert jsonio.to_data(dossier) == without_diagnostic(example_dossier)
    assert campaign.id == "snee-2021"
    assert digest(v1_path) == before
    assert [p.name for p in v1_path.parent.iterdir()] == ["ancien.socle"]
    with DossierFile.open(v1_path, read_only=True) as viewer:
        assert viewer.read_only and viewer.dossier == dossier
    assert digest(v1_path) == before


def test_failed_migration_leaves_the_file_as_it_was(v1_path):
    conn = sqlite3.connect(v1_path)
    conn.execute("UPDATE meta SET valeur = 'campagne-inconnue' WHERE cle = 'campagne'")
    conn.commit()
    conn.close()
    before = digest(v1_path)
    with pytest.raises(StoreError) as error:
        DossierFile.open(v1_path)
    assert "campagne-inconnue" in str(error.value) and "ancien.socle" in str(error.value)
    assert digest(v1_path) == before
    assert rows(v1_path, "PRAGMA user_version") == [(1,)]
    assert digest(v1_path.with_name("ancien.socle.bak-v1")) == before
