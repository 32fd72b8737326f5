"""The « Annuaire de l'éducation » (data.education.gouv.fr, ``fr-en-annuaire-education``): one
row per establishment. Socle keeps its schools and the communes it names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from socle_desktop.domain.validation import MAX_SCHOOL_PUPILS as MAX_PUPILS
from socle_desktop.domain.validation import insee_error, uai_error
from socle_desktop.opendata.csvtable import (
    OpenDataError,
    Progress,
    Table,
    check_columns,
    count,
    plain,
    read_dataset,
    required,
    tracked,
)

# Each column by its field name first, then other names seen in exports of the dataset.
UAI = ("Identifiant_de_l_etablissement", "Identifiant de l'établissement", "uai", "Code UAI")
NOM = ("Nom_etablissement", "Nom de l'établissement", "appellation_officielle")
TYPE = ("Type_etablissement", "Type d'établissement")
CODE_COMMUNE = ("Code_commune", "Code INSEE de la commune", "code_insee_commune", "code_insee")
NOM_COMMUNE = ("Nom_commune", "Nom de la commune", "libelle_commune", "commune")
STATUT = ("Statut_public_prive", "Statut public/privé", "secteur")
CONTRAT = ("Type_contrat_prive", "Type de contrat privé")
MATERNELLE = ("Ecole_maternelle", "École maternelle")
ELEMENTAIRE = ("Ecole_elementaire", "École élémentaire")
ELEVES = ("Nombre_d_eleves", "Nombre d'élèves")
ETAT = ("etat", "État")
NATURE = ("libelle_nature", "Libellé nature")

REQUIRED = {  # column -> what it is, for the message when it is missing
    UAI: "l'identifiant (UAI) de l'établissement",
    NOM: "le nom de l'établissement",
    TYPE: "le type d'établissement",
    CODE_COMMUNE: "le code INSEE de la commune",
    NOM_COMMUNE: "le nom de la commune",
}


@dataclass(frozen=True, slots=True)  # slots: 35 000 of them, one object each, no dict
class CommuneInfo:
    insee: str
    nom: str

    @property
    def label(self) -> str:
        """« Rennes (35238) », as the user picks it."""
        return f"{self.nom} ({self.insee})"


@dataclass(frozen=True)
class AnnuaireSchool:
    """A school of the annuaire, in the annuaire's own terms."""

    uai: str
    nom: str
    insee: str
    commune: str
    statut: str  # « Public », « Privé »
    contrat: str  # e.g. « CONTRAT D'ASSOCIATION TOUTES CLASSES », « HORS CONTRAT »
    maternelle: bool | None  # None: the file does not say
    elementaire: bool | None
    eleves: int | None
    etat: str  # « OUVERT », « A FERMER »…
    nature: str  # « ECOLE MATERNELLE », « ECOLE DE NIVEAU ELEMENTAIRE »
    problem: str | None = None  # why its row cannot be trusted (then it is not importable)
    sector_known: bool = True  # False when its sector and contract columns disagree


def _flag(text: str) -> bool | None:
    text = plain(text.strip())
    if text in ("1", "oui", "o", "true", "vrai", "x"):
        return True
    if text in ("0", "non", "n", "false", "faux"):
        return False
    return None


class Annuaire:
    """The communes of an annuaire and, per commune, its schools: a school's row is split into
    all its columns only when its commune is asked for (see csvtable)."""

    def __init__(self, table: Table, progress: Progress | None = None):
        self._use(table)
        self.rows = len(table.records)
        self.communes: dict[str, CommuneInfo] = {}  # every commune named, school or not
        # INSEE -> the records of its schools (tuples when assembled: the collector skips them)
        self._records: Mapping[str, Sequence[str]] = {}
        self._index(progress)

    @classmethod
    def assembled(
        cls,
        table: Table,
        rows: int,
        communes: dict[str, CommuneInfo],
        records: Mapping[str, Sequence[str]],
    ) -> Annuaire:
        """An annuaire already indexed elsewhere (opendata/wire.py: read in another process),
        ``table`` holding only the columns read, its records those in ``records``."""
        annuaire = cls.__new__(cls)
        annuaire._use(table)
        annuaire.rows, annuaire.communes, annuaire._records = rows, communes, records
        return annuaire

    def _use(self, table: Table) -> None:
        self.path = table.path
        self._table = table
        self._col: dict[tuple[str, ...], int | None] = {
            names: table.column(*names)
            for names in (
                UAI,
                NOM,
                TYPE,
                CODE_COMMUNE,
                NOM_COMMUNE,
                STATUT,
                CONTRAT,
                MATERNELLE,
                ELEMENTAIRE,
                ELEVES,
                ETAT,
                NATURE,
            )
        }

    def _index(self, progress: Progress | None) -> None:
        kind, insee, name = (
            required(self._col, names) for names in (TYPE, CODE_COMMUNE, NOM_COMMUNE)
        )
        upto = max(kind, insee, name)
        is_school: dict[str, bool] = {}  # « Ecole », « École », « ECOLE »: a few values
        fields, communes = self._table.fields, self.communes
        records: dict[str, list[str]] = {}
        for record in tracked(self._table.records, progress):
            row = fields(record, upto)
            code = row[insee].strip()
            if code not in communes:
                communes[code] = CommuneInfo(code, row[name].strip())
            value = row[kind]
            school = is_school.get(value)
            if school is None:
                school = is_school[value] = plain(value.strip()).startswith("ecole")
            if school:
                records.setdefault(code, []).append(record)
        communes.pop("", None)
        self._records = records

    @property
    def school_communes(self) -> set[str]:
        """The INSEE codes of the communes that have at least one school."""
        return set(self._records)

    @property
    def school_count(self) -> int:
        return sum(len(records) for records in self._records.values())

    def schools_in(self, insees: Iterable[str]) -> list[AnnuaireSchool]:
        """The schools of these communes, in file order (an establishment on several lines
        once, as its first line)."""
        out, seen = [], set()
        for code in insees:
            for record in self._records.get(code, []):
                school = self._school(self._table.fields(record))
                if school.uai and school.uai not in seen:
                    seen.add(school.uai)
                    out.append(school)
        return out

    def _school(self, row: list[str]) -> AnnuaireSchool:
        def get(names: tuple[str, ...]) -> str:
            position = self._col[names]
            return row[position].strip() if position is not None else ""

        school = AnnuaireSchool(
            uai=get(UAI).upper(),
            nom=get(NOM),
            insee=get(CODE_COMMUNE),
            commune=get(NOM_COMMUNE),
            statut=get(STATUT),
            contrat=get(CONTRAT),
            maternelle=_flag(get(MATERNELLE)),
            elementaire=_flag(get(ELEMENTAIRE)),
            eleves=count(get(ELEVES)),
            etat=get(ETAT),
            nature=get(NATURE),
        )
        problem, sector_known = _problem(school)
        if problem is None:
            return school
        return replace(school, problem=problem, sector_known=sector_known)


def _problem(school: AnnuaireSchool) -> tuple[str | None, bool]:
    """Why the school's own row cannot be trusted, in French, and whether its sector still can:
    its columns do not agree (a sector that is not one, a public school « hors contrat », an
    identifier that is not a UAI, a commune code that is not one) or its pupils are absurd. The
    file as a whole has the header's columns on every line (csvtable); this catches a row
    shifted within them."""
    statut, contrat = plain(school.statut), plain(school.contrat)
    if statut and not statut.startswith(("pub", "priv")):
        return (
            f"ligne incohérente : le statut public/privé y vaut « {_short(school.statut)} » "
            "(les colonnes de cette ligne ne correspondent pas à leurs titres) ; école non "
            "importable, vérifiez le fichier"
        ), False
    if statut.startswith("pub") and "contrat" in contrat and "sans objet" not in contrat:
        return (
            f"ligne incohérente : école publique, mais « {_short(school.contrat)} » comme "
            "contrat privé ; école non importable, vérifiez le fichier"
        ), False
    if uai_error(school.uai) or insee_error(school.insee):
        return (
            f"ligne incohérente : identifiant « {_short(school.uai)} » ou code commune "
            f"« {_short(school.insee)} » invalide ; école non importable, vérifiez le "
            "fichier"
        ), False
    if school.eleves is not None and school.eleves > MAX_PUPILS:
        return (
            f"nombre d'élèves absurde dans l'annuaire ({school.eleves} ; au plus "
            f"{MAX_PUPILS}) ; école non importable, vérifiez le fichier"
        ), True
    return None, True


def _short(text: str, keep: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= keep else text[: keep - 1] + "…"


def annuaire_from_table(table: Table, progress: Progress | None = None) -> Annuaire:
    if table.has("Numéro de l'école") and table.has("Nombre total de classes"):
        raise OpenDataError(
            table.path,
            "ce fichier est celui des effectifs par école, pas "
            "l'annuaire de l'éducation : choisissez-le comme fichier des effectifs",
        )
    check_columns(table, REQUIRED, "Annuaire de l'éducation")
    return Annuaire(table, progress)


def read_annuaire(path: Path | str, *, progress: Progress | None = None) -> Annuaire:
    """Read an annuaire export; ``OpenDataError`` in French for anything else."""
    return read_dataset(path, annuaire_from_table, progress)
