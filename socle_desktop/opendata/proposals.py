"""From the open data to schools as the dossier holds them: which ones the user may tick, and
their classes estimated from the effectifs (elementary classes only: maternelle is outside the
call)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from fractions import Fraction
from math import floor

from socle_desktop.domain.model import SECTEUR_LABELS, Classroom, Commune, School, Secteur
from socle_desktop.domain.validation import (
    MAX_SCHOOL_PUPILS,
    InvalidValue,
    check_classroom,
    check_commune,
    check_school,
)
from socle_desktop.opendata.annuaire import Annuaire, AnnuaireSchool, CommuneInfo
from socle_desktop.opendata.csvtable import plain
from socle_desktop.opendata.effectifs import ELEMENTARY_LEVELS, Effectifs, SchoolCounts

CLASSES_NOTE = (
    "Les classes sont créées à effectifs égaux, dans l'ordre des niveaux (CP "
    "d'abord) : ajustez-les à la réalité de chaque école."
)
KIND_LABELS = {"elementaire": "Élémentaire", "primaire": "Primaire", "maternelle": "Maternelle"}

# Names written in capitals (« ECOLE PRIMAIRE PRIVEE STE MARIE ») read as the others do.
_WORDS = {
    "ecole": "École",
    "primaire": "primaire",
    "privee": "privée",
    "prive": "privé",
    "publique": "publique",
    "public": "public",
    "elementaire": "élémentaire",
    "maternelle": "maternelle",
    "de": "de",
    "du": "du",
    "des": "des",
    "la": "la",
    "le": "le",
    "les": "les",
    "et": "et",
    "d": "d",
    "l": "l",
    "sous": "sous",
    "contrat": "contrat",
    "hors": "hors",
}


def readable_name(name: str) -> str:
    """« ECOLE PRIMAIRE PRIVEE STE MARIE » -> « École primaire privée Ste Marie »; a name that
    already has lower case keeps its own spelling, but for « Ecole » -> « École »."""
    name = " ".join(name.split())
    if any(c.islower() for c in name):
        return re.sub(r"^Ecole\b", "École", name)

    def word(match: re.Match[str]) -> str:
        text = match.group()
        known = _WORDS.get(plain(text))
        return known if known is not None else text.capitalize()

    out = re.sub(r"[^\W\d_]+", word, name)
    return out[0].upper() + out[1:] if out else out


@dataclass
class Proposal:
    """One school of the chosen communes, as it would enter the dossier."""

    source: AnnuaireSchool
    commune: CommuneInfo
    school: School
    kind: str  # elementaire | primaire | maternelle
    counts: SchoolCounts | None
    eligible: bool  # False: cannot be ticked (outside any contract, or refused)
    ticked: bool  # ticked at first
    notes: list[str] = field(default_factory=list)
    refused: str | None = None  # its row or its counts cannot be trusted (the first note)
    hors_contrat: bool = False

    @property
    def uai(self) -> str:
        return self.school.uai

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def secteur_label(self) -> str:
        """« Public », « Privé sous contrat », or « Privé hors contrat » for a school that
        cannot be in the call; « Non reconnu » when its row cannot be trusted."""
        if self.refused and not self.source.sector_known:
            return "Non reconnu"
        if self.refused:
            return SECTEUR_LABELS[self.school.secteur]
        return "Privé hors contrat" if self.hors_contrat else SECTEUR_LABELS[self.school.secteur]

    @property
    def classes(self) -> int:
        return self.school.cycle_2_3_classes


def _kind(source: AnnuaireSchool, counts: SchoolCounts | None) -> str:
    if counts is not None and counts.total > 0:
        if counts.elementary_pupils == 0:
            return "maternelle"
        return "primaire" if counts.preelementaire > 0 else "elementaire"
    if source.elementaire:
        return "primaire" if source.maternelle else "elementaire"
    if source.maternelle or "maternelle" in plain(source.nature or source.nom):
        return "maternelle"
    return "primaire" if "primaire" in plain(source.nom) else "elementaire"


def _secteur(source: AnnuaireSchool) -> tuple[Secteur | None, str | None]:
    """The sector, or None with the reason when the school cannot be in the call."""
    statut = plain(source.statut)
    if statut.startswith("pub"):
        return Secteur.PUBLIC, None
    if "hors contrat" in plain(source.contrat) or "hors contrat" in plain(source.nom):
        return None, "école privée hors contrat : elle ne peut pas bénéficier de l'appel"
    if statut.startswith("priv"):
        if not source.contrat.strip():
            return Secteur.PRIVE, "vérifiez qu'elle est sous contrat (l'annuaire ne le dit pas)"
        return Secteur.PRIVE, None
    return Secteur.PUBLIC, "secteur absent de l'annuaire : public supposé, à vérifier"


def elementary_class_count(counts: SchoolCounts) -> int:
    """The school's elementary classes: all of them, or for a primary school its share of the
    classes in proportion to its elementary pupils (rounded half up, at least one, and at least
    one class left to the maternelle pupils)."""
    if counts.elementary_pupils == 0 or counts.classes == 0:
        return 0
    if counts.preelementaire == 0:
        return counts.classes
    share = Fraction(
        counts.classes * counts.elementary_pupils, counts.elementary_pupils + counts.preelementaire
    )
    estimate = floor(share + Fraction(1, 2))
    return max(1, min(estimate, counts.classes - 1 if counts.classes > 1 else 1))


def _split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` near-equal whole parts, the larger first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _letters(number: int) -> str:
    """0 → « A », 25 → « Z », 26 → « AA », 27 → « AB »… (as spreadsheet columns go on)."""
    out = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _class_names(level_sets: list[list[str]]) -> list[str]:
    """« CP », « CE2-CM1 »…; the same levels twice become « CP A », « CP B » (« CP AA » after
    « CP Z »)."""
    names = ["-".join(levels) for levels in level_sets]
    for name in set(names):
        if names.count(name) > 1:
            suffixes = (_letters(i) for i in itertools.count())
            names = [f"{n} {next(suffixes)}" if n == name else n for n in names]
    return names


def _level_classes(niveaux: dict[str, int], count: int) -> list[Classroom]:
    """``count`` classes sharing the pupils in level order (CP first), each class taking the
    next slice of pupils; its levels are those its slice touches."""
    levels = [
        (level, niveaux.get(level, 0)) for level in ELEMENTARY_LEVELS if niveaux.get(level, 0) > 0
    ]
    pupils = sum(n for _level, n in levels)
    if pupils == 0:
        return []
    starts, position = [], 0
    for level, n in levels:
        starts.append((position, position + n, level))
        position += n
    bounds = [floor(Fraction(i * pupils, count) + Fraction(1, 2)) for i in range(count + 1)]
    level_sets, sizes = [], []
    for low, high in zip(bounds, bounds[1:], strict=False):
        if high > low:
            touched = [level for start, end, level in starts if start < high and end > low]
        else:  # more classes than pupils: an odd file, still one level per class
            touched = [next(level for start, end, level in starts if end > min(low, pupils - 1))]
        level_sets.append(touched)
        sizes.append(high - low)
    return [
        Classroom(nom=name, niveaux=levels_, eleves=size)
        for name, levels_, size in zip(_class_names(level_sets), level_sets, sizes, strict=True)
    ]


def estimate_classes(counts: SchoolCounts) -> tuple[list[Classroom], list[str]]:
    """The elementary classes of a school year, and what the user should know about them."""
    notes: list[str] = []
    count = elementary_class_count(counts)
    if count == 0:
        return [], notes
    if counts.preelementaire > 0:
        notes.append(
            f"école primaire : {count} classe(s) élémentaire(s) sur {counts.classes}, estimée(s) "
            f"d'après ses élèves ({counts.elementary_pupils} en élémentaire, "
            f"{counts.preelementaire} en maternelle) ; à vérifier"
        )
    ulis_class = counts.ulis > 0 and count >= 2
    classes = _level_classes(counts.niveaux, count - 1 if ulis_class else count)
    if not classes:
        notes.append("élèves par niveau absents du fichier : niveaux des classes à vérifier")
        classes = [
            Classroom(nom=f"Classe élémentaire {i}", niveaux=list(ELEMENTARY_LEVELS), eleves=n)
            for i, n in enumerate(
                _split(counts.elementaire, count - 1 if ulis_class else count), start=1
            )
        ]
    if ulis_class:
        classes.append(Classroom(nom="ULIS", niveaux=list(ELEMENTARY_LEVELS), eleves=counts.ulis))
        notes.append(f"dont un dispositif ULIS de {counts.ulis} élève(s), compté comme une classe")
    elif counts.ulis:
        for classroom, extra in zip(classes, _split(counts.ulis, len(classes)), strict=True):
            classroom.eleves += extra
    return classes, notes


def propose(
    annuaire: Annuaire, communes: list[CommuneInfo], effectifs: Effectifs | None = None
) -> list[Proposal]:
    """Every school of ``communes`` in the annuaire, commune by commune, by name."""
    order = {info.insee: rank for rank, info in enumerate(communes)}
    by_insee = {info.insee: info for info in communes}
    sources = sorted(
        annuaire.schools_in(list(order)),
        key=lambda s: (order[s.insee], plain(readable_name(s.nom))),
    )
    return [_proposal(source, by_insee[source.insee], effectifs) for source in sources]


def _proposal(
    source: AnnuaireSchool, commune: CommuneInfo, effectifs: Effectifs | None
) -> Proposal:
    counts = effectifs.get(source.uai) if effectifs else None
    refused = source.problem or (counts.problem if counts is not None else None)
    if refused:
        return _refused(source, commune, refused)
    kind = _kind(source, counts)
    secteur, secteur_note = _secteur(source)
    notes = [secteur_note] if secteur_note else []
    classes: list[Classroom] = []
    if counts is not None:
        eleves = counts.total
        if kind != "maternelle":
            classes, class_notes = estimate_classes(counts)
            notes += class_notes
        latest = effectifs.latest_year if effectifs is not None else None
        if latest and counts.annee < latest:
            notes.append(f"effectifs de la rentrée {counts.annee} (aucun pour {latest})")
    else:
        eleves = source.eleves or 0
        if source.eleves is None:
            notes.append("nombre d'élèves absent de l'annuaire : à saisir")
        if kind != "maternelle":
            notes.append(
                "absente du fichier des effectifs : classes à saisir"
                if effectifs
                else "classes à saisir (fichier des effectifs non fourni)"
            )
    closing = "ferm" in plain(source.etat)
    if kind == "maternelle":
        notes.insert(0, "école maternelle : hors de l'appel (cycles 2 et 3)")
    if closing:
        notes.insert(0, f"signalée « {source.etat.lower()} » dans l'annuaire")
    classes, class_problem = _checked_classes(classes)
    if class_problem:
        notes.append(class_problem)
    school = School(
        nom=readable_name(source.nom),
        uai=source.uai,
        commune=source.insee,
        secteur=secteur or Secteur.PRIVE,
        eleves=eleves,
        classes=classes,
    )
    problem = _refusal(school, commune)
    if problem:
        notes.insert(0, problem)
    eligible = secteur is not None and problem is None
    return Proposal(
        source=source,
        commune=commune,
        school=school,
        kind=kind,
        counts=counts,
        eligible=eligible,
        ticked=eligible and kind != "maternelle" and not closing,
        notes=notes,
        hors_contrat=secteur is None,
    )


def _refused(source: AnnuaireSchool, commune: CommuneInfo, reason: str) -> Proposal:
    """A school shown, never importable: its row or its counts cannot be trusted."""
    secteur, _note = _secteur(source)
    known = source.eleves is not None and source.eleves <= MAX_SCHOOL_PUPILS
    pupils = source.eleves if known and source.eleves is not None else 0
    school = School(
        nom=readable_name(source.nom),
        uai=source.uai,
        commune=source.insee,
        secteur=secteur or Secteur.PRIVE,
        eleves=pupils,
    )
    return Proposal(
        source=source,
        commune=commune,
        school=school,
        kind=_kind(source, None),
        counts=None,
        eligible=False,
        ticked=False,
        notes=[reason],
        refused=reason,
        hors_contrat=secteur is None,
    )


def _checked_classes(classes: list[Classroom]) -> tuple[list[Classroom], str | None]:
    """The estimated classes, or none (to type) when one of them is one the dossier refuses:
    an odd file can make a class of 125 000 pupils."""
    for classroom in classes:
        try:
            check_classroom(classroom)
        except InvalidValue as error:
            return [], f"classes à saisir : d'après le fichier, {error}"
    return classes, None


def _refusal(school: School, commune: CommuneInfo) -> str | None:
    """Why the school cannot enter the dossier as the file describes it (the checks of
    ``import-json``, so that every dossier the import makes exports and imports back)."""
    try:
        check_school(school)
        check_commune(Commune(commune.insee, commune.nom))
    except InvalidValue as error:
        return f"import impossible, le fichier est à corriger : {error}"
    return None
