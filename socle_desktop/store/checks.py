"""What opening a file checks before Socle trusts it, all through a read-only connection.

Refused, each with its own French message and without any write to the file: what is not a
regular file (a folder, a FIFO, a device, a symbolic link that loops), a file that is not SQLite,
an SQLite file that is not a dossier, a dossier written by a newer Socle, a damaged file
(``PRAGMA integrity_check``), and for editing a file holding triggers, views, tables or indexes
the schema does not define (docs/securite.md). Every connection runs with SQLite's defensive
settings: no function of the file's own schema is trusted.
"""

from __future__ import annotations

import os
import re
import sqlite3
from functools import cache
from pathlib import Path
from urllib.parse import quote

from socle_desktop.store.errors import ForeignSchema, StoreError, describe_sqlite_error
from socle_desktop.store.schema import APPLICATION, SCHEMA, SCHEMA_VERSION, VIEWS
from socle_desktop.system_errors import kind_of, os_reason, printable

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100  # SQLite's file header: the journal mode is in bytes 18 and 19
NOT_A_DOSSIER = "ce n'est pas un dossier Socle"
COMPANIONS = ("-journal", "-wal", "-shm")  # what SQLite may keep beside a file
# Tables SQLite itself makes (ANALYZE): statistics for its planner, no code.
_SQLITE_OWN = re.compile(r"^sqlite_stat\d$")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class HotJournal(Exception):
    """The file has a journal left by an interrupted write: SQLite must roll it back first."""


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def harden(conn: sqlite3.Connection) -> sqlite3.Connection:
    """SQLite's defensive settings: functions named in the file's schema (views, triggers,
    defaults, checks) may not have side effects, and the schema cannot be written directly."""
    conn.execute("PRAGMA trusted_schema = OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)  # Python 3.12 and later
    if defensive is not None and hasattr(conn, "setconfig"):
        conn.setconfig(defensive, True)
    return conn


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise StoreError(
                path, "c'est un lien symbolique vers un fichier qui n'existe pas"
            ) from None
        raise StoreError(path, "fichier introuvable") from None
    except PermissionError:
        raise StoreError(
            path, "lecture refusée (droits insuffisants sur le fichier ou le répertoire)"
        ) from None
    except OSError as error:
        if os.path.islink(path):
            raise StoreError(
                path,
                "c'est un lien symbolique qui ne mène à aucun fichier (il "
                "boucle, ou traverse trop de liens)",
            ) from None
        raise StoreError(path, f"lecture impossible ({os_reason(error)})") from None
    except ValueError:  # a NUL in the name
        raise StoreError(path, "nom de fichier invalide") from None


def sniff(path: Path) -> bytes:
    """Refuse early what is not an SQLite file at all, reading only its header, which is
    returned; never waits on a FIFO or a device."""
    kind = kind_of(_stat(path).st_mode)
    if kind is not None:
        raise StoreError(path, f"c'est {kind}, pas un fichier dossier")
    try:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            kind = kind_of(os.fstat(fd).st_mode)  # swapped since the stat above?
            header = b"" if kind else os.read(fd, HEADER_BYTES)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise StoreError(path, "fichier introuvable") from None
    except PermissionError:
        raise StoreError(path, "lecture refusée (droits insuffisants sur le fichier)") from None
    except OSError as error:
        raise StoreError(path, f"lecture impossible ({os_reason(error)})") from None
    if kind is not None:
        raise StoreError(path, f"c'est {kind}, pas un fichier dossier")
    if not header:
        raise StoreError(path, f"le fichier est vide : {NOT_A_DOSSIER}")
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise StoreError(path, f"{NOT_A_DOSSIER} (ce n'est pas un fichier de base SQLite)")
    _check_companions(path)
    return header


def _check_companions(path: Path) -> None:
    """A journal that is a folder, a FIFO or a link would stall or mislead SQLite: refused."""
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        try:
            mode = os.lstat(companion).st_mode
        except OSError:
            continue
        kind = kind_of(mode)
        if kind is not None:
            raise StoreError(
                path,
                f"« {printable(companion.name)} », à côté du dossier, est "
                f"{kind} et non un journal de SQLite : Socle ne l'ouvre pas. "
                "Déplacez-le hors de ce répertoire, puis rouvrez le dossier.",
            )


_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_JOURNAL_READ_LIMIT = 64 << 20  # beyond, the journal is not looked into (it is still checked)


def journal_belongs(path: Path) -> bool | None:
    """Whether the hot journal beside ``path`` was written for this very file, as far as can be
    told: False when its page size differs, or when its copy of page 1 holds a change counter
    the file cannot have had (a journal left from a file replaced since, or copied from
    another); None when it cannot be told."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(HEADER_BYTES)
        with open(journal_path(path), "rb") as handle:
            journal = handle.read(_JOURNAL_READ_LIMIT)
    except OSError:
        return None
    if len(header) < 28 or journal[:8] != _JOURNAL_MAGIC or len(journal) < 28:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if int.from_bytes(journal[24:28], "big") != page_size:
        return False
    page_one = _journal_page_one(journal, page_size)
    if page_one is None:
        return None
    before = int.from_bytes(page_one[24:28], "big")  # the counter before the interrupted write
    now = int.from_bytes(header[24:28], "big")
    return now in (before, (before + 1) & 0xFFFFFFFF)


def _journal_page_one(journal: bytes, page_size: int) -> bytes | None:
    """The original page 1 kept in a rollback journal (see SQLite's file format, §4)."""
    sector = int.from_bytes(journal[20:24], "big")
    if not 32 <= sector <= 65536:
        return None
    record = page_size + 8  # page number, page, checksum
    start = 0
    while journal[start : start + 8] == _JOURNAL_MAGIC:
        count = int.from_bytes(journal[start + 8 : start + 12], "big")
        position = start + sector
        if count in (0, 0xFFFFFFFF):
            count = (len(journal) - position) // record
        for _ in range(count):
            if position + record > len(journal):
                return None
            if int.from_bytes(journal[position : position + 4], "big") == 1:
                return journal[position + 4 : position + 4 + page_size]
            position += record
        start = -(-position // sector) * sector  # the next segment starts on a sector
    return None


def is_wal(header: bytes) -> bool:
    """Whether the file is in WAL mode: reading it in place would make « -wal » and « -shm »
    files beside it (Socle never writes WAL; another program may have)."""
    return len(header) >= 20 and header[18] == 2 and header[19] == 2


def file_uri(path: Path) -> str:
    """An SQLite URI for any path: spaces, « # », « ? », accents, C:\\…, \\\\serveur\\partage\\…,
    and a name that is not UTF-8 on disk (its bytes are quoted as they are).

    Not ``Path.as_uri()``: a network share would become ``file://serveur/…``, and SQLite refuses
    a URI naming a host; ``file:////serveur/…`` (empty host) is what it reads."""
    text = os.path.abspath(path).replace(os.sep, "/")
    quoted = quote(os.fsencode(text), safe="/:")
    if text.startswith("//"):
        return "file://" + quoted
    return "file:" + ("" if text.startswith("/") else "/") + quoted


def connect(path: Path, *, read_only: bool = False, timeout: float = 5) -> sqlite3.Connection:
    """A hardened connection to ``path`` (``mode=ro``: cannot write, whatever happens)."""
    uri = file_uri(path) + ("?mode=ro" if read_only else "")
    return harden(sqlite3.connect(uri, uri=True, timeout=timeout))


def connect_read_only(path: Path) -> sqlite3.Connection:
    return connect(path, read_only=True)


# --- what the schema defines ------------------------------------------------------------------


def _normalised(sql: str | None) -> str | None:
    """SQL text without comments, case or layout, to compare a definition with ours."""
    if sql is None:
        return None
    sql = re.sub(r"--[^\n]*", "", sql)
    sql = re.sub(r"\s+", " ", sql)
    return re.sub(r"\s*([(),;])\s*", r"\1", sql).strip().lower()


@cache
def expected_objects(version: int) -> dict[tuple[str, str], str | None]:
    """Every (type, name) of sqlite_master in a file of this format, with its normalised SQL."""
    from socle_desktop.store.old_schemas import SCHEMA_V1, SCHEMA_V2, VIEWS_V2

    script = {1: SCHEMA_V1, 2: SCHEMA_V2 + VIEWS_V2}.get(version, SCHEMA + VIEWS)
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(script)
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return {(kind, name): _normalised(sql) for kind, name, sql in rows}


_KIND_WORDS = {
    "table": "la table",
    "view": "la vue",
    "trigger": "le déclencheur",
    "index": "l'index",
}


def _shown_name(name: str) -> str:
    name = "".join(c if c.isprintable() else "?" for c in str(name))
    return name if len(name) <= 60 else name[:59] + "…"


def foreign_objects(conn: sqlite3.Connection, version: int) -> list[str]:
    """What the file holds beyond its format's schema, in French (« le déclencheur « x » »)."""
    expected = expected_objects(version)
    found = []
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        if kind == "table" and _SQLITE_OWN.match(str(name)):
            continue
        key = (kind, name)
        if key not in expected:
            found.append(f"{_KIND_WORDS.get(kind, kind)} « {_shown_name(name)} »")
        elif _normalised(sql) != expected[key]:
            found.append(
                f"{_KIND_WORDS.get(kind, kind)} « {_shown_name(name)} » (définition modifiée)"
            )
    return found


def _refuse_foreign(path: Path, found: list[str]) -> None:
    shown = ", ".join(found[:4]) + (f" et {len(found) - 4} autre(s)" if len(found) > 4 else "")
    raise ForeignSchema(
        path,
        f"le fichier contient ce que Socle n'y met jamais : {shown}. Un autre programme "
        "l'a modifié, et ces éléments pourraient changer le dossier à votre insu : Socle refuse "
        "de le modifier. Il peut être lu sans risque (en lecture seule, rien ne s'y exécute), "
        "et « Enregistrer sous… » en fait une copie saine.",
    )


def inspect(
    conn: sqlite3.Connection, path: Path, *, full: bool = True, editing: bool = False
) -> int:
    """Check an open connection to a dossier file; return its schema version.

    Raises HotJournal when SQLite needs to roll back an interrupted write before reading, and
    ForeignSchema for ``editing`` when the file holds more than its format's schema.
    """
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        problems = [
            row[0]
            for row in conn.execute(
                "PRAGMA integrity_check(5)" if full else "PRAGMA quick_check(5)"
            )
        ]
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) == 776:  # SQLITE_READONLY_ROLLBACK
            raise HotJournal() from None
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError(
                path, "le fichier est occupé par un autre programme ; réessayez"
            ) from None
        reason = describe_sqlite_error(error)
        raise StoreError(
            path,
            "le fichier est endommagé et ne peut pas être lu"
            + ("" if "endommagé" in reason else f" ({reason})"),
        ) from None
    if problems != ["ok"]:  # SQLite's own words are English and say nothing to a user
        raise StoreError(
            path,
            "le fichier est endommagé (le contrôle d'intégrité de SQLite y "
            "trouve des pages ou des index incohérents)",
        )
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
            path,
            "ce dossier a été créé par une version plus récente de Socle (format "
            f"{version} ; cette version lit jusqu'au format {SCHEMA_VERSION}). Mettez Socle à "
            "jour pour l'ouvrir.",
        )
    if version < 1:
        raise StoreError(path, f"{NOT_A_DOSSIER} (version de format absente)")
    if editing:
        found = foreign_objects(conn, version)
        if found:
            _refuse_foreign(path, found)
    return version
