"""The PDF dossier (reportlab), one module per part of the document.

Importing this package is cheap: reportlab is only loaded when a PDF is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from socle_desktop.report.errors import ReportError

if TYPE_CHECKING:  # names only: importing them here would load the domain for nothing
    import datetime
    from pathlib import Path

    from socle_desktop.domain.campaign import Campaign
    from socle_desktop.domain.model import Dossier
    from socle_desktop.domain.rules import Result

__all__ = ["ReportError", "build_pdf", "write_pdf"]


def build_pdf(
    dossier: Dossier,
    campaign: Campaign,
    *,
    result: Result | None = None,
    today: datetime.date | None = None,
    variant_id: str | None = None,
    comparison: bool = False,
) -> bytes:
    """The PDF dossier as bytes (A4, French, fonts embedded): the retained variant's, or
    ``variant_id``'s; with the page comparing the variants when ``comparison``."""
    from socle_desktop.report.document import build_pdf as build

    return build(
        dossier, campaign, result=result, today=today, variant_id=variant_id, comparison=comparison
    )


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
    """Write the PDF dossier to ``path`` atomically; raises ReportError with a French message."""
    from socle_desktop.report.document import write_pdf as write

    write(
        dossier,
        campaign,
        path,
        result=result,
        today=today,
        variant_id=variant_id,
        comparison=comparison,
    )
