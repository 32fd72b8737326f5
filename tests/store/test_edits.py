"""Every edit is written at once, as the rows it touches, in its own transaction."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from socle_desktop.domain import edits
from socle_desktop.domain.model import CatalogueItem, Classroom, Contact, Existant, Line
from socle_desktop.store import DossierFile, StoreError, editing, read_dossier
from tests.store.conftest import digest, integrity, rows
from tests.store.edit_sequence import EditGenerator


def perform(file: DossierFile, edit) -> edits.Edit:
    """What the GUI session does: the edit protocol, on the file's own dossier."""
    return editing.perform(file.dossier, edit, file)


@pytest.fixture
def opened(dossier_path):
    file = DossierFile.open(dossier_path)
    yield file
    file.close()


def test_set_field_of_each_kind_is_saved(opened, dossier_path):
    d = opened.dossier
    school, classroom = d.ecoles[0], d.ecoles[0].classes[1]
    line = classroom.lignes[0]
    for edit in [
        edits.SetField("ligne", line.id, "quantite", 7),
        edits.SetField("ligne", line.id, "prix_unitaire", Decimal("1999.99")),
        edits.SetField("ligne", line.id, "libelle", "VPI « courte focale »"),
        edits.SetField("classe", classroom.id, "niveaux", ["CE2", "CM1"]),
        edits.SetField("classe", classroom.id, "eleves", 27),
        edits.SetField("ecole", school.id, "nom", "École Jean Zay"),
        edits.SetField("ecole", school.id, "existant", {"projection": Existant.OBSOLETE}),
        edits.SetField("commune", d.communes[0].id, "nom", "Saint-Autre"),
        edits.SetField("porteur", "", "nom", "Mairie"),
        edits.SetField("porteur", "", "contact", Contact("Mme A", "maire", "01 02", "a@b.fr")),
        edits.SetField("contact", "", "telephone", "06 00"),
        edits.SetField("parametres", "", "taux_tva", Decimal("5.5")),
        edits.SetField("parametres", "", "plafond_par_classe", "projet"),
        edits.SetField("article", "vpi", "prix_unitaire", Decimal("2222.22")),
    ]:
        perform(opened, edit)
    assert read_dossier(dossier_path)[0] == d
    assert rows(
        dossier_path, "SELECT quantite, prix_unitaire FROM lignes WHERE id = ?", [line.id]
    ) == [(7, "1999.99")]
    assert rows(dossier_path, "SELECT niveaux FROM classes WHERE id = ?", [classroom.id]) == [
        ("CE2 CM1",)
    ]


def test_insert_renumbers_siblings_and_remove_cascades(opened, dossier_path):
    d = opened.dossier
    school = d.ecoles[0]
    new_class = Classroom(
        "CP bis",
        ["CP"],
        12,
        [Line("vpi", "VPI", 1, Decimal("2300.00")), Line("pc-enseignant", "PC", 1, Decimal("700"))],
    )
    perform(opened, edits.Insert("classe", school.id, "classes", 1, new_class))
    perform(
        opened,
        edits.Insert("ligne", school.id, "services", 0, Line("ent", "ENT", 10, Decimal("12.00"))),
    )
    assert read_dossier(dossier_path)[0] == d
    positions = rows(
        dossier_path,
        "SELECT position FROM classes WHERE ecole_id = ? ORDER BY position",
        [school.id],
    )
    assert [p for (p,) in positions] == list(range(len(school.classes)))
    perform(opened, edits.Remove("classe", school.classes[0].id))
    assert rows(
        dossier_path, "SELECT count(*) FROM lignes WHERE classe_id = ?", [school.classes[0].id]
    ) == [(2,)]  # the new first class is CP bis
    removed = school.id
    perform(opened, edits.Remove("ecole", removed))
    for table in ("classes", "lignes", "existant"):
        count = rows(dossier_path, f"SELECT count(*) FROM {table} WHERE ecole_id = ?", [removed])
        assert count == [(0,)]
    assert read_dossier(dossier_path)[0] == d
    assert integrity(dossier_path) == "ok"


def test_undo_of_a_removed_school_puts_it_back_in_place(opened, dossier_path):
    d = opened.dossier
    before = copy.deepcopy(d)
    inverse = perform(opened, edits.Remove("ecole", d.ecoles[0].id))
    perform(opened, inverse)
    assert read_dossier(dossier_path)[0] == before


def test_put_article_adds_replaces_and_removes(opened, dossier_path):
    item = CatalogueItem(
        "robot",
        "Robot de programmation",
        "autre",
        "ecole",
        "equipement",
        Decimal("89.90"),
        Decimal("20"),
        False,
        "pièce",
    )
    perform(opened, edits.PutArticle("robot", item))
    perform(
        opened,
        edits.PutArticle(
            "vpi",
            CatalogueItem(
                "vpi", "VPI révisé", "projection", "classe", "equipement", Decimal("2100")
            ),
        ),
    )
    perform(opened, edits.PutArticle("ent", None))
    saved = read_dossier(dossier_path)[0].catalogue
    assert saved == opened.dossier.catalogue
    assert list(saved) == list(opened.dossier.catalogue)  # order kept too


def test_batch_is_one_transaction(opened, dossier_path):
    school = opened.dossier.ecoles[0]
    batch = edits.apply_lines_to_all_classes(school, school.classes[0])
    perform(opened, batch)
    assert read_dossier(dossier_path)[0] == opened.dossier
    # A batch whose last part names nothing: no part of it reaches the file.
    before = digest(dossier_path)
    bad = edits.Batch(
        (
            edits.SetField("ecole", school.id, "nom", "Changé"),
            edits.SetField("ligne", "inexistante", "quantite", 3),
        )
    )
    with pytest.raises(StoreError, match="n'a pas été enregistrée"):
        opened.apply(bad)
    assert digest(dossier_path) == before
    inserted = Classroom("Nouvelle", ["CP"], 3, [Line("vpi", "VPI", 1, Decimal("2300.00"))])
    bad = edits.Batch(
        (
            edits.Insert("classe", school.id, "classes", 0, inserted),
            edits.Remove("classe", "inexistante"),
        )
    )
    with pytest.raises(StoreError):
        opened.apply(bad)
    assert digest(dossier_path) == before
    assert rows(dossier_path, "SELECT count(*) FROM lignes WHERE classe_id = ?", [inserted.id]) == [
        (0,)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_random_edit_sequences_match_the_dossier_in_memory(dossier_path, seed):
    generator = EditGenerator(seed)
    with DossierFile.open(dossier_path) as file:
        for _ in range(150):
            perform(file, generator.next(file.dossier))
        expected = file.dossier
    with DossierFile.open(dossier_path) as again:
        assert again.dossier == expected
    assert integrity(dossier_path) == "ok"


def test_disk_full_is_reported_in_french_and_rolled_back(opened, dossier_path):
    d = opened.dossier
    pages = opened._db.conn.execute("PRAGMA page_count").fetchone()[0]
    opened._db.conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
    big = Classroom(
        "Énorme", ["CM2"], 20, [Line("vpi", "x" * 400, 1, Decimal(1)) for _ in range(300)]
    )
    edit = edits.Insert("classe", d.ecoles[0].id, "classes", 0, big)
    before = copy.deepcopy(d)
    with pytest.raises(StoreError) as error:
        perform(opened, edit)
    assert "disque est plein" in str(error.value) and dossier_path.name in str(error.value)
    assert d == before  # the protocol rolled the dossier in memory back
    assert read_dossier(dossier_path)[0] == d
    perform(opened, edits.SetField("porteur", "", "nom", "Toujours enregistré"))
    assert read_dossier(dossier_path)[0].porteur.nom == "Toujours enregistré"


def test_read_only_file_refuses_apply(dossier_path):
    with DossierFile.open(dossier_path, read_only=True) as file:
        assert file.read_only
        with pytest.raises(StoreError, match="lecture seule"):
            file.apply(edits.SetField("porteur", "", "nom", "X"))


def test_save_as_copies_and_switches_files(opened, dossier_path, tmp_path):
    perform(opened, edits.SetField("porteur", "", "nom", "Avant la copie"))
    target = tmp_path / "copie.socle"
    copy_file = opened.save_as(target)
    try:
        assert copy_file.path == target and not copy_file.read_only
        assert copy_file.dossier is opened.dossier  # the session keeps editing the same object
        assert opened.read_only  # the old one is closed and released
        perform(copy_file, edits.SetField("porteur", "", "nom", "Après la copie"))
        assert read_dossier(target)[0].porteur.nom == "Après la copie"
        assert read_dossier(dossier_path)[0].porteur.nom == "Avant la copie"
        DossierFile.open(dossier_path).close()  # the original is free again
    finally:
        copy_file.close()
