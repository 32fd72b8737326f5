"""Writing a whole dossier and reading it back, on real files."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import sys
from decimal import Decimal

import pytest

from socle_desktop.domain.campaign import parse_campaign_text
from socle_desktop.domain.model import CatalogueItem, Existant
from socle_desktop.domain.samples import HOSTILE_NAMES, large_dossier
from socle_desktop.store import (
    EXTENSION,
    SCHEMA_VERSION,
    DossierFile,
    StoreError,
    create_dossier_file,
    read_dossier,
)
from tests.store.conftest import rows


def test_extension_is_socle():
    assert EXTENSION == ".socle"


def test_example_round_trip(dossier_path, example_dossier, campaign):
    dossier, read_campaign = read_dossier(dossier_path)
    assert dossier == example_dossier
    assert read_campaign == campaign


def test_large_dossier_round_trip_keeps_order_ids_and_exact_amounts(tmp_path, campaign):
    big = large_dossier()
    big.ecoles[3].existant = {"projection": Existant.OBSOLETE, "reseau": Existant.ABSENT}
    big.ecoles[0].lignes[0].prix_unitaire = Decimal("0.10")
    big.parametres.taux_tva = Decimal("5.5")
    path = tmp_path / "grand.socle"
    create_dossier_file(path, big, campaign)
    with DossierFile.open(path) as opened:
        assert opened.dossier == big
        assert [s.id for s in opened.dossier.ecoles] == [s.id for s in big.ecoles]
        assert opened.dossier.ecoles[0].lignes[0].prix_unitaire == Decimal("0.10")
        assert str(opened.dossier.parametres.taux_tva) == "5.5"
    assert rows(
        path, "SELECT prix_unitaire FROM lignes WHERE id = ?", [big.ecoles[0].lignes[0].id]
    ) == [("0.10",)]


def test_hostile_names_survive(tmp_path, example_dossier, campaign):
    classes = [c for s in example_dossier.ecoles for c in s.classes]
    for classroom, name in zip(classes, HOSTILE_NAMES, strict=False):
        classroom.nom = name
    example_dossier.ecoles[1].nom = HOSTILE_NAMES[-1]
    example_dossier.porteur.nom = "'; DROP TABLE ecoles; --"
    path = tmp_path / "hostile.socle"
    create_dossier_file(path, example_dossier, campaign)
    assert read_dossier(path)[0] == example_dossier


def test_file_is_readable_by_a_curious_user(dossier_path, example_dossier):
    tables = rows(dossier_path, "SELECT name FROM sqlite_master WHERE type = 'table'")
    names = {name for (name,) in tables}
    assert {
        "meta",
        "campagne",
        "parametres",
        "porteur",
        "communes",
        "ecoles",
        "existant",
        "classes",
        "lignes",
        "catalogue",
    } <= names
    assert rows(dossier_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert ("application", "socle") in rows(dossier_path, "SELECT cle, valeur FROM meta")
    school = example_dossier.ecoles[0]
    assert rows(dossier_path, "SELECT nom, uai, commune FROM ecoles ORDER BY position LIMIT 1") == [
        (school.nom, school.uai, school.commune)
    ]
    first = school.classes[0].lignes[0]
    assert rows(
        dossier_path,
        "SELECT article, quantite, prix_unitaire, niveau, volet FROM lignes WHERE id = ?",
        [first.id],
    ) == [(first.article, first.quantite, f"{first.prix_unitaire}", "classe", "equipement")]
    view = rows(dossier_path, "SELECT ecole, classe, libelle FROM vue_lignes LIMIT 1")
    assert view == [(school.nom, school.classes[0].nom, first.libelle)]


def test_foreign_keys_cascade_from_schools(dossier_path):
    fks = rows(dossier_path, "SELECT \"table\", on_delete FROM pragma_foreign_key_list('lignes')")
    assert ("ecoles", "CASCADE") in fks and ("classes", "CASCADE") in fks
    conn = sqlite3.connect(dossier_path)
    conn.execute("PRAGMA foreign_keys = ON")
    school_id = conn.execute("SELECT id FROM ecoles LIMIT 1").fetchone()[0]
    conn.execute("DELETE FROM ecoles WHERE id = ?", [school_id])
    left = conn.execute("SELECT count(*) FROM lignes WHERE ecole_id = ?", [school_id]).fetchone()
    conn.rollback()
    conn.close()
    assert left == (0,)


def test_campaign_rules_are_the_copy_kept_in_the_file(tmp_path, example_dossier, campaign):
    """A later change of the bundled rules never alters a saved dossier."""
    changed_text = campaign.source_text.replace(
        'plafond_par_eleve = "20.00"', 'plafond_par_eleve = "15.00"'
    )
    assert changed_text != campaign.source_text
    changed = parse_campaign_text(changed_text, "modifiée")
    path = tmp_path / "regles.socle"
    create_dossier_file(path, example_dossier, changed)
    _dossier, kept = read_dossier(path)
    assert kept.services_plafond_par_eleve == Decimal("15.00")
    assert campaign.services_plafond_par_eleve == Decimal("20.00")
    kept_identity = rows(path, "SELECT identifiant, version FROM campagne")
    assert kept_identity == [(campaign.id, campaign.version)]


def test_catalogue_copy_kept_in_order(tmp_path, example_dossier, campaign):
    example_dossier.catalogue["perso"] = CatalogueItem(
        "perso",
        "Article maison",
        "autre",
        "ecole",
        "equipement",
        Decimal("12.34"),
        Decimal("5.5"),
        False,
        "lot",
    )
    path = tmp_path / "catalogue.socle"
    create_dossier_file(path, example_dossier, campaign)
    dossier, _ = read_dossier(path)
    assert list(dossier.catalogue) == list(example_dossier.catalogue)
    assert dossier.catalogue["perso"] == example_dossier.catalogue["perso"]


def test_create_refuses_to_overwrite_without_replace(dossier_path, example_dossier, campaign):
    before = dossier_path.read_bytes()
    example_dossier.porteur.nom = "Autre"
    with pytest.raises(StoreError, match="existe déjà"):
        create_dossier_file(dossier_path, example_dossier, campaign)
    assert dossier_path.read_bytes() == before
    create_dossier_file(dossier_path, example_dossier, campaign, replace=True)
    assert read_dossier(dossier_path)[0].porteur.nom == "Autre"


def test_failed_create_leaves_nothing_behind(tmp_path, example_dossier, campaign):
    bad = dataclasses.replace(campaign, source_text="")
    with pytest.raises(StoreError):
        create_dossier_file(tmp_path / "x.socle", example_dossier, bad)
    example_dossier.ecoles[0].classes[0].lignes[0].quantite = "beaucoup"  # not an integer
    with pytest.raises(StoreError, match="n'a pas pu être écrit|x.socle"):
        create_dossier_file(tmp_path / "x.socle", example_dossier, campaign)
    assert os.listdir(tmp_path) == []


def test_failed_replace_keeps_the_old_file(dossier_path, example_dossier, campaign):
    before = dossier_path.read_bytes()
    example_dossier.ecoles[0].eleves = "trois"
    with pytest.raises(StoreError):
        create_dossier_file(dossier_path, example_dossier, campaign, replace=True)
    assert dossier_path.read_bytes() == before
    assert sorted(os.listdir(dossier_path.parent)) == [dossier_path.name]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_folder_is_refused_in_french(tmp_path, example_dossier, campaign):
    folder = tmp_path / "protege"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError) as error:
            create_dossier_file(folder / "d.socle", example_dossier, campaign)
        assert "lecture seule" in str(error.value) and "d.socle" in str(error.value)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


def test_missing_folder_is_refused(tmp_path, example_dossier, campaign):
    with pytest.raises(StoreError, match="n'existe pas"):
        create_dossier_file(tmp_path / "absent" / "d.socle", example_dossier, campaign)
