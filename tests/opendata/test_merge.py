"""Importing into a dossier: same UAI updated (never duplicated), the user's classes kept, one
edit whose inverse gives back the dossier exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socle_desktop.domain import jsonio
from socle_desktop.domain.edits import apply
from socle_desktop.domain.model import Classroom, Commune, Dossier, Line, School, Secteur
from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.opendata.merge import ADDED, UNCHANGED, UPDATED, plan_import
from socle_desktop.opendata.proposals import propose
from socle_desktop.opendata.samples import (
    ANNUAIRE_COLUMNS,
    EFFECTIFS_COLUMNS,
    annuaire_row,
    effectifs_row,
    write_csv,
)


@pytest.fixture
def proposals(tmp_path):
    """Cardroc's school and Acigné's two (elementary, maternelle), with their effectifs."""
    annuaire = read_annuaire(
        write_csv(
            tmp_path / "a.csv",
            [
                annuaire_row(
                    "0350165P", "Ecole élémentaire publique de Cardroc", "35050", "Cardroc"
                ),
                annuaire_row("0350103X", "Ecole élémentaire publique le Chevré", "35001", "Acigné"),
                annuaire_row(
                    "0351981N",
                    "Ecole maternelle publique le Chat Perché",
                    "35001",
                    "Acigné",
                    maternelle="1",
                    elementaire="0",
                ),
            ],
            ANNUAIRE_COLUMNS,
        )
    )
    effectifs = read_effectifs(
        write_csv(
            tmp_path / "e.csv",
            [
                effectifs_row("0350165P", 2022, "Cardroc", classes=3, levels=(0, 0, 8, 28, 35)),
                effectifs_row("0350103X", 2022, "Acigné", classes=4, levels=(20, 20, 20, 20, 20)),
            ],
            EFFECTIFS_COLUMNS,
        )
    )
    communes = CommuneIndex(annuaire).resolve("Cardroc, Acigné")
    return [p for p in propose(annuaire, communes, effectifs) if p.ticked]


def test_a_new_dossier_gets_the_schools_and_their_communes_once(proposals):
    dossier = Dossier()
    plan = plan_import(dossier, proposals)
    assert [c.action for c in plan.changes] == [ADDED, ADDED]
    assert plan.summary() == "2 écoles ajoutées ; communes ajoutées : Cardroc, Acigné"
    apply(dossier, plan.edit)
    assert [(c.insee, c.nom) for c in dossier.communes] == [
        ("35050", "Cardroc"),
        ("35001", "Acigné"),
    ]
    assert [(s.uai, s.commune, len(s.classes)) for s in dossier.ecoles] == [
        ("0350165P", "35050", 3),
        ("0350103X", "35001", 4),
    ]
    assert plan.edit.label == "Importer 2 écoles de l'annuaire"


def test_importing_twice_changes_nothing_the_second_time(proposals):
    dossier = Dossier()
    apply(dossier, plan_import(dossier, proposals).edit)
    again = plan_import(dossier, proposals)
    assert again.edit is None
    assert [c.action for c in again.changes] == [UNCHANGED, UNCHANGED]
    assert len(dossier.ecoles) == 2


def test_a_school_already_there_is_updated_and_keeps_its_classes_and_equipment(proposals):
    mine = School(
        nom="École de Cardroc",
        uai="0350165p ",
        commune="35050",
        secteur=Secteur.PRIVE,
        eleves=60,
        classes=[
            Classroom(
                "Classe unique",
                ["CE2", "CM1", "CM2"],
                60,
                [Line("vpi", "VPI", 1, Decimal("2300.00"))],
            )
        ],
    )
    dossier = Dossier(communes=[Commune("35050", "Cardroc")], ecoles=[mine])
    plan = plan_import(dossier, proposals[:1])
    [change] = plan.changes
    assert change.action == UPDATED
    assert change.details == [
        "nom : « École de Cardroc » → « École élémentaire publique de Cardroc »",
        "secteur : Privé sous contrat → Public",
        "élèves : 60 → 71",
        "classes gardées telles quelles : 1 de CP à CM2 dans le dossier, 3 d'après les "
        "effectifs 2022 (à ajuster vous-même si besoin)",
    ]
    apply(dossier, plan.edit)
    assert len(dossier.ecoles) == 1 and dossier.ecoles[0] is mine
    assert (mine.eleves, mine.secteur, len(mine.classes)) == (71, Secteur.PUBLIC, 1)
    assert mine.classes[0].lignes[0].prix_unitaire == Decimal("2300.00")


def test_a_school_there_without_classes_gets_them(proposals):
    dossier = Dossier(
        communes=[Commune("35050", "Cardroc")],
        ecoles=[
            School(
                nom="École élémentaire publique de Cardroc",
                uai="0350165P",
                commune="35050",
                eleves=71,
            )
        ],
    )
    plan = plan_import(dossier, proposals[:1])
    assert plan.changes[0].details == [
        "classes créées : 3 classes de CP à CM2 (CE2-CM1, CM1-CM2, CM2)"
    ]
    apply(dossier, plan.edit)
    assert [c.nom for c in dossier.ecoles[0].classes] == ["CE2-CM1", "CM1-CM2", "CM2"]


def test_the_inverse_of_the_import_gives_back_the_dossier_exactly(proposals, example_dossier):
    example_dossier.ecoles[0].uai = "0350165P"  # one school updated, one added
    before = jsonio.dumps(example_dossier)
    plan = plan_import(example_dossier, proposals)
    assert {c.action for c in plan.changes} == {ADDED, UPDATED}
    inverse = apply(example_dossier, plan.edit)
    assert jsonio.dumps(example_dossier) != before
    apply(example_dossier, inverse)
    assert jsonio.dumps(example_dossier) == before


def test_the_plan_does_not_share_objects_with_the_proposals(proposals):
    first, second = Dossier(), Dossier()
    apply(first, plan_import(first, proposals).edit)
    apply(second, plan_import(second, proposals).edit)
    assert first.ecoles[0].id != second.ecoles[0].id
    first.ecoles[0].classes[0].eleves = 999
    assert second.ecoles[0].classes[0].eleves != 999
    assert proposals[0].school.classes[0].eleves != 999
