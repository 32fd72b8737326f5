"""Writing an export file: whole or not at all, and a clear French message when it cannot be.

A spreadsheet or a document the user has open in LibreOffice or Word must not be overwritten
under their eyes: LibreOffice leaves a lock file « .~lock.NAME# » beside it, Word « ~$NAME »;
on Windows the open file itself refuses to be replaced (a PermissionError).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from socle_desktop.domain.model import Dossier
from socle_desktop.domain.rules import Result


class ExportError(Exception):
    """A French message for the user (CLI exit 2, or a message box)."""


def office_lock(path: Path) -> Path | None:
    """The lock file an office suite keeps beside ``path`` while it is open, if any."""
    candidates = [
        path.with_name(f".~lock.{path.name}#"),
        path.with_name(f"~${path.name[2:]}"),
        path.with_name(f"~${path.name}"),
    ]
    return next((lock for lock in candidates if lock.exists() and path.exists()), None)


def check_target(path: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse at once a target that cannot be written, before any work is done."""
    if path.suffix.lower() not in suffixes:
        raise ExportError(
            f"{path} : extension « {path.suffix or '(aucune)'} » non prise en charge "
            f"(attendu : {' ou '.join(suffixes)})"
        )
    if path.is_dir():
        raise ExportError(f"{path} : c'est un dossier, pas un fichier")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path} : le dossier {folder} n'existe pas")
    lock = office_lock(path)
    if lock is not None:
        raise ExportError(
            f"{path} : le fichier est ouvert dans un autre programme "
            f"(LibreOffice ou Word) ; fermez-le puis recommencez"
        )


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a temporary file in the same folder, then a rename);
    nothing is left behind on failure."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(
            f"{path} : impossible d'écrire dans {folder} ({_reason(error)})"
        ) from None
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
        if isinstance(error, PermissionError) and path.exists():
            raise ExportError(
                f"{path} : le fichier ne peut pas être remplacé ; il est peut-être "
                "ouvert dans un autre programme (fermez-le) ou protégé en "
                "écriture"
            ) from None
        raise ExportError(f"{path} : écriture impossible ({_reason(error)})") from None


_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "support en lecture seule",
    errno.ENOENT: "dossier introuvable",
    errno.EISDIR: "c'est un dossier",
}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def filed(
    dossier: Dossier, result: Result | None, variant_id: str | None
) -> tuple[Dossier, Result | None]:
    """The dossier of ``variant_id`` (by default the retained variant, the one filed, as the PDF
    prints it) and its result (``result``, the current variant's, reused when it is that one)."""
    from socle_desktop.domain.variants import checked_out

    variant = variant_id or dossier.retenue
    if variant != dossier.courante:
        result = None
    return checked_out(dossier, variant), result
