"""« Effectifs d'élèves par niveau et nombre de classes par école » (``fr-en-ecoles-effectifs-
nb_classes``): per school and school year, its classes and its pupils per level. Socle keeps each
school's most recent year."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from socle_desktop.domain.model import CYCLE_2_3_LEVELS, LEVELS
from socle_desktop.domain.validation import MAX_SCHOOL_PUPILS as MAX_PUPILS
from socle_desktop.opendata.csvtable import (
    OpenDataError,
    Progress,
    Table,
    check_columns,
    count,
    read_dataset,
    required,
    tracked,
)

ANNEE = ("Rentrée scolaire", "rentree_scolaire")
UAI = ("Numéro de l'école", "numero_ecole", "uai")
CLASSES = ("Nombre total de classes", "nombre_total_classes")
TOTAL = ("Nombre total d'élèves", "nombre_total_eleves")
PRE = ("Nombre d'élèves en pré-élémentaire hors ULIS", "nombre_eleves_preelementaire_hors_ulis")
ELEM = ("Nombre d'élèves en élémentaire hors ULIS", "nombre_eleves_elementaire_hors_ulis")
ULIS = ("Nombre d'élèves en ULIS", "nombre_eleves_ulis")
ELEMENTARY_LEVELS = tuple(level for level in LEVELS if level in CYCLE_2_3_LEVELS)  # CP…CM2
LEVEL_COLUMNS = {
    level: (f"Nombre d'élèves en {level} hors ULIS", f"nombre_eleves_{level.lower()}_hors_ulis")
    for level in ELEMENTARY_LEVELS
}

# The largest French elementary schools have about forty classes; beyond this a count is a
# damaged file, and estimating classes from it would make thousands.
MAX_CLASSES = 200

REQUIRED = {
    ANNEE: "la rentrée scolaire",
    UAI: "le numéro (UAI) de l'école",
    CLASSES: "le nombre total de classes",
    PRE: "les élèves de pré-élémentaire",
    ELEM: "les élèves d'élémentaire",
}


@dataclass(frozen=True)
class SchoolCounts:
    """One school in one school year."""

    annee: int  # the rentrée: 2022 for 2022-2023
    classes: int
    preelementaire: int
    elementaire: int  # outside ULIS
    ulis: int
    niveaux: dict[str, int]  # CP…CM2 -> pupils outside ULIS (empty when the file has none)
    total: int
    problem: str | None = None  # absurd counts: the school is then not importable

    @property
    def elementary_pupils(self) -> int:
        """Pupils of cycles 2 and 3, ULIS included."""
        return self.elementaire + self.ulis


class Effectifs:
    """Each school's most recent year; the record is split into all its columns only when the
    school is asked for (a national file holds four years of 50 000 schools)."""

    def __init__(self, table: Table, progress: Progress | None = None):
        self._use(table)
        self.latest_year: int | None = None
        self._latest: dict[str, tuple[int, str]] = {}  # UAI -> (year, record)
        self._index(progress)
        if not self._latest:
            raise OpenDataError(table.path, "aucune école avec une rentrée scolaire n'y figure")

    @classmethod
    def assembled(cls, table: Table, latest: dict[str, tuple[int, str]]) -> Effectifs:
        """Effectifs already indexed elsewhere (opendata/wire.py: read in another process),
        ``table`` holding only the columns read, its records those in ``latest``."""
        effectifs = cls.__new__(cls)
        effectifs._use(table)
        effectifs._latest = latest
        effectifs.latest_year = max((year for year, _record in latest.values()), default=None)
        return effectifs

    def _use(self, table: Table) -> None:
        self.path = table.path
        self._table = table
        self._col: dict[tuple[str, ...], int | None] = {
            names: table.column(*names) for names in (ANNEE, UAI, CLASSES, TOTAL, PRE, ELEM, ULIS)
        }
        levels = {level: table.column(*names) for level, names in LEVEL_COLUMNS.items()}
        self._levels = {level: p for level, p in levels.items() if p is not None}

    def _index(self, progress: Progress | None) -> None:
        year_at, uai_at = required(self._col, ANNEE), required(self._col, UAI)
        upto = max(year_at, uai_at)
        years: dict[str, int | None] = {}  # « 2022 », « 2022-2023 »: a few values
        latest = self._latest
        for record in tracked(self._table.records, progress):
            row = self._table.fields(record, upto)
            text = row[year_at]
            year = years[text] if text in years else years.setdefault(text, _year(text))
            uai = row[uai_at].strip().upper()
            if year is None or not uai:
                continue
            known = latest.get(uai)
            if known is None or known[0] < year:
                latest[uai] = (year, record)
        self.latest_year = max((year for year, _record in latest.values()), default=None)

    def __len__(self) -> int:
        return len(self._latest)

    def get(self, uai: str) -> SchoolCounts | None:
        """The school's most recent year in the file, or None when it is not there."""
        found = self._latest.get(uai.strip().upper())
        if found is None:
            return None
        year, record = found
        row = self._table.fields(record)

        def number(names: tuple[str, ...]) -> int:
            position = self._col[names]
            return (count(row[position]) or 0) if position is not None else 0

        pre, elem, ulis = number(PRE), number(ELEM), number(ULIS)
        counts = SchoolCounts(
            annee=year,
            classes=number(CLASSES),
            preelementaire=pre,
            elementaire=elem,
            ulis=ulis,
            niveaux={level: count(row[p]) or 0 for level, p in self._levels.items()},
            total=number(TOTAL) if self._col[TOTAL] is not None else pre + elem + ulis,
        )
        problem = _absurd(counts)
        return counts if problem is None else replace(counts, problem=problem)


def _absurd(counts: SchoolCounts) -> str | None:
    """Why these counts cannot be a school's, in French (the limits of the JSON import)."""
    pupils = {
        "total": counts.total,
        "pré-élémentaire": counts.preelementaire,
        "élémentaire": counts.elementaire,
        "ULIS": counts.ulis,
        **counts.niveaux,
    }
    for what, value in pupils.items():
        if value > MAX_PUPILS:
            return (
                f"effectifs absurdes ({value} élèves en {what} ; au plus {MAX_PUPILS}) ; "
                "école non importable, vérifiez le fichier"
            )
    if counts.classes > MAX_CLASSES:
        return (
            f"effectifs absurdes ({counts.classes} classes ; au plus {MAX_CLASSES}) ; école "
            "non importable, vérifiez le fichier"
        )
    return None


def _year(text: str) -> int | None:
    match = re.search(r"\d{4}", text)
    return int(match.group()) if match else None


def effectifs_from_table(table: Table, progress: Progress | None = None) -> Effectifs:
    if table.has("Identifiant_de_l_etablissement") and table.has("Type_etablissement"):
        raise OpenDataError(
            table.path,
            "ce fichier est l'annuaire de l'éducation, pas celui des "
            "effectifs par école : choisissez-le comme annuaire",
        )
    check_columns(table, REQUIRED, "Effectifs d'élèves par niveau et nombre de classes")
    return Effectifs(table, progress)


def read_effectifs(path: Path | str, *, progress: Progress | None = None) -> Effectifs:
    return read_dataset(path, effectifs_from_table, progress)
