"""The errors of the dossier file: French messages that name the file, shown to the user as is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A dossier file that cannot be opened, read or written; ``str(error)`` is for the user."""

    def __init__(self, path: Path | str, message: str | None = None):
        if message is None:  # StoreError("a whole message") also works
            self.path = None
            super().__init__(str(path))
            return
        self.path = Path(path)
        super().__init__(f"« {self.path} » : {message}")


class DossierInUse(StoreError):
    """Another window or another instance of Socle has the file open for editing."""


def describe_sqlite_error(error: Exception) -> str:
    """A French reason for an error of SQLite or of the system, for a message about a write."""
    text = str(error).lower()
    if "full" in text or getattr(error, "errno", None) == 28:
        return "le disque est plein"
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return "le fichier ou le répertoire est en lecture seule"
    if "locked" in text or "busy" in text:
        return "le fichier est occupé par un autre programme"
    if "disk i/o" in text:
        return "erreur d'entrée-sortie du disque (clé USB retirée ? lecteur réseau déconnecté ?)"
    if "malformed" in text or "not a database" in text:
        return "le fichier est endommagé"
    return f"erreur inattendue ({error})"
