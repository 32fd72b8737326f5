"""Open-data files that are broken, converted badly or absurd: refused in French, or read as
they are meant (UTF-16); never a csv error, a StopIteration, or a school read from the wrong
column."""

from __future__ import annotations

import os
import sys
import time

import pytest

from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.csvtable import OpenDataError
from socle_desktop.opendata.effectifs import SchoolCounts, read_effectifs
from socle_desktop.opendata.proposals import estimate_classes, propose
from socle_desktop.opendata.samples import (
    ANNUAIRE_COLUMNS,
    EFFECTIFS_COLUMNS,
    annuaire_row,
    csv_text,
    effectifs_row,
    write_csv,
)
from tests.store.planted import at_most

HORS_CONTRAT = annuaire_row(
    "0352908W",
    "ECOLE PRIMAIRE PRIVEE HOLISKOL",
    "35238",
    "Rennes",
    statut="Privé",
    contrat="HORS CONTRAT",
    maternelle="1",
    Adresse_1="Bât. B; 4 allée des Tilleuls",
)
ROWS = [
    annuaire_row("0350594F", "Ecole élémentaire publique Champion de Cicé", "35238", "Rennes"),
    HORS_CONTRAT,
    annuaire_row(
        "0352358Y",
        "ECOLE PRIMAIRE PRIVEE STE JEANNE D'ARC",
        "35238",
        "Rennes",
        statut="Privé",
        maternelle="1",
        contrat="CONTRAT D'ASSOCIATION TOUTES CLASSES",
    ),
]


def proposals_of(path, effectifs=None, commune="Rennes"):
    annuaire = read_annuaire(path)
    return propose(
        annuaire,
        CommuneIndex(annuaire).resolve(commune),
        read_effectifs(effectifs) if effectifs else None,
    )


def by_uai(proposals) -> dict:
    return {p.uai: p for p in proposals}


# --- quotes that never close ----------------------------------------------------------------


def test_an_unbalanced_quote_is_refused_with_its_line(tmp_path):
    header, row = csv_text(ROWS[:1], ANNUAIRE_COLUMNS).splitlines()
    broken = row.replace(";Ecole", ';"Ecole', 1)  # opens a quoted field that never closes
    path = tmp_path / "annuaire.csv"
    path.write_text("\n".join([header, broken] + [row] * 50) + "\n", encoding="utf-8")
    with pytest.raises(OpenDataError) as error:
        read_annuaire(path)
    message = str(error.value)
    assert message.startswith("annuaire.csv : ligne 2 : un guillemet ouvre un champ")
    assert "limit" not in message and "field" not in message


def test_a_quote_inside_a_field_is_only_a_character(tmp_path):
    rows = [dict(ROWS[0], Nom_etablissement='Ecole du "Moulin')]  # one quote, mid-field
    path = tmp_path / "annuaire.csv"
    path.write_text(
        csv_text(rows, ANNUAIRE_COLUMNS)
        .replace('"""', '"')
        .replace('""', '"')
        .replace(';"Ecole du "Moulin";', ';Ecole du "Moulin;'),
        encoding="utf-8",
    )
    (school,) = proposals_of(path)
    assert school.school.nom == 'École du "Moulin'


def test_a_line_break_in_an_open_quote_at_the_end_of_the_file_is_refused(tmp_path):
    path = tmp_path / "effectifs.csv"
    text = csv_text([effectifs_row("0350165P", 2022, "Cardroc", classes=3)], EFFECTIFS_COLUMNS)
    path.write_text(text + '2023;"RÉGION\nsans fin\n', encoding="utf-8")
    with pytest.raises(OpenDataError, match="ligne 3 : un guillemet"):
        read_effectifs(path)


# --- UTF-16, as Excel's « texte Unicode » writes it -----------------------------------------


@pytest.mark.parametrize(
    "encoding, sep", [("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-16-be", ";"), ("utf-16", ";")]
)
def test_utf_16_files_are_read(tmp_path, encoding, sep):
    path = write_csv(tmp_path / "annuaire.txt", ROWS, ANNUAIRE_COLUMNS, sep=sep, encoding=encoding)
    if encoding == "utf-16":
        assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    names = sorted(p.school.nom for p in proposals_of(path))
    assert names == sorted(
        [
            "École élémentaire publique Champion de Cicé",
            "École primaire privée Holiskol",
            "École primaire privée Ste Jeanne d'Arc",
        ]
    )


def test_a_truncated_utf_16_file_is_refused(tmp_path):
    path = tmp_path / "annuaire.txt"
    path.write_bytes(csv_text(ROWS, ANNUAIRE_COLUMNS).encode("utf-16")[:-1])
    with pytest.raises(OpenDataError, match="UTF-16 illisible"):
        read_annuaire(path)


# --- columns that no longer say what their titles say ---------------------------------------


def test_without_its_quotes_a_hors_contrat_school_would_read_sous_contrat(tmp_path):
    path = tmp_path / "annuaire.csv"
    good = csv_text(ROWS, ANNUAIRE_COLUMNS)
    path.write_text(good, encoding="utf-8")
    assert not by_uai(proposals_of(path))["0352908W"].eligible  # quoted: read right
    path.write_text(good.replace('"', ""), encoding="utf-8")  # what a naive conversion leaves
    with pytest.raises(OpenDataError) as error:
        read_annuaire(path)
    message = str(error.value)
    assert "1 ligne sur 3 n'a pas les 69 colonnes de l'en-tête (ligne 3 : 70 colonnes)" in message
    assert "« hors contrat » lu comme « sous contrat »" in message
    assert "Téléchargez-le à nouveau" in message


def test_a_file_converted_to_commas_without_quotes_is_refused(tmp_path):
    path = tmp_path / "annuaire.csv"
    path.write_text(
        csv_text(ROWS, ANNUAIRE_COLUMNS).replace('"', "").replace(";", ","), encoding="utf-8"
    )  # « position » holds « 47.98…, -1.92… »
    with pytest.raises(OpenDataError, match="3 lignes sur 3 n'ont pas les 69 colonnes"):
        read_annuaire(path)


def test_trailing_separators_are_not_a_shift(tmp_path):
    path = tmp_path / "annuaire.csv"
    path.write_text(
        "\n".join(line + ";;" for line in csv_text(ROWS, ANNUAIRE_COLUMNS).splitlines()) + "\n",
        encoding="utf-8",
    )
    assert len(proposals_of(path)) == 3


@pytest.mark.parametrize(
    "changes, said",
    [
        ({"Statut_public_prive": "35238"}, "le statut public/privé y vaut « 35238 »"),
        (
            {"Statut_public_prive": "Public", "Type_contrat_prive": "HORS CONTRAT"},
            "école publique, mais « HORS CONTRAT »",
        ),
        ({"Identifiant_de_l_etablissement": "Rennes"}, "identifiant « RENNES »"),
        ({"Nombre_d_eleves": "99999999"}, "nombre d'élèves absurde dans l'annuaire (99999999"),
    ],
)
def test_a_row_whose_columns_disagree_is_shown_never_importable(tmp_path, changes, said):
    rows = [ROWS[0], dict(ROWS[2], **changes)]
    path = write_csv(tmp_path / "annuaire.csv", rows, ANNUAIRE_COLUMNS)
    proposals = proposals_of(path)
    refused = next(p for p in proposals if p.source.nom == ROWS[2]["Nom_etablissement"])
    assert not refused.eligible and not refused.ticked
    assert said in refused.notes[0] and "non importable" in refused.notes[0]
    assert refused.refused == refused.notes[0]
    assert (refused.secteur_label == "Non reconnu") == ("absurde" not in said)
    assert any(p.eligible for p in proposals)  # the others stay importable


# --- absurd counts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row, said",
    [
        (
            effectifs_row(
                "0350594F", 2022, "Rennes", classes=5_000_000, levels=(20, 20, 20, 20, 20)
            ),
            "5000000 classes",
        ),
        (
            effectifs_row(
                "0350594F", 2022, "Rennes", classes=4, levels=(20, 20, 20, 20, 2_000_000)
            ),
            "2000080 élèves en total",
        ),
    ],
)
def test_absurd_effectifs_are_refused_quickly(tmp_path, row, said):
    annuaire = write_csv(tmp_path / "annuaire.csv", ROWS[:1], ANNUAIRE_COLUMNS)
    effectifs = write_csv(tmp_path / "effectifs.csv", [row], EFFECTIFS_COLUMNS)
    started = time.perf_counter()
    (proposal,) = proposals_of(annuaire, effectifs)
    assert time.perf_counter() - started < 5  # not five million classes estimated
    assert not proposal.eligible and said in proposal.notes[0]
    assert proposal.school.classes == []


def test_more_than_26_classes_of_one_level_are_named_on(tmp_path):
    counts = SchoolCounts(
        2022, 30, 0, 600, 0, {"CP": 600, "CE1": 0, "CE2": 0, "CM1": 0, "CM2": 0}, 600
    )
    classes, _ = estimate_classes(counts)
    names = [c.nom for c in classes]
    assert names[:2] == ["CP A", "CP B"] and names[25:] == [
        "CP Z",
        "CP AA",
        "CP AB",
        "CP AC",
        "CP AD",
    ]
    assert len(set(names)) == 30


# --- special files --------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
def test_a_fifo_given_as_the_annuaire_is_refused_at_once(tmp_path):
    fifo = tmp_path / "annuaire.csv"
    os.mkfifo(fifo)
    with at_most(10), pytest.raises(OpenDataError, match="tube nommé"):
        read_annuaire(fifo)
