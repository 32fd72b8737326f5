"""Generated dossiers for benchmarks and tests: a large commune grouping, hostile names."""

from __future__ import annotations

from socle_desktop.domain.catalogue import load_default_catalogue
from socle_desktop.domain.model import (
    CatalogueItem,
    Classroom,
    Commune,
    Dossier,
    Line,
    Porteur,
    PorteurType,
    School,
)

_UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_CLASS_LEVELS = (["CP"], ["CE1"], ["CE2"], ["CM1"], ["CM2"])


def valid_uai(number: int) -> str:
    digits = f"{number:07d}"
    return digits + _UAI_LETTERS[int(digits) % 23]


def _line(catalogue: dict[str, CatalogueItem], article: str, quantity: int) -> Line:
    item = catalogue[article]
    return Line(article, item.libelle, quantity, item.prix_unitaire)


def large_dossier(
    schools: int = 60, classes: int = 300, communes: int = 12, school_name: str = "École {n}"
) -> Dossier:
    """An EPCI with ``schools`` schools sharing ``classes`` classes; about 7 lines per class,
    so 60 schools and 300 classes give about 2 000 lines."""
    catalogue = load_default_catalogue()
    dossier = Dossier(
        porteur=Porteur(PorteurType.EPCI, "Communauté de communes du Val d'Exemple", "200000172")
    )
    dossier.communes = [Commune(f"35{900 + i:03d}", f"Commune {i + 1}") for i in range(communes)]
    for n in range(schools):
        count = classes // schools + (1 if n < classes % schools else 0)
        school = School(
            nom=school_name.format(n=n + 1),
            uai=valid_uai(3500000 + n),
            commune=dossier.communes[n % communes].insee,
            eleves=24 * count,
        )
        for k in range(count):
            school.classes.append(
                Classroom(
                    nom=f"Classe {k + 1}",
                    niveaux=list(_CLASS_LEVELS[k % 5]),
                    eleves=24,
                    lignes=[_line(catalogue, "vpi", 1), _line(catalogue, "pc-enseignant", 1)],
                )
            )
        school.lignes = [
            _line(catalogue, "tablette", 3 * count),
            _line(catalogue, "valise-recharge", 1),
            _line(catalogue, "mdm", 3 * count),  # a three-year licence per device
            _line(catalogue, "borne-wifi", count),
        ] + [_line(catalogue, "visualiseur", 1) for _ in range(4 * count - 2)]
        school.services = [_line(catalogue, "ent", school.eleves)]
        dossier.ecoles.append(school)
    used = {line.article for s in dossier.ecoles for line in s.equipment_lines() + s.services}
    dossier.catalogue = {key: item for key, item in catalogue.items() if key in used}
    return dossier


HOSTILE_NAMES = (
    "École <Jules Ferry> & annexe",
    'L\'école « des Lilas » "bis"',
    "École 🏫 du Soleil ☀️",
    "É" * 200,
    "Première ligne\nseconde ligne",
    "<img src='/etc/passwd'/> <b>gras</b> &amp;",
)


def total_lines(dossier: Dossier) -> int:
    return sum(len(s.equipment_lines()) + len(s.services) for s in dossier.ecoles)
