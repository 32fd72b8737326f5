"""The PDF dossier (reportlab), one module per part of the document.

Importing this package is cheap: reportlab is only loaded when a PDF is built.
"""

from __future__ import annotations

from socle_desktop.report.errors import ReportError

__all__ = ["ReportError", "build_pdf", "write_pdf"]


def build_pdf(
    dossier, campaign, *, result=None, today=None, variant_id=None, comparison=False
) -> bytes:
    """The PDF dossier as bytes (A4, French, fonts embedded): the retained variant's, or
    ``variant_id``'s; with the page comparing the variants when ``comparison``."""
    from socle_desktop.report.document import build_pdf as build

    return build(
        dossier, campaign, result=result, today=today, variant_id=variant_id, comparison=comparison
    )


def write_pdf(
    dossier, campaign, path, *, result=None, today=None, variant_id=None, comparison=False
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
