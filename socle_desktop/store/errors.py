"""The errors of the dossier file: French messages that name the file, shown to the user as is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from socle_desktop.system_errors import os_reason, printable


class StoreError(Exception):
    """A dossier file that cannot be opened, read or written; ``str(error)`` is for the user.

    ``modified`` is True when the file was changed before the failure (migrated, then refused):
    the window must not say « Rien n'a été modifié »."""

    modified = False

    def __init__(self, path: Path | str, message: str | None = None, *, modified: bool = False):
        self.modified = modified
        if message is None:  # StoreError("a whole message") also works
            self.path, self.detail = None, str(path)
            super().__init__(str(path))
            return
        self.path, self.detail = Path(path), message  # detail: the message without the name
        super().__init__(f"« {printable(self.path)} » : {message}")


class DossierInUse(StoreError):
    """Another window or another instance of Socle has the file open for editing."""


class ForeignSchema(StoreError):
    """The file holds triggers, views, tables or indexes Socle never makes: it may be read
    (they never run on a read), not edited."""


class DossierReplaced(StoreError):
    """The file open for editing was replaced, moved or rewritten by another program."""


# SQLite's English messages, by what they contain, and what the user reads instead.
_SQLITE_REASONS = (
    (("full",), "le disque est plein"),
    (("readonly", "read-only"), "le fichier ou le répertoire est en lecture seule"),
    (("locked", "busy"), "le fichier est occupé par un autre programme"),
    (
        ("disk i/o",),
        "erreur d'entrée-sortie du disque (clé USB retirée ? lecteur réseau déconnecté ?)",
    ),
    (("malformed", "not a database"), "le fichier est endommagé"),
    (("unable to open",), "le fichier ne peut pas être ouvert (disque, droits ou nom du fichier)"),
    (("too big", "string or blob"), "une valeur est trop grande pour le fichier"),
    (("out of memory",), "mémoire insuffisante"),
    (("interrupted",), "opération interrompue ; réessayez"),
)


def describe_sqlite_error(error: BaseException) -> str:
    """A French reason for an error of SQLite or of the system, for a message about a write."""
    if isinstance(error, OSError):
        return os_reason(error)
    text = str(error).lower()
    for words, reason in _SQLITE_REASONS:
        if any(word in text for word in words):
            return reason
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorname", "") or type(error).__name__
        return f"erreur inattendue de SQLite ({code})"
    return f"erreur inattendue ({type(error).__name__})"
