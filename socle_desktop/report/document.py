"""The whole dossier: the story of flowables, built into PDF bytes, written atomically."""

from __future__ import annotations

import datetime
import io
import os
import tempfile
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.comparison import Comparison
from socle_desktop.domain.dates import date_fr
from socle_desktop.domain.diagnostic import diagnose
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.rules import Result, compute
from socle_desktop.domain.variants import checked_out
from socle_desktop.report.closing import alerts_section, settings_section, signature_section
from socle_desktop.report.errors import ReportError
from socle_desktop.report.first_page import first_page
from socle_desktop.report.page_template import DossierDocTemplate, Running
from socle_desktop.report.schools import recap_table, schools_detail
from socle_desktop.report.styles import Flowable, stylesheet
from socle_desktop.report.text import Para, clean, tight_bounds
from socle_desktop.system_errors import os_reason, printable


def story(
    dossier: Dossier,
    campaign: Campaign,
    result: Result,
    today: datetime.date,
    comparison: Comparison | None = None,
) -> list[Flowable]:
    """Every flowable of the dossier (the variant in place), in reading order; the page of
    ``comparison`` (domain.comparison.Comparison) after the first one when given."""
    styles = stylesheet()
    flow = first_page(dossier, campaign, result, today)
    if comparison is not None:
        from socle_desktop.report.comparison import comparison_section

        flow += comparison_section(comparison)
    flow += [
        CondPageBreak(60 * mm),
        Para("Récapitulatif par école", styles["h1"]),
        Para(
            f"Montants en euros, {dossier.parametres.base}. Classes : classes de "
            "cycles 2 et 3 (CP à CM2) ; plafond : classes × plafond par classe.",
            styles["small"],
        ),
        recap_table(dossier, result),
    ]
    flow += schools_detail(dossier, campaign, result, diagnose(dossier, campaign))
    flow += [CondPageBreak(100 * mm)] + alerts_section(result)
    flow += settings_section(dossier, campaign)
    flow += signature_section(dossier)
    return flow


def running_texts(dossier: Dossier, campaign: Campaign, today: datetime.date) -> Running:
    return Running(
        porteur=dossier.porteur.nom or "Porteur sans nom",
        campaign=campaign.nom,
        footer=f"Dossier généré le {date_fr(today)} avec Socle",
    )


def build_pdf(
    dossier: Dossier,
    campaign: Campaign,
    *,
    result: Result | None = None,
    today: datetime.date | None = None,
    variant_id: str | None = None,
    comparison: bool = False,
) -> bytes:
    """The PDF dossier of ``variant_id`` (by default the retained variant) as bytes, with the
    comparison of the variants when asked; ``result``: the current variant's, if computed."""
    variant_id = variant_id or dossier.retenue
    if variant_id != dossier.courante:
        result = None
    compared = None
    if comparison:
        from socle_desktop.domain.comparison import compare

        compared = compare(dossier, campaign, result)
    dossier = checked_out(dossier, variant_id)
    result = compute(dossier, campaign) if result is None else result
    today = datetime.date.today() if today is None else today
    try:
        return _build(dossier, campaign, result, today, compared)
    except Exception:  # noqa: BLE001 - a row taller than a page: once more, texts cut shorter
        pass
    try:
        with tight_bounds():
            return _build(dossier, campaign, result, today, compared)
    except Exception as error:  # reportlab's reason is English: it stays in the chain
        raise ReportError(
            "le dossier PDF n'a pas pu être mis en page (un contenu ne tient pas sur une page)"
        ) from error


def _build(
    dossier: Dossier,
    campaign: Campaign,
    result: Result,
    today: datetime.date,
    comparison: Comparison | None = None,
) -> bytes:
    buffer = io.BytesIO()
    doc = DossierDocTemplate(
        buffer,
        running_texts(dossier, campaign, today),
        title=clean(f"Dossier de candidature SNEE — {dossier.porteur.nom}".strip()),
        author=clean(dossier.porteur.nom),
        subject=campaign.nom,
    )
    doc.build(story(dossier, campaign, result, today, comparison))
    return buffer.getvalue()


def write_pdf(
    dossier: Dossier,
    campaign: Campaign,
    path: Path | str,
    *,
    result: Result | None = None,
    today: datetime.date | None = None,
    variant_id: str | None = None,
    comparison: bool = False,
) -> None:
    """Build the PDF, then write it to ``path`` atomically: a temporary file in the same folder
    replaces the target only once complete; nothing is left behind on failure."""
    path = Path(path)
    data = build_pdf(
        dossier, campaign, result=result, today=today, variant_id=variant_id, comparison=comparison
    )
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ReportError(f"{printable(path)} : c'est un répertoire, pas un fichier PDF")
    if not folder.is_dir():
        raise ReportError(f"{printable(path)} : le répertoire {printable(folder)} n'existe pas")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ReportError(
            f"{printable(path)} : impossible d'écrire dans {printable(folder)} ({os_reason(error)})"
        ) from error
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise ReportError(
            f"{printable(path)} : impossible d'écrire le PDF ({os_reason(error)})"
        ) from error
