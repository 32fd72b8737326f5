"""Tolerant reading, on small files of our own in every unusual shape the exports take."""

from __future__ import annotations

import pytest

from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.csvtable import Cancelled, OpenDataError, column_key, read_table
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.opendata.proposals import propose
from socle_desktop.opendata.samples import (
    ANNUAIRE_COLUMNS,
    EFFECTIFS_COLUMNS,
    annuaire_row,
    csv_text,
    effectifs_row,
    write_csv,
)

ROWS = [
    annuaire_row(
        "0350165P", "Ecole élémentaire publique de Cardroc", "35050", "Cardroc", eleves="71"
    ),
    annuaire_row(
        "0351981N",
        "Ecole maternelle publique le Chat Perché",
        "35001",
        "Acigné",
        maternelle="1",
        elementaire="0",
    ),
    annuaire_row(
        "0352358Y",
        "ECOLE PRIMAIRE PRIVEE STE JEANNE D'ARC",
        "35001",
        "Acigné",
        statut="Privé",
        maternelle="1",
        contrat="CONTRAT D'ASSOCIATION TOUTES CLASSES",
    ),
    annuaire_row("0350001A", "Collège Exemple", "35001", "Acigné", kind="Collège"),
]
# What every variant must give: (UAI, name as the dossier holds it, ticked, pupils)
EXPECTED = [
    ("0352358Y", "École primaire privée Ste Jeanne d'Arc", True, 120),
    ("0351981N", "École maternelle publique le Chat Perché", False, 120),
]


def schools_of_acigne(path):
    annuaire = read_annuaire(path)
    proposals = propose(annuaire, CommuneIndex(annuaire).resolve("acigne"))
    return sorted(
        ((p.uai, p.school.nom, p.ticked, p.school.eleves) for p in proposals), reverse=True
    )


def as_field_names(label: str) -> str:
    return label.lower()


def as_labels(label: str) -> str:
    """The portal's « labels » export: « Identifiant de l'établissement »…"""
    return {
        "Identifiant_de_l_etablissement": "Identifiant de l'établissement",
        "Nom_etablissement": "Nom de l'établissement",
        "Type_etablissement": "Type d'établissement",
        "Code_commune": "Code commune",
        "Nom_commune": "Nom commune",
        "Ecole_elementaire": "École élémentaire",
        "Ecole_maternelle": "École maternelle",
        "Nombre_d_eleves": "Nombre d'élèves",
        "Statut_public_prive": "Statut public privé",
    }.get(label, label)


@pytest.mark.parametrize(
    "sep, encoding, rename, order",
    [
        (";", "utf-8-sig", None, None),  # as published
        (",", "utf-8", None, None),  # comma, no BOM
        (";", "cp1252", None, None),  # re-saved by Excel on Windows
        (";", "utf-8", as_field_names, None),  # field names in lower case
        (",", "utf-8-sig", as_labels, None),  # labels instead of field names
        (";", "utf-8", str.upper, "reversed"),  # capitals, columns in another order
        (";", "utf-8", None, "extra"),  # columns of a later export, unknown to Socle
        ("\t", "utf-8", None, "minimal"),  # only the columns Socle needs, tab-separated
    ],
    ids=[
        "publie",
        "virgule-sans-bom",
        "cp1252",
        "noms-de-champ",
        "libelles",
        "majuscules-ordre",
        "colonnes-en-plus",
        "minimal-tabulation",
    ],
)
def test_every_shape_of_the_annuaire_gives_the_same_schools(tmp_path, sep, encoding, rename, order):
    columns = list(ANNUAIRE_COLUMNS)
    rows = [dict(row) for row in ROWS]
    if order == "reversed":
        columns.reverse()
    elif order == "extra":
        columns[3:3] = ["Nouvelle_colonne", "Autre ; avec séparateur"]
        for row in rows:
            row["Nouvelle_colonne"] = 'valeur; avec "guillemets"\net saut de ligne'
    elif order == "minimal":
        columns = [
            "Identifiant_de_l_etablissement",
            "Nom_etablissement",
            "Type_etablissement",
            "Code_commune",
            "Nom_commune",
            "Statut_public_prive",
            "Ecole_maternelle",
            "Ecole_elementaire",
            "Nombre_d_eleves",
        ]
    if rename:
        rows = [{rename(k): v for k, v in row.items()} for row in rows]
        columns = [rename(c) for c in columns]
    path = write_csv(tmp_path / "annuaire.csv", rows, columns, sep=sep, encoding=encoding)
    assert schools_of_acigne(path) == EXPECTED


def test_a_quoted_field_may_hold_the_separator_and_a_line_break(tmp_path):
    rows = [dict(ROWS[0], Nom_etablissement='École "Les Lucioles"; site 2\nbâtiment B')]
    path = write_csv(tmp_path / "a.csv", rows, ANNUAIRE_COLUMNS)
    annuaire = read_annuaire(path)
    [school] = annuaire.schools_in(["35050"])
    assert school.nom == 'École "Les Lucioles"; site 2\nbâtiment B'
    assert school.uai == "0350165P" and school.eleves == 71


def test_column_keys_meet_across_labels_and_field_names():
    assert column_key("Nombre d'élèves en CP hors ULIS") == column_key("nombre_eleves_cp_hors_ulis")
    assert column_key("Nombre d'élèves en pré-élémentaire hors ULIS") == column_key(
        "nombre_eleves_preelementaire_hors_ulis"
    )
    assert column_key("Numéro de l'école") == column_key("numero_ecole")
    assert column_key("Identifiant de l'établissement") == column_key(
        "Identifiant_de_l_etablissement"
    )
    assert column_key("Nombre total de classes") != column_key("Nombre total d'élèves")


def test_a_missing_column_is_named(tmp_path):
    columns = [c for c in ANNUAIRE_COLUMNS if c != "Code_commune"]
    path = write_csv(tmp_path / "sans-code.csv", ROWS, columns)
    with pytest.raises(OpenDataError) as caught:
        read_annuaire(path)
    message = str(caught.value)
    assert message.startswith("sans-code.csv : colonne(s) manquante(s)")
    assert "« Code_commune » (le code INSEE de la commune)" in message


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "le fichier est vide"),
        (b"\n\n  \n", "le fichier est vide"),
        (b"nom;prenom\nDupont;Jean\n", "ce n'est pas le fichier « Annuaire de l'éducation »"),
        (b"SQLite format 3\x00\x00\x00binary", "ce n'est pas un fichier texte"),
        (
            (
                "\ufeffRentrée scolaire;Numéro de l'école;Nombre total de classes\n"
                "2022;0350165P;3\n"
            ).encode(),
            "celui des effectifs par école, pas l'annuaire",
        ),
    ],
    ids=["vide", "lignes-vides", "autre-tableau", "binaire", "effectifs-a-la-place"],
)
def test_a_file_that_is_not_the_annuaire_is_told_in_french(tmp_path, content, words):
    path = tmp_path / "fichier.csv"
    path.write_bytes(content)
    with pytest.raises(OpenDataError) as caught:
        read_annuaire(path)
    assert str(caught.value).startswith("fichier.csv : ") and words in str(caught.value)


def test_missing_or_unreadable_paths_are_told_in_french(tmp_path):
    with pytest.raises(OpenDataError, match="introuvable"):
        read_annuaire(tmp_path / "absent.csv")
    with pytest.raises(OpenDataError, match="c'est un répertoire"):
        read_annuaire(tmp_path)


def test_the_annuaire_given_as_effectifs_is_told(tmp_path):
    path = write_csv(tmp_path / "annuaire.csv", ROWS, ANNUAIRE_COLUMNS)
    with pytest.raises(OpenDataError, match="l'annuaire de l'éducation, pas celui des effectifs"):
        read_effectifs(path)


def test_effectifs_keep_each_schools_most_recent_year_in_any_column_order(tmp_path):
    rows = [
        effectifs_row("0350165P", 2021, "Cardroc", classes=2, levels=(0, 0, 10, 20, 20)),
        effectifs_row("0350165P", 2022, "Cardroc", classes=3, levels=(0, 0, 8, 28, 35)),
        effectifs_row("0350165P", 2020, "Cardroc", classes=4, levels=(1, 1, 1, 1, 1)),
        effectifs_row("0352358Y", 2021, "Acigné", classes=8, pre=73, levels=(29, 31, 27, 27, 28)),
    ]
    rows = [{label.lower(): value for label, value in row.items()} for row in rows]
    columns = [label.lower() for label in reversed(EFFECTIFS_COLUMNS)]
    path = tmp_path / "effectifs.csv"
    path.write_text(csv_text(rows, columns, sep=","), encoding="utf-8")
    effectifs = read_effectifs(path)
    assert effectifs.latest_year == 2022 and len(effectifs) == 2
    cardroc = effectifs.get("0350165p")
    assert (cardroc.annee, cardroc.classes, cardroc.niveaux["CM2"]) == (2022, 3, 35)
    assert effectifs.get("0352358Y").annee == 2021
    assert effectifs.get("0000000A") is None


def test_a_school_whose_effectifs_are_older_says_so(tmp_path):
    annuaire = write_csv(tmp_path / "a.csv", ROWS, ANNUAIRE_COLUMNS)
    effectifs = write_csv(
        tmp_path / "e.csv",
        [
            effectifs_row("0350165P", 2022, "Cardroc", classes=3, levels=(0, 0, 8, 28, 35)),
            effectifs_row(
                "0352358Y", 2021, "Acigné", classes=8, pre=73, levels=(29, 31, 27, 27, 28)
            ),
        ],
        EFFECTIFS_COLUMNS,
    )
    read = read_annuaire(annuaire)
    proposals = propose(read, CommuneIndex(read).resolve("Acigné"), read_effectifs(effectifs))
    primary = next(p for p in proposals if p.uai == "0352358Y")
    assert "effectifs de la rentrée 2021 (aucun pour 2022)" in primary.notes
    maternelle = next(p for p in proposals if p.uai == "0351981N")
    assert maternelle.counts is None and not maternelle.school.classes


def test_reading_reports_progress_and_can_be_cancelled(tmp_path):
    rows = [
        annuaire_row(f"{3500000 + n:07d}A", f"École {n}", "35001", "Acigné") for n in range(10_000)
    ]
    path = write_csv(tmp_path / "grand.csv", rows, ANNUAIRE_COLUMNS)
    seen = []
    read_table(path, progress=lambda fraction: seen.append(fraction) or True)
    assert 0 <= seen[0] < 1 and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 2

    seen.clear()
    read_annuaire(path, progress=lambda fraction: seen.append(fraction) or True)
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert any(0.8 < f < 1 for f in seen)  # indexing the rows moves the bar too

    def stop_halfway(fraction):
        return fraction < 0.5

    with pytest.raises(Cancelled):
        read_annuaire(path, progress=stop_halfway)


def test_a_large_file_read_block_by_block_gives_exactly_what_csv_gives(tmp_path):
    # > 2 MB blocks: accented letters and quoted line breaks fall on the block boundaries.
    rows = [
        annuaire_row(
            f"{3500000 + n:07d}A",
            f"École « Hélène » n° {n}" + ('\n"bis"; annexe' if n % 7 == 0 else ""),
            "35001",
            "Acigné",
        )
        for n in range(12_000)
    ]
    path = write_csv(tmp_path / "grand.csv", rows, ANNUAIRE_COLUMNS)
    assert path.stat().st_size > 3 * (2 << 20)
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        expected = list(csv.reader(f, delimiter=";"))
    table = read_table(path)
    assert [table.labels] + table.rows() == expected


EFFECTIFS_FIELD_NAMES = {  # the portal's export without labels (use_labels=false)
    "Rentrée scolaire": "rentree_scolaire",
    "Numéro de l'école": "numero_ecole",
    "Nombre total de classes": "nombre_total_classes",
    "Nombre total d'élèves": "nombre_total_eleves",
    "Nombre d'élèves en pré-élémentaire hors ULIS": "nombre_eleves_preelementaire_hors_ulis",
    "Nombre d'élèves en élémentaire hors ULIS": "nombre_eleves_elementaire_hors_ulis",
    "Nombre d'élèves en ULIS": "nombre_eleves_ulis",
    **{
        f"Nombre d'élèves en {level} hors ULIS": f"nombre_eleves_{level.lower()}_hors_ulis"
        for level in ("CP", "CE1", "CE2", "CM1", "CM2")
    },
}


def test_effectifs_exported_with_field_names(tmp_path):
    row = effectifs_row(
        "0352358Y", 2022, "Acigné", classes=8, pre=73, ulis=4, levels=(29, 31, 27, 27, 28)
    )
    renamed = {EFFECTIFS_FIELD_NAMES.get(k, k.lower().replace(" ", "_")): v for k, v in row.items()}
    path = write_csv(tmp_path / "e.csv", [renamed], list(renamed), encoding="utf-8")
    counts = read_effectifs(path).get("0352358Y")
    assert (
        counts.annee,
        counts.classes,
        counts.preelementaire,
        counts.elementaire,
        counts.ulis,
        counts.total,
    ) == (2022, 8, 73, 142, 4, 219)
    assert counts.niveaux == {"CP": 29, "CE1": 31, "CE2": 27, "CM1": 27, "CM2": 28}
