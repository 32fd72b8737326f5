"""Synthetic open-data files in the Ministry's formats, for the tests' unusual formats and the
benchmark's national-size annuaire. The real extracts are never copied into the project."""

from __future__ import annotations

import csv
import io
import os
import random
from collections.abc import Sequence
from pathlib import Path

from socle_desktop.domain.samples import valid_uai

# The real extracts of one département (Ille-et-Vilaine) are never copied into the project: a
# developer keeps them beside the repository (../shared/data), or where SOCLE_SHARED_DATA says.
REAL_ANNUAIRE, REAL_EFFECTIFS = "annuaire-education-35.csv", "ecoles-effectifs-nb-classes-35.csv"
SHARED_DATA_ENV = "SOCLE_SHARED_DATA"


def real_extracts_folder(repository: Path) -> Path | None:
    """The folder holding both real extracts, for the tests and screenshots of ``repository``:
    ``$SOCLE_SHARED_DATA``, else ``shared/data`` beside the repository; None when absent."""
    named = os.environ.get(SHARED_DATA_ENV)
    beside = Path(repository).resolve().parent / "shared" / "data"
    for folder in ([Path(named)] if named else []) + [beside]:
        if (folder / REAL_ANNUAIRE).is_file() and (folder / REAL_EFFECTIFS).is_file():
            return folder
    return None


# The columns of the « Annuaire de l'éducation » export, in its order (2023).
ANNUAIRE_COLUMNS = (
    "Identifiant_de_l_etablissement",
    "Nom_etablissement",
    "Type_etablissement",
    "Statut_public_prive",
    "Adresse_1",
    "Adresse_2",
    "Adresse_3",
    "Code postal",
    "Code_commune",
    "Nom_commune",
    "Code_departement",
    "Code_academie",
    "Code_region",
    "Ecole_maternelle",
    "Ecole_elementaire",
    "Voie_generale",
    "Voie_technologique",
    "Voie_professionnelle",
    "Telephone",
    "Fax",
    "Web",
    "Mail",
    "Restauration",
    "Hebergement",
    "ULIS",
    "Apprentissage",
    "Segpa",
    "Section_arts",
    "Section_cinema",
    "Section_theatre",
    "Section_sport",
    "Section_internationale",
    "Section_europeenne",
    "Lycee_Agricole",
    "Lycee_militaire",
    "Lycee_des_metiers",
    "Post_BAC",
    "Appartenance_Education_Prioritaire",
    "GRETA",
    "SIREN_SIRET",
    "Nombre_d_eleves",
    "Fiche_onisep",
    "position",
    "Type_contrat_prive",
    "Libelle_departement",
    "Libelle_academie",
    "Libelle_region",
    "coordonnee_X",
    "coordonnee_Y",
    "epsg",
    "nom_circonscription",
    "latitude",
    "longitude",
    "precision_localisation",
    "date_ouverture",
    "date_maj_ligne",
    "etat",
    "ministere_tutelle",
    "etablissement_multi_lignes",
    "rpi_concentre",
    "rpi_disperse",
    "code_nature",
    "libelle_nature",
    "Code_type_contrat_prive",
    "PIAL",
    "etablissement_mere",
    "type_rattachement_etablissement_mere",
    "code_bassin_formation",
    "libelle_bassin_formation",
)

# The columns of « Effectifs d'élèves par niveau et nombre de classes par école », as labels.
EFFECTIFS_COLUMNS = (
    "Rentrée scolaire",
    "Région académique",
    "Académie",
    "Département",
    "Commune",
    "Numéro de l'école",
    "Dénomination principale",
    "Patronyme",
    "Secteur",
    "REP",
    "REP +",
    "Nombre total de classes",
    "Nombre total d'élèves",
    "Nombre d'élèves en pré-élémentaire hors ULIS",
    "Nombre d'élèves en élémentaire hors ULIS",
    "Nombre d'élèves en ULIS",
    "Nombre d'élèves en CP hors ULIS",
    "Nombre d'élèves en CE1 hors ULIS",
    "Nombre d'élèves en CE2 hors ULIS",
    "Nombre d'élèves en CM1 hors ULIS",
    "Nombre d'élèves en CM2 hors ULIS",
    "tri",
    "Code Postal",
)


def annuaire_row(
    uai: str,
    nom: str,
    insee: str,
    commune: str,
    *,
    kind: str = "Ecole",
    statut: str = "Public",
    maternelle: str = "0",
    elementaire: str = "1",
    eleves: str = "120",
    contrat: str = "SANS OBJET",
    etat: str = "OUVERT",
    **extra: str,
) -> dict[str, str]:
    """One row with every column filled the way the real export fills it."""
    row = dict.fromkeys(ANNUAIRE_COLUMNS, "")
    row.update(
        {
            "Identifiant_de_l_etablissement": uai,
            "Nom_etablissement": nom,
            "Type_etablissement": kind,
            "Statut_public_prive": statut,
            "Adresse_1": "12 rue de la République",
            "Adresse_3": f"{insee} {commune.upper()}",
            "Code postal": insee,
            "Code_commune": insee,
            "Nom_commune": commune,
            "Code_departement": f"0{insee[:2]}",
            "Ecole_maternelle": maternelle,
            "Ecole_elementaire": elementaire,
            "Telephone": "0299000000",
            "Mail": f"ecole.{uai}@ac-exemple.fr",
            "Nombre_d_eleves": eleves,
            "position": "47.98614492070133, -1.9294895003671315",
            "Type_contrat_prive": contrat,
            "Libelle_departement": "Département d'exemple",
            "Libelle_academie": "Exemple",
            "Libelle_region": "Région d'exemple",
            "coordonnee_X": "332503.4",
            "coordonnee_Y": "6776558.9",
            "epsg": "EPSG:2154",
            "nom_circonscription": "Circonscription d'inspection du 1er degré d'Exemple",
            "latitude": "47.98614492070133",
            "longitude": "-1.9294895003671315",
            "precision_localisation": "Numéro de rue",
            "date_ouverture": "1965-10-01",
            "date_maj_ligne": "2023-06-08",
            "etat": etat,
            "ministere_tutelle": "MINISTERE DE L'EDUCATION NATIONALE",
            "etablissement_multi_lignes": "0",
            "rpi_concentre": "0",
            "code_nature": "151",
            "libelle_nature": "ECOLE MATERNELLE"
            if elementaire == "0"
            else "ECOLE DE NIVEAU ELEMENTAIRE",
            "Code_type_contrat_prive": "99",
            "code_bassin_formation": "10352",
            "libelle_bassin_formation": "Bassin de formation d'exemple",
        }
    )
    row.update(extra)
    return row


def effectifs_row(
    uai: str,
    year: int,
    commune: str,
    *,
    classes: int,
    pre: int = 0,
    levels: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0),
    ulis: int = 0,
    secteur: str = "PUBLIC",
) -> dict[str, str]:
    elem = sum(levels)
    values = [
        str(year),
        "RÉGION",
        "ACADÉMIE",
        "DÉPARTEMENT",
        commune.upper(),
        uai,
        "ECOLE ELEMENTAIRE PUBLIQUE",
        "EXEMPLE",
        secteur,
        "0",
        "0",
        str(classes),
        str(pre + elem + ulis),
        str(pre),
        str(elem),
        str(ulis),
        *map(str, levels),
        f"{year}-{uai}",
        "35000",
    ]
    return dict(zip(EFFECTIFS_COLUMNS, values, strict=True))


def csv_text(
    rows: list[dict[str, str]], columns: tuple[str, ...] | list[str], *, sep: str = ";"
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row.get(c, "") for c in columns] for row in rows)
    return out.getvalue()


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    columns: Sequence[str],
    *,
    sep: str = ";",
    encoding: str = "utf-8-sig",
) -> Path:
    Path(path).write_bytes(csv_text(rows, list(columns), sep=sep).encode(encoding))
    return Path(path)


# The commune the benchmark looks for, among thousands of generated ones.
TARGET_INSEE, TARGET_NAME = "37261", "Saint-Exemple-sur-Loire"


def national_annuaire(path: Path, rows: int = 65_000, seed: int = 2021) -> Path:
    """An annuaire of national size (~65 000 rows, ~60 MB like the real one): ~3/4 schools
    spread over ~35 000 communes, the rest collèges and lycées; ``TARGET_NAME`` has 6 schools."""
    rng = random.Random(seed)
    out = []
    for n in range(rows):
        if n < 6:
            insee, commune = TARGET_INSEE, TARGET_NAME
        else:
            department = rng.randint(1, 95)
            insee, commune = f"{department:02d}{rng.randint(1, 380):03d}", f"Commune {n % 35_000}"
        school = rng.random() < 0.75
        maternelle = rng.random() < 0.3
        row = annuaire_row(
            valid_uai(100_000 + n),
            f"École {'maternelle' if maternelle else 'élémentaire'} publique n° {n}",
            insee,
            commune,
            kind="Ecole" if school else "Collège",
            elementaire="0" if maternelle else "1",
            maternelle="1" if maternelle else "0",
            eleves=str(rng.randint(20, 400)),
            Web=f"https://www.ac-exemple.fr/etablissements/{n}/presentation-de-l-etablissement",
            Fiche_onisep=f"https://www.onisep.fr/http/redirection/etablissement/slug/ENS.{n}",
            Adresse_2="Bâtiment principal, entrée par la cour de récréation",
        )
        out.append(row)
    return write_csv(path, out, ANNUAIRE_COLUMNS)


def national_effectifs(
    path: Path,
    annuaire_rows: int = 65_000,
    years: tuple[int, ...] = (2019, 2020, 2021, 2022),
    seed: int = 2021,
) -> Path:
    """The effectifs of the schools of ``national_annuaire`` (same UAIs), for four school years:
    ~200 000 rows like the national file."""
    rng = random.Random(seed)
    out = []
    for year in years:
        for n in range(annuaire_rows):
            a, b, c, d, e = (rng.randint(5, 40) for _ in range(5))
            levels = (a, b, c, d, e)
            out.append(
                effectifs_row(
                    valid_uai(100_000 + n),
                    year,
                    f"Commune {n % 35_000}",
                    classes=sum(levels) // 24 + 1,
                    pre=rng.choice((0, 0, 60)),
                    levels=levels,
                )
            )
    return write_csv(path, out, EFFECTIFS_COLUMNS)
