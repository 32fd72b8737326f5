"""Variants in the dossier file: every variant edit written as the rows it touches, undone the
same way, and a file read back always equal to the dossier in memory."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from socle_desktop.domain import edits, variants
from socle_desktop.domain.model import Classroom, Line
from socle_desktop.store import DossierFile, StoreError, read_dossier
from socle_desktop.store.editing import InvalidValue, perform
from tests.store.conftest import digest, integrity, rows
from tests.store.edit_sequence import EditGenerator


def as_filed(dossier):
    """The dossier as a reader of its file sees it: the retained variant current."""
    return variants.checked_out(dossier, dossier.retenue)


@pytest.fixture
def opened(dossier_path):
    with DossierFile.open(dossier_path) as file:
        yield file


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_of_lines_and_variants_match_the_file(dossier_path, seed):
    """Edits of lines, of variants and of the others' lines, switches between them, and undo
    of a few: the file read back is the dossier in memory, whichever variant is current."""
    generator = EditGenerator(f"variantes-{seed}")
    rng = random.Random(seed)
    switches = aside = 0
    with DossierFile.open(dossier_path) as file:
        dossier = file.dossier
        for _ in range(120):
            step = (
                generator.variant_edit(dossier) if rng.random() < 0.35 else generator.next(dossier)
            )
            if isinstance(step, str):
                variants.switch(dossier, step)
                switches += 1
                continue
            inverse = perform(dossier, step, file)
            if rng.random() < 0.15:
                perform(dossier, inverse, file)  # undone at once, in the same variant
            aside += sum(bool(v.lignes) for v in dossier.variantes)
        expected = as_filed(dossier)
    assert switches and aside  # the sequence did switch, and wrote other variants' lines
    again, _campaign = read_dossier(dossier_path)
    assert again == expected
    assert integrity(dossier_path) == "ok"


def test_a_new_variant_is_a_copy_written_aside(opened, dossier_path):
    dossier = opened.dossier
    count = rows(dossier_path, "SELECT count(*) FROM lignes")[0][0]
    created = variants.create(dossier, "Écrans interactifs")
    perform(dossier, created, opened)
    assert dossier.courante == dossier.retenue  # created aside: the window switches to it
    assert rows(dossier_path, "SELECT count(*) FROM lignes")[0][0] == 2 * count
    assert rows(
        dossier_path, "SELECT count(*) FROM lignes WHERE variante_id = ?", [created.variante.id]
    ) == [(count,)]
    assert read_dossier(dossier_path)[0] == as_filed(dossier)
    variants.switch(dossier, created.variante.id)
    line = dossier.ecoles[0].classes[0].lignes[0]
    perform(dossier, edits.SetField("ligne", line.id, "quantite", 7), opened)
    perform(
        dossier,
        edits.Insert(
            "ligne",
            dossier.ecoles[0].id,
            "lignes",
            0,
            Line("tablette", "Tablette", 3, Decimal("390.00")),
        ),
        opened,
    )
    read, _campaign = read_dossier(dossier_path)
    assert read == as_filed(dossier)
    # the retained plan in the file did not move
    assert read.ecoles[0].classes[0].lignes[0].quantite != 7 or line.quantite == 7
    assert (
        variants.lines_of(read, created.variante.id)[(dossier.ecoles[0].classes[0].id, "lignes")][
            0
        ].quantite
        == 7
    )


def test_removing_a_class_keeps_the_other_variants_lines_for_undo(opened, dossier_path):
    dossier = opened.dossier
    created = variants.create(dossier, "Copie")
    perform(dossier, created, opened)
    school = dossier.ecoles[0]
    classroom = school.classes[0]
    key = (classroom.id, "lignes")
    assert created.variante.lignes[key]
    inverse = perform(dossier, edits.Remove("classe", classroom.id), opened)
    assert key not in created.variante.lignes
    assert rows(
        dossier_path, "SELECT count(*) FROM lignes WHERE classe_id = ?", [classroom.id]
    ) == [(0,)]
    perform(dossier, inverse, opened)  # the class back, with its lines in both variants
    assert created.variante.lignes[key]
    assert read_dossier(dossier_path)[0] == as_filed(dossier)
    counts = rows(
        dossier_path,
        "SELECT variante_id, count(*) FROM lignes WHERE classe_id = ? "
        "GROUP BY variante_id ORDER BY variante_id",
        [classroom.id],
    )
    assert len(counts) == 2


def test_removing_the_current_variant_goes_back_to_the_retained_one(opened, dossier_path):
    dossier = opened.dossier
    created = variants.create(dossier, "À supprimer")
    perform(dossier, created, opened)
    variants.switch(dossier, created.variante.id)
    inverse = perform(dossier, variants.delete(dossier, created.variante.id), opened)
    assert dossier.courante == dossier.retenue
    assert [v.nom for v in dossier.variantes] == ["Principale"]
    assert rows(
        dossier_path, "SELECT count(*) FROM lignes WHERE variante_id = ?", [created.variante.id]
    ) == [(0,)]
    perform(dossier, inverse, opened)
    assert read_dossier(dossier_path)[0] == as_filed(dossier)


def test_retaining_another_variant_changes_what_the_file_files(opened, dossier_path):
    dossier = opened.dossier
    created = variants.create(dossier, "ENI")
    perform(dossier, created, opened)
    variants.switch(dossier, created.variante.id)
    perform(
        dossier,
        edits.Insert(
            "ligne",
            dossier.ecoles[0].id,
            "lignes",
            0,
            Line("tablette", "Tablette", 30, Decimal("390.00")),
        ),
        opened,
    )
    perform(dossier, variants.retain(dossier, created.variante.id), opened)
    assert rows(dossier_path, "SELECT nom FROM variantes WHERE retenue = 1") == [("ENI",)]
    read, _campaign = read_dossier(dossier_path)
    assert read.courante == read.retenue == created.variante.id
    assert read.ecoles[0].lignes[0].quantite == 30  # the retained plan is the one in place


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda d: variants.delete(d, d.retenue), "seule variante du dossier"),
        (
            lambda d: variants.create(d, " principale "),
            "une variante s'appelle déjà « Principale »",
        ),
        (lambda d: variants.create(d, ""), "le nom de la variante ne peut pas être vide"),
        (lambda d: variants.create(d, "x" * 81), "au plus 80"),
        (lambda d: variants.create(d, "deux\nlignes"), "tient sur une ligne"),
    ],
)
def test_refused_variant_edits_change_nothing(opened, dossier_path, make, words):
    before = digest(dossier_path)
    with pytest.raises(InvalidValue, match=words):
        perform(opened.dossier, make(opened.dossier), opened)
    assert digest(dossier_path) == before
    assert len(opened.dossier.variantes) == 1


def test_the_retained_variant_cannot_be_deleted(opened, dossier_path):
    dossier = opened.dossier
    perform(dossier, variants.create(dossier, "Autre"), opened)
    before = digest(dossier_path)
    with pytest.raises(InvalidValue, match="est la variante retenue : retenez-en d'abord"):
        perform(dossier, variants.delete(dossier, dossier.retenue), opened)
    assert digest(dossier_path) == before


def test_an_edit_of_lines_the_file_does_not_hold_is_refused_whole(opened, dossier_path):
    dossier = opened.dossier
    perform(dossier, variants.create(dossier, "Autre"), opened)
    before = digest(dossier_path)
    ghost = Classroom("Fantôme", ["CP"])
    with pytest.raises(StoreError, match="n'a pas été enregistrée"):
        opened.apply(
            edits.SetVariantLines(
                dossier.variantes[1].id,
                (ghost.id, "lignes"),
                (Line("vpi", "VPI", 1, Decimal("1")),),
            )
        )
    assert digest(dossier_path) == before


def test_the_view_of_lines_names_the_variants(opened, dossier_path):
    dossier = opened.dossier
    perform(dossier, variants.create(dossier, "ENI & <co>"), opened)
    found = rows(
        dossier_path, "SELECT DISTINCT variante, retenue FROM vue_lignes ORDER BY retenue DESC"
    )
    assert found == [("Principale", 1), ("ENI & <co>", 0)]
