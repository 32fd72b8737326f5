"""The edit protocol (store/editing.py): checked, applied, written in one transaction, and the
dossier in memory rolled back when the write fails; a refused edit touches nothing."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from socle_desktop.domain import edits
from socle_desktop.domain.model import Classroom, Commune, Line, School
from socle_desktop.store import DossierFile, StoreError, read_dossier
from socle_desktop.store.editing import InvalidValue, perform
from tests.store.conftest import digest


@pytest.fixture
def opened(dossier_path):
    file = DossierFile.open(dossier_path)
    yield file
    file.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: edits.SetField("contact", "", "fonction", "x" * 10_000), "au plus 200"),
        (lambda d: edits.SetField("porteur", "", "siren", "2"), "9 chiffres"),
        (
            lambda d: edits.SetField("ligne", d.ecoles[0].lignes[0].id, "quantite", 10**6),
            "dépasser 100\u202f000",
        ),
        (
            lambda d: edits.SetField(
                "ligne", d.ecoles[0].lignes[0].id, "prix_unitaire", Decimal("NaN")
            ),
            "montant exact",
        ),
        (lambda d: edits.SetField("ecole", d.ecoles[1].id, "uai", d.ecoles[0].uai), "déjà"),
        (
            lambda d: edits.SetField("ecole", d.ecoles[0].id, "commune", "99999"),
            "pas dans la liste",
        ),
        (lambda d: edits.SetField("ecole", d.ecoles[0].id, "eleves", 125_000_015), "5\u202f000"),
        (lambda d: edits.Remove("commune", d.communes[0].id), "changez d'abord leur commune"),
        (
            lambda d: edits.Insert("commune", "", "communes", 0, Commune("35999", "Double")),
            "déjà dans la liste",
        ),
        (
            lambda d: edits.Insert("classe", d.ecoles[0].id, "classes", 0, Classroom("", ["CP"])),
            "ne peut pas être vide",
        ),
        (
            lambda d: edits.Insert("ecole", "", "ecoles", 0, School("X", "0359901X", "35999")),
            "déjà celle de l'école",
        ),
        (lambda d: edits.SetField("classe", d.ecoles[0].classes[0].id, "nom", "a\x00b"), "U+0000"),
        (
            lambda d: edits.SetField("ligne", d.ecoles[0].lignes[0].id, "libelle", "\ud800"),
            "U+D800",
        ),
    ],
)
def test_a_refused_edit_changes_nothing(opened, dossier_path, make, words):
    before, on_disk = copy.deepcopy(opened.dossier), digest(dossier_path)
    with pytest.raises(InvalidValue) as error:
        perform(opened.dossier, make(opened.dossier), opened)
    assert words in str(error.value)
    assert opened.dossier == before and digest(dossier_path) == on_disk


def test_a_batch_refused_halfway_is_undone_in_memory(opened, dossier_path):
    school = opened.dossier.ecoles[0]
    before, on_disk = copy.deepcopy(opened.dossier), digest(dossier_path)
    batch = edits.Batch(
        (
            edits.SetField("ecole", school.id, "nom", "Changé"),
            edits.Insert("ligne", school.id, "lignes", 0, Line("vpi", "VPI", 1, Decimal("2300"))),
            edits.SetField("ecole", school.id, "eleves", -1),
        )
    )
    with pytest.raises(InvalidValue):
        perform(opened.dossier, batch, opened)
    assert opened.dossier == before and digest(dossier_path) == on_disk


def test_a_batch_is_checked_part_after_part(opened, dossier_path):
    """A commune and then a school in it: the second part sees the first."""
    commune = Commune("35001", "Acigné")
    school = School("École de la Lande", "0351234K", "35001")
    perform(
        opened.dossier,
        edits.Batch(
            (
                edits.Insert("commune", "", "communes", 1, commune),
                edits.Insert("ecole", "", "ecoles", 2, school),
            )
        ),
        opened,
    )
    assert read_dossier(dossier_path)[0] == opened.dossier


def test_a_failed_write_rolls_memory_back(opened, dossier_path):
    class FullDisk:
        def apply(self, edit):
            raise StoreError(
                dossier_path, "la modification n'a pas été enregistrée : le disque est plein"
            )

    before = copy.deepcopy(opened.dossier)
    school = opened.dossier.ecoles[0]
    with pytest.raises(StoreError, match="disque est plein"):
        perform(opened.dossier, edits.Remove("ecole", school.id), FullDisk())
    assert opened.dossier == before
    inverse = perform(opened.dossier, edits.SetField("ecole", school.id, "nom", "Écrit"), opened)
    assert read_dossier(dossier_path)[0].ecoles[0].nom == "Écrit"
    perform(opened.dossier, inverse, opened)
    assert read_dossier(dossier_path)[0] == before
