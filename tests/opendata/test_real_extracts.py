"""The importer against the Ministry's real files (Ille-et-Vilaine extracts in ../shared/data).

The expected values come from the files themselves, read here with ``csv.DictReader`` by their
exact column names: an oracle independent of Socle's tolerant reader."""

from __future__ import annotations

import csv

import pytest

from socle_desktop.domain.model import Dossier, Secteur
from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex, CommuneQueryError
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.opendata.merge import ADDED, plan_import
from socle_desktop.opendata.proposals import propose

RENNES, CARDROC = "35238", "35050"


@pytest.fixture(scope="module")
def annuaire(annuaire_35):
    return read_annuaire(annuaire_35)


@pytest.fixture(scope="module")
def effectifs(effectifs_35):
    return read_effectifs(effectifs_35)


@pytest.fixture(scope="module")
def oracle_rows(annuaire_35, effectifs_35):
    with open(annuaire_35, encoding="utf-8-sig", newline="") as f:
        schools = [
            r for r in csv.DictReader(f, delimiter=";") if r["Type_etablissement"] == "Ecole"
        ]
    with open(effectifs_35, encoding="utf-8-sig", newline="") as f:
        counts = {
            r["Numéro de l'école"]: r
            for r in csv.DictReader(f, delimiter=";")
            if r["Rentrée scolaire"] == "2022"
        }
    return schools, counts


def rennes(annuaire, effectifs):
    return propose(annuaire, CommuneIndex(annuaire).resolve("Rennes"), effectifs)


def test_rennes_gives_its_real_public_elementary_schools_with_their_class_counts(
    annuaire, effectifs, oracle_rows
):
    schools, counts = oracle_rows
    expected = {
        r["Identifiant_de_l_etablissement"]
        for r in schools
        if r["Code_commune"] == RENNES
        and r["Statut_public_prive"] == "Public"
        and r["Ecole_elementaire"] == "1"
        and r["Ecole_maternelle"] == "0"
    }
    proposals = rennes(annuaire, effectifs)
    ticked_public = {
        p.uai
        for p in proposals
        if p.ticked and p.school.secteur == Secteur.PUBLIC and p.kind == "elementaire"
    }
    assert len(expected) >= 30  # a big city: the oracle itself must not be empty
    assert ticked_public == expected
    for proposal in proposals:
        if proposal.uai in expected and proposal.uai in counts:
            row = counts[proposal.uai]
            assert len(proposal.school.classes) == int(row["Nombre total de classes"]), proposal.uai
            assert proposal.school.eleves == int(row["Nombre total d'élèves"])
            assert sum(c.eleves for c in proposal.school.classes) == (
                int(row["Nombre d'élèves en élémentaire hors ULIS"])
                + int(row["Nombre d'élèves en ULIS"])
            )


def test_a_known_rennes_school_in_detail(annuaire, effectifs):
    proposal = next(p for p in rennes(annuaire, effectifs) if p.uai == "0350594F")
    school = proposal.school
    assert school.nom == "École élémentaire publique Champion de Cicé"
    assert (school.commune, school.secteur, school.eleves) == (RENNES, Secteur.PUBLIC, 211)
    # 2022: 11 classes, 201 pupils CP–CM2 (43, 42, 42, 42, 32) and 10 in ULIS
    assert len(school.classes) == 11 and school.cycle_2_3_classes == 11
    assert school.classes[-1].nom == "ULIS" and school.classes[-1].eleves == 10
    sizes = [c.eleves for c in school.classes[:-1]]
    assert sum(sizes) == 201 and set(sizes) == {20, 21}  # equal shares, to one pupil
    assert school.classes[0].niveaux == ["CP"] and school.classes[-2].niveaux == ["CM2"]


def test_maternelles_are_listed_but_not_ticked_and_private_schools_out_of_contract_cannot_be(
    annuaire, effectifs, oracle_rows
):
    schools, _counts = oracle_rows
    proposals = rennes(annuaire, effectifs)
    in_rennes = {
        r["Identifiant_de_l_etablissement"] for r in schools if r["Code_commune"] == RENNES
    }
    assert {p.uai for p in proposals} == in_rennes  # every school is shown
    maternelles = [p for p in proposals if p.kind == "maternelle"]
    assert maternelles and all(
        p.eligible and not p.ticked and not p.school.classes for p in maternelles
    )
    hors_contrat = [p for p in proposals if "hors contrat" in " ".join(p.notes)]
    expected_hc = {
        r["Identifiant_de_l_etablissement"]
        for r in schools
        if r["Code_commune"] == RENNES and r["Type_contrat_prive"] == "HORS CONTRAT"
    }
    assert {p.uai for p in hors_contrat} == expected_hc
    assert all(not p.eligible and not p.ticked for p in hors_contrat)


def test_cardroc_gives_its_one_school(annuaire, effectifs):
    communes = CommuneIndex(annuaire).resolve("cardroc")
    assert [c.insee for c in communes] == [CARDROC]
    [proposal] = propose(annuaire, communes, effectifs)
    school = proposal.school
    assert (proposal.uai, proposal.ticked, school.eleves) == ("0350165P", True, 71)
    # 2022: 3 classes, CE2 8, CM1 28, CM2 35: no CP or CE1 class
    assert len(school.classes) == 3
    assert sum(c.eleves for c in school.classes) == 71
    assert {level for c in school.classes for level in c.niveaux} == {"CE2", "CM1", "CM2"}


def test_a_primary_school_gets_its_elementary_share_of_classes_and_says_so(annuaire, effectifs):
    # Acigné, Ste Jeanne d'Arc: 8 classes, 73 pupils in maternelle, 142 in elementary
    proposals = propose(annuaire, CommuneIndex(annuaire).resolve("Acigné"), effectifs)
    primary = next(p for p in proposals if p.uai == "0352358Y")
    assert primary.kind == "primaire" and primary.ticked
    assert primary.school.secteur == Secteur.PRIVE
    assert len(primary.school.classes) == 5  # 8 × 142 / 215 = 5.28
    assert any(
        "estimée" in note and "5 classe(s) élémentaire(s) sur 8" in note for note in primary.notes
    )


@pytest.mark.parametrize(
    "query, words",
    [
        ("Rennnes", ["Aucune commune « Rennnes »", "Rennes (35238)"]),
        ("Paris", ["Aucune commune « Paris »", "code INSEE"]),
        (
            "st aubin",
            [
                "Vouliez-vous dire : Saint-Aubin-d'Aubigné (35251), Saint-Aubin-des-Landes "
                "(35252), Saint-Aubin-du-Cormier (35253) ?"
            ],
        ),
        ("75056", ["Aucune commune de code INSEE 75056"]),
        ("", ["Saisissez une commune"]),
    ],
)
def test_an_unknown_commune_is_told_clearly(annuaire, query, words):
    with pytest.raises(CommuneQueryError) as caught:
        CommuneIndex(annuaire).resolve(query)
    for word in words:
        assert word in str(caught.value)


def test_communes_by_name_or_code_accents_and_case_ignored_several_at_once(annuaire):
    index = CommuneIndex(annuaire)
    for query in ("ACIGNE", "acigné", "35001", "Acigné (35001)"):
        assert [c.insee for c in index.resolve(query)] == ["35001"]
    assert [c.nom for c in index.resolve("st malo")] == ["Saint-Malo"]
    assert [c.insee for c in index.resolve("Rennes, Cardroc ; 35001, rennes")] == [
        RENNES,
        CARDROC,
        "35001",
    ]


def test_importing_rennes_into_an_empty_dossier_adds_the_commune_and_the_ticked_schools(
    annuaire, effectifs
):
    proposals = [p for p in rennes(annuaire, effectifs) if p.ticked]
    dossier = Dossier()
    plan = plan_import(dossier, proposals)
    assert plan.count(ADDED) == len(proposals)
    assert [c.insee for c in plan.new_communes] == [RENNES]
    from socle_desktop.domain.edits import apply

    apply(dossier, plan.edit)
    assert [s.uai for s in dossier.ecoles] == [p.uai for p in proposals]
    assert sum(s.cycle_2_3_classes for s in dossier.ecoles) == sum(p.classes for p in proposals)
