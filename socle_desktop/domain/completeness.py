"""What each step of the dossier still needs before the next one (French, one sentence each).

The wizard's « Suivant » waits for these, the list under the page shows them, and the warnings
of §5.4 (``warnings.py``) say the same facts in the same words where they overlap.
"""

from __future__ import annotations

from socle_desktop.domain.model import Dossier, School
from socle_desktop.domain.validation import siren_error, uai_form_ok

STEPS = ("porteur", "ecoles", "classes", "equipement_ecole", "services", "recapitulatif")
NO_SCHOOL = "Ajoutez au moins une école."


def school_label(school: School, number: int) -> str:
    """« « Jules Ferry » », or « n° 2 » for a school without a name."""
    return f"« {school.nom} »" if school.nom.strip() else f"n° {number}"


def without_classes(school: School) -> str:
    return f"L'école « {school.nom or school.uai or 'sans nom'} » n'a encore aucune classe."


def porteur_missing(dossier: Dossier) -> list[str]:
    porteur, out = dossier.porteur, []
    if not porteur.nom.strip():
        out.append("Indiquez le nom du porteur du projet.")
    if siren_error(porteur.siren):
        out.append("Corrigez le SIREN : 9 chiffres attendus.")
    if not dossier.communes:
        out.append("Ajoutez au moins une commune concernée (code INSEE et nom).")
    return out


def ecoles_missing(dossier: Dossier) -> list[str]:
    if not dossier.ecoles:
        return [NO_SCHOOL]
    out = []
    insees = {c.insee for c in dossier.communes}
    for number, school in enumerate(dossier.ecoles, start=1):
        named = bool(school.nom.strip())
        bad_uai = not uai_form_ok(school.uai)
        no_commune = school.commune not in insees
        if named and not bad_uai and not no_commune:
            continue  # most schools, each keystroke: nothing to say, no sentence made
        name = school_label(school, number)
        if not named:
            out.append(f"Donnez un nom à l'école n° {number}.")
        if bad_uai:
            out.append(f"École {name} : saisissez une UAI valide (7 chiffres et une lettre).")
        if no_commune:
            out.append(f"École {name} : choisissez sa commune.")
    return out


def classes_missing(dossier: Dossier) -> list[str]:
    return [without_classes(s) for s in dossier.ecoles if not s.classes]


def missing(dossier: Dossier, step: str) -> list[str]:
    """What ``step`` (one of ``STEPS``) still needs; the last three steps need nothing more."""
    if step not in STEPS:
        raise ValueError(step)
    if step == "porteur":
        return porteur_missing(dossier)
    if step == "ecoles":
        return ecoles_missing(dossier)
    if step == "classes":
        return classes_missing(dossier)
    return []


def first_incomplete(dossier: Dossier) -> str | None:
    """The first step that still misses something (None when every step is complete)."""
    return next((step for step in STEPS if missing(dossier, step)), None)
