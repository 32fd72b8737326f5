"""The pupils counted for the services cap (snee-2021.md §5.2, setting ``eleves_services``)."""

from __future__ import annotations

from socle_desktop.domain.model import Dossier, School


def counted_pupils(school: School, dossier: Dossier) -> int:
    """The pupils one school brings to the services cap when it is equipped under the call:
    all of them, or those of its cycle 2–3 classes only."""
    if dossier.parametres.eleves_services == "cycles_2_3":
        return sum(c.eleves for c in school.classes if c.cycle_2_3)
    return school.eleves
