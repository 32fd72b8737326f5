"""The JSON interchange form of a dossier (docs/dossier-json.md), both ways.

Reading is strict (``jsonread``): every bad value raises ``DossierJsonError`` with the JSON path
of the value (« ecoles[2].classes[0].lignes[1].quantite ») and a French reason.
"""

from __future__ import annotations

import json
from typing import Any

from socle_desktop.domain.jsonread import (
    FORMAT,
    FORMAT_VERSION,
    DossierJsonError,
    from_data,
    loads,
    used_articles,
)
from socle_desktop.domain.model import Dossier, Line, LineKey
from socle_desktop.domain.money import to_json
from socle_desktop.domain.results import Result, VoletResult
from socle_desktop.domain.variants import Lines, lines_of, retained

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "DossierJsonError",
    "dumps",
    "from_data",
    "loads",
    "result_data",
    "to_data",
    "used_articles",
]


# --- writing ----------------------------------------------------------------------------------


def _line_data(line: Line) -> dict[str, Any]:
    return {
        "article": line.article,
        "libelle": line.libelle,
        "quantite": line.quantite,
        "prix_unitaire": to_json(line.prix_unitaire),
    }


def _variant_lines(dossier: Dossier, lines: Lines) -> list[dict[str, Any]]:
    """A variant's lines, school by school and class by class, in the order of ``ecoles``."""

    def listed(key: LineKey) -> list[dict[str, Any]]:
        return [_line_data(line) for line in lines.get(key, ())]

    return [
        {
            "classes": [{"lignes": listed((c.id, "lignes"))} for c in s.classes],
            "lignes": listed((s.id, "lignes")),
            "services": listed((s.id, "services")),
        }
        for s in dossier.ecoles
    ]


def _variants_data(dossier: Dossier) -> list[dict[str, Any]]:
    """The extension « variantes »: each variant's name, the retained one marked; the lines of
    the others (the retained one's are the contract's ``ecoles[]``)."""
    return [
        {"nom": v.nom, "retenue": True}
        if v.id == dossier.retenue
        else {
            "nom": v.nom,
            "retenue": False,
            "ecoles": _variant_lines(dossier, lines_of(dossier, v.id)),
        }
        for v in dossier.variantes
    ]


def to_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier in the contract's form: its ``ecoles[]`` hold the retained variant's lines,
    whichever variant is current, and ``variantes`` the others'."""
    data = _plan_data(retained(dossier))
    data["variantes"] = _variants_data(dossier)
    return data


def _plan_data(dossier: Dossier) -> dict[str, Any]:
    p = dossier.parametres
    porteur = dossier.porteur
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "campagne": dossier.campagne,
        "parametres": {
            "prix_saisis": p.prix_saisis,
            "taux_tva": to_json(p.taux_tva),
            "plafond_par_classe": p.plafond_par_classe,
            "base": p.base,
            "arrondi": p.arrondi,
            "eleves_services": p.eleves_services,
            "fctva": p.fctva,
        },
        "porteur": {
            "type": porteur.type.value,
            "nom": porteur.nom,
            "siren": porteur.siren,
            "contact": vars(porteur.contact).copy(),
        },
        "communes": [{"insee": c.insee, "nom": c.nom} for c in dossier.communes],
        "ecoles": [
            {
                "nom": s.nom,
                "uai": s.uai,
                "commune": s.commune,
                "secteur": s.secteur.value,
                "eleves": s.eleves,
                "classes": [
                    {
                        "nom": c.nom,
                        "niveaux": list(c.niveaux),
                        "eleves": c.eleves,
                        "lignes": [_line_data(line) for line in c.lignes],
                    }
                    for c in s.classes
                ],
                "lignes": [_line_data(line) for line in s.lignes],
                "services": [_line_data(line) for line in s.services],
                "existant": {key: value.value for key, value in s.existant.items()},
            }
            for s in dossier.ecoles
        ],
        "catalogue": [
            {
                "id": item.id,
                "libelle": item.libelle,
                "categorie": item.categorie,
                "niveau": item.niveau,
                "volet": item.volet,
                "prix_unitaire": to_json(item.prix_unitaire),
                "taux_tva": to_json(item.taux_tva),
                "subventionnable": item.subventionnable,
                "unite": item.unite,
                "places": item.places,
            }
            for item in dossier.catalogue.values()
        ],
    }


def dumps(dossier: Dossier) -> str:
    return json.dumps(to_data(dossier), ensure_ascii=False, indent=2) + "\n"


def result_data(result: Result) -> dict[str, Any]:
    """The computed result in the contract's ``summary --json`` form (amounts as strings)."""

    def volet(v: VoletResult) -> dict[str, str]:
        return {
            "depense": to_json(v.expense),
            "eligible": to_json(v.eligible),
            "subvention": to_json(v.subsidy),
            "reste_a_charge": to_json(v.remaining),
        }

    return {
        "campagne": result.campagne,
        "equipement": volet(result.equipment),
        "services": {**volet(result.services), "eleves": result.services_pupils},
        "total": {
            "depense": to_json(result.expense),
            "subvention": to_json(result.subsidy),
            "reste_a_charge": to_json(result.remaining),
        },
        "communes": [
            {
                "insee": c.insee,
                "nom": c.nom,
                "depense_equipement": to_json(c.expense),
                "eligible_equipement": to_json(c.base),
                "subvention_equipement": to_json(c.subsidy),
            }
            for c in result.communes
        ],
        "ecoles": [
            {
                "uai": s.uai,
                "nom": s.nom,
                "commune": s.commune,
                "classes_cycles_2_3": s.classes_cycles_2_3,
                "depense_equipement": to_json(s.expense),
                "plafond": to_json(s.cap),
                "eligible_equipement": to_json(s.eligible),
                "subvention_equipement": to_json(s.subsidy),
                "exclue": s.excluded_because is not None,
                "motif_exclusion": s.excluded_because,
            }
            for s in result.schools
        ],
        "alertes": [a.message for a in result.alerts],
    }
