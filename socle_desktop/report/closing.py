"""The end of the dossier: the warnings, the rules and settings used, and the signature block."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from socle_desktop.domain.campaign import Campaign, setting_label
from socle_desktop.domain.fctva import fctva_rate
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.presentation import assembly
from socle_desktop.domain.rules import Result
from socle_desktop.report.styles import (
    CONTENT_WIDTH,
    RULE,
    Flowable,
    grid_style,
    make_table,
    stylesheet,
)
from socle_desktop.report.text import Para, markup, para


def alerts_section(result: Result) -> list[Flowable]:
    styles = stylesheet()
    flow: list[Flowable] = [Para("Points d'attention", styles["h1"])]
    if not result.alerts:
        flow.append(Para("Aucun point d'attention.", styles["body"]))
    for alert in result.alerts:
        flow.append(Para(markup(alert.message), styles["bullet"], bulletText="•"))
    return flow


def bands_fr(campaign: Campaign) -> str:
    """« 70 % jusqu'à 200 000,00 € ; 50 % de 200 000,00 € à 1 000 000,00 € »."""
    parts, lower = [], None
    for band in campaign.bands:
        start = "jusqu'à" if lower is None else f"de {euros(lower)} à"
        parts.append(f"{percent_fr(band.rate)} {start} {euros(band.up_to)}")
        lower = band.up_to
    return " ; ".join(parts)


def _rate_fr(rate: Decimal) -> str:
    """A VAT rate in percent, « 20 % » or « 5,5 % »."""
    return percent_fr(rate / 100, 0 if rate % 1 == 0 else 1)


def _typed_prices_fr(dossier: Dossier) -> str:
    params = dossier.parametres
    if params.prix_saisis == params.base:
        return params.prix_saisis
    return (
        f"{params.prix_saisis}, convertis en {params.base} ligne par ligne au taux de TVA de "
        "chaque article ; chaque ligne convertie est arrondie au centime"
    )


def _vat_fr(dossier: Dossier) -> str:
    """The dossier's rate, and the articles used whose own rate differs from it."""
    params = dossier.parametres
    used = {line.article for s in dossier.ecoles for line in s.equipment_lines() + s.services}
    own = [
        f"{item.libelle} : {_rate_fr(item.taux_tva)}"
        for item in dossier.catalogue.values()
        if item.id in used and item.taux_tva != params.taux_tva
    ]
    text = f"{_rate_fr(params.taux_tva)}, taux du dossier (lignes hors catalogue)"
    if own:
        text += " ; taux propres : " + " ; ".join(own)
    else:
        text += ", celui de chaque article"
    if params.prix_saisis == params.base:
        text += f" ; sans effet ici, les prix étant saisis {params.base}"
    return text


def settings_section(dossier: Dossier, campaign: Campaign) -> list[Flowable]:
    """Every rule figure and setting the computation used, so a reader can redo it."""
    styles = stylesheet()
    params = dossier.parametres
    rows = [
        ("Campagne", f"{campaign.nom} (identifiant « {campaign.id} », version {campaign.version})"),
        ("Base des montants", f"{params.base} (montants calculés {params.base})"),
        ("Prix saisis", _typed_prices_fr(dossier)),
        ("Taux de TVA", _vat_fr(dossier)),
        (
            "Plafond par classe",
            f"{euros(campaign.plafond_par_classe)} par classe de cycles 2 et 3,"
            " appliqué " + setting_label("plafond_par_classe", params.plafond_par_classe),
        ),
        (
            "Minimum par école",
            f"{euros(campaign.minimum_par_ecole)} de dépense subventionnable ; "
            "en dessous, l'école est exclue",
        ),
        ("Plafond par commune", f"{euros(campaign.plafond_par_commune)} de dépense éligible"),
        ("Taux du volet équipement", bands_fr(campaign) + " (tranches marginales, par commune)"),
        (
            "Volet services",
            f"{percent_fr(campaign.services_taux)} d'une dépense plafonnée à "
            f"{euros(campaign.services_plafond_par_eleve)} par élève pour "
            f"{campaign.services_annees} années scolaires",
        ),
        ("Élèves comptés (services)", setting_label("eleves_services", params.eleves_services)),
        (
            "Arrondi des subventions",
            f"{setting_label('arrondi', params.arrondi)} : la subvention d'équipement de chaque "
            "commune, le volet équipement étant la somme des communes ; la subvention de services, "
            "une fois",
        ),
    ]
    rate = fctva_rate(campaign) if params.fctva else None
    if rate is not None:
        rows.append(
            (
                "Reste à charge après FCTVA",
                f"estimation affichée, hors subvention : {rate.label} de la "
                f"{rate.base_label} ({rate.source})",
            )
        )
    data = [[Para(label, styles["cell_bold"]), para(value, "cell")] for label, value in rows]
    table = make_table(
        data, [50 * mm, CONTENT_WIDTH - 50 * mm], grid_style(header_rows=0), repeat_rows=0
    )
    return [
        Para("Règles et paramètres de calcul", styles["h1"]),
        table,
        Spacer(1, 1.5 * mm),
        Para(
            "Les montants de ce dossier sont calculés par Socle selon ces règles ; la "
            "subvention définitive est arrêtée par les services de l'État.",
            styles["small"],
        ),
    ]


def signature_section(dossier: Dossier) -> list[Flowable]:
    """« Fait à …, le … », the signatory by type of porteur, room for the stamp."""
    styles = stylesheet()
    signatory = assembly(dossier.porteur.type).signature
    dots = "…" * 12
    block = make_table(
        [
            [
                Para(f"Fait à {dots}<br/>le {dots}", styles["signature"]),
                Para(f"<b>{signatory}</b><br/>Cachet et signature", styles["signature"]),
            ],
            ["", ""],
        ],
        [CONTENT_WIDTH / 2, CONTENT_WIDTH / 2],
        [
            ("BOX", (1, 1), (1, 1), 0.6, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
        ],
        repeat_rows=0,
        rowHeights=[None, 32 * mm],
    )
    intro = Para(
        "Le porteur du projet certifie l'exactitude des informations de ce dossier et "
        "sollicite la subvention de l'État ci-dessus.",
        styles["body"],
    )
    title = Para("Signature", styles["h1"])
    return [KeepTogether([title, intro, Spacer(1, 2 * mm), block])]
