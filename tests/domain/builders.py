"""Small dossiers built in code, as the worked examples of snee-2021.md §5.5 describe them."""

from __future__ import annotations

from decimal import Decimal

from socle_desktop.domain.model import Classroom, Commune, Dossier, Line, Porteur, School
from socle_desktop.domain.samples import valid_uai

_counter = iter(range(1, 10**7))


def school(
    classes: int,
    expense: str,
    commune: str = "35001",
    pupils: int = 0,
    services: str | None = None,
    levels=("CE1",),
) -> School:
    """A school of ``classes`` cycle 2–3 classes whose equipment costs ``expense`` (one line)."""
    s = School(
        nom=f"École {next(_counter)}", uai=valid_uai(next(_counter)), commune=commune, eleves=pupils
    )
    s.classes = [Classroom(f"Classe {k + 1}", list(levels)) for k in range(classes)]
    s.lignes = [Line("vpi", "Équipement", 1, Decimal(expense))]
    if services is not None:
        s.services = [Line("ent", "ENT", 1, Decimal(services))]
    return s


def dossier(*schools: School, communes=("35001",)) -> Dossier:
    d = Dossier(porteur=Porteur(nom="Commune de Test"))
    d.communes = [Commune(code, f"Commune {code}") for code in communes]
    d.ecoles = list(schools)
    return d
