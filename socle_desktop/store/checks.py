"""What opening a file checks before Socle trusts it, all through a read-only connection.

Refused, each with its own French message and without any write to the file: a file that is
not SQLite, an SQLite file that is not a dossier, a dossier written by a newer Socle, a damaged
file (``PRAGMA integrity_check``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from socle_desktop.store.errors import StoreError
from socle_desktop.store.schema import APPLICATION, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
NOT_A_DOSSIER = "ce n'est pas un dossier Socle"


class HotJournal(Exception):
    """The file has a journal left by an interrupted write: SQLite must roll it back first."""


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def sniff(path: Path) -> None:
    """Refuse early what is not an SQLite file at all, reading only its first bytes."""
    try:
        if path.is_dir():
            raise StoreError(path, "c'est un répertoire, pas un fichier dossier")
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise StoreError(path, "fichier introuvable") from None
    except PermissionError:
        raise StoreError(path, "lecture refusée (droits insuffisants sur le fichier)") from None
    except OSError as error:
        raise StoreError(path, f"lecture impossible ({error.strerror})") from None
    if not header:
        raise StoreError(path, f"le fichier est vide : {NOT_A_DOSSIER}")
    if header != SQLITE_HEADER:
        raise StoreError(path, f"{NOT_A_DOSSIER} (ce n'est pas un fichier de base SQLite)")


def file_uri(path: Path) -> str:
    """An SQLite URI for any path: spaces, « # », « ? », accents, C:\\…, \\\\serveur\\partage\\….

    Not ``Path.as_uri()``: a network share would become ``file://serveur/…``, and SQLite refuses
    a URI naming a host; ``file:////serveur/…`` (empty host) is what it reads."""
    text = os.path.abspath(path).replace(os.sep, "/")
    if text.startswith("//"):
        return "file://" + quote(text, safe="/:")
    return "file:" + ("" if text.startswith("/") else "/") + quote(text, safe="/:")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, whatever happens (``mode=ro``)."""
    return sqlite3.connect(file_uri(path) + "?mode=ro", uri=True, timeout=5)


def inspect(conn: sqlite3.Connection, path: Path, *, full: bool = True) -> int:
    """Check an open connection to a dossier file; return its schema version.

    Raises HotJournal when SQLite needs to roll back an interrupted write before reading.
    """
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        problems = [row[0] for row in conn.execute(
            "PRAGMA integrity_check(5)" if full else "PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) == 776:  # SQLITE_READONLY_ROLLBACK
            raise HotJournal() from None
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(path, "le fichier est occupé par un autre programme ; "
                             "réessayez") from None
        raise StoreError(path, f"le fichier est endommagé et ne peut pas être lu "
                         f"({error})") from None
    if problems != ["ok"]:
        raise StoreError(path, "le fichier est endommagé (contrôle d'intégrité : "
                         + "; ".join(problems[:3]) + ")")
    if "meta" not in names:
        raise StoreError(path, f"{NOT_A_DOSSIER} (fichier SQLite d'un autre programme)")
    try:
        row = conn.execute("SELECT valeur FROM meta WHERE cle = 'application'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None or row[0] != APPLICATION:
        raise StoreError(path, f"{NOT_A_DOSSIER} (fichier SQLite d'un autre programme)")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path, "ce dossier a été créé par une version plus récente de Socle (format "
            f"{version} ; cette version lit jusqu'au format {SCHEMA_VERSION}). Mettez Socle à "
            "jour pour l'ouvrir."
        )
    if version < 1:
        raise StoreError(path, f"{NOT_A_DOSSIER} (version de format absente)")
    return version
