"""Open, create and save dossier files (docs/dossier-file.md).

Every edit is written at once, in its own transaction, with the rollback journal and
``synchronous=FULL``: when ``apply`` returns, the edit is on the disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from socle_desktop import __version__
from socle_desktop.domain.campaign import Campaign, CampaignError, parse_campaign_text
from socle_desktop.domain.model import Dossier
from socle_desktop.store.checks import HotJournal, connect_read_only, inspect, journal_path, sniff
from socle_desktop.store.errors import StoreError, describe_sqlite_error
from socle_desktop.store.lock import FileLock, held_elsewhere
from socle_desktop.store.migrations import migrate
from socle_desktop.store.persist import Mismatch, write_edit
from socle_desktop.store.rows import dossier_rows, read_dossier_rows
from socle_desktop.store.schema import (
    APPLICATION,
    JOURNAL_MODE,
    SCHEMA,
    SCHEMA_VERSION,
    SYNCHRONOUS,
    VIEWS,
)

EXTENSION = ".socle"

READ_ONLY_ASKED = "Dossier ouvert en lecture seule : les modifications ne seront pas enregistrées."
READ_ONLY_FILE = "Le fichier est en lecture seule : les modifications ne seront pas enregistrées."
READ_ONLY_FOLDER = ("Le répertoire du fichier est en lecture seule : les modifications ne seront "
                    "pas enregistrées.")
READ_ONLY_NO_LOCK = ("Ce dossier ne peut pas être verrouillé pour modification sur ce lecteur : "
                     "il est ouvert en lecture seule, les modifications ne seront pas "
                     "enregistrées. Copiez-le sur un disque local, ou utilisez « Enregistrer "
                     "sous… ».")
READ_ONLY_IN_USE = ("Ce dossier est en cours de modification dans une autre fenêtre ou sur un "
                    "autre poste : il est ouvert en lecture seule, les modifications ne seront pas "
                    "enregistrées.")
DESCRIPTION = ("Dossier de candidature « socle numérique dans les écoles élémentaires », écrit "
               "par Socle. Tables : porteur, communes, ecoles, classes, lignes, existant, "
               "catalogue, parametres, campagne. Montants en texte décimal exact.")


# --- small file-system helpers ----------------------------------------------------------------


def _no_write_bits(path: Path) -> bool:
    return not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def read_only_reason(path: Path) -> str | None:
    """None when the file and its folder can be written, else the French reason why not.

    A file without any write permission (the Windows « lecture seule » attribute) counts as
    read-only even for an administrator, who could technically write it."""
    folder = path.absolute().parent
    if path.exists() and (not os.access(path, os.W_OK) or _no_write_bits(path)):
        return READ_ONLY_FILE
    # On Windows the read-only attribute of a folder means « customised », not read-only.
    if not os.access(folder, os.W_OK) or (os.name != "nt" and _no_write_bits(folder)):
        return READ_ONLY_FOLDER
    return None


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handle to sync."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse it
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _remove_quietly(path: Path) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# --- writing a whole dossier ------------------------------------------------------------------


def _write_all(db: Database, dossier: Dossier, campaign: Campaign, origin: str) -> None:
    db.executescript(SCHEMA + VIEWS)
    db["meta"].insert_all([
        {"cle": "application", "valeur": APPLICATION},
        {"cle": "version_schema", "valeur": str(SCHEMA_VERSION)},
        {"cle": "version_socle", "valeur": __version__},
        {"cle": "cree_le", "valeur": _now()},
        {"cle": "description", "valeur": DESCRIPTION},
    ])
    db["campagne"].insert({"identifiant": campaign.id, "nom": campaign.nom,
                           "version": campaign.version, "regles_toml": campaign.source_text,
                           "origine": origin})
    dossier_rows(dossier).write(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_target_folder(path: Path) -> None:
    folder = path.absolute().parent
    if not folder.is_dir():
        raise StoreError(path, "le répertoire de destination n'existe pas")
    if read_only_reason(path) == READ_ONLY_FOLDER:
        raise StoreError(path, "impossible d'écrire ici : le répertoire est en lecture seule")


def _write_atomically(path: Path, dossier: Dossier, campaign: Campaign, origin: str) -> None:
    """Write the whole dossier beside ``path``, sync it, then rename it over ``path``."""
    if not campaign.source_text:
        raise StoreError(path, "les règles de la campagne n'ont pas de texte à enregistrer")
    folder = path.absolute().parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        reason = describe_sqlite_error(error)
        raise StoreError(path, f"le fichier n'a pas pu être créé : {reason}") from None
    os.close(fd)
    temp = Path(name)
    try:
        conn = sqlite3.connect(temp)
        try:
            conn.execute("PRAGMA journal_mode = MEMORY")  # a new file: nothing to protect yet
            conn.execute("PRAGMA synchronous = OFF")  # synced once, below, before the rename
            conn.execute("PRAGMA foreign_keys = ON")
            db = Database(conn, execute_plugins=False)
            with db.atomic():
                _write_all(db, dossier, campaign, origin)
        finally:
            conn.close()
        _fsync_file(temp)
        os.chmod(temp, _default_mode())
        for stale in ("-journal", "-wal", "-shm"):  # an old journal must not touch the new file
            _remove_quietly(path.with_name(path.name + stale))
        os.replace(temp, path)
        _fsync_dir(folder)
    except (sqlite3.Error, OSError) as error:
        _remove_quietly(temp)
        reason = describe_sqlite_error(error)
        raise StoreError(path, f"le fichier n'a pas pu être écrit : {reason}") from None
    except (ValueError, TypeError, AttributeError) as error:
        _remove_quietly(temp)
        raise StoreError(path, "le fichier n'a pas pu être écrit (valeur invalide : "
                         f"{error})") from None
    except BaseException:
        _remove_quietly(temp)
        raise


def _creation_origin(campaign: Campaign) -> str:
    return (f"règles de la campagne {campaign.id} (version {campaign.version}) livrées avec "
            f"Socle {__version__}, recopiées à la création du dossier")


def _take_lock(path: Path) -> FileLock:
    lock = FileLock(path)
    try:
        lock.acquire()
    except OSError as error:
        raise StoreError(path, f"le verrou du dossier n'a pas pu être pris : "
                         f"{describe_sqlite_error(error)}") from None
    return lock


def create_dossier_file(path, dossier: Dossier, campaign: Campaign, *,
                        replace: bool = False) -> None:
    """Write ``dossier`` as a new file, atomically: all of it, or nothing (and no leftover)."""
    path = Path(path)
    if path.exists() and not replace:
        raise StoreError(path, "le fichier existe déjà")
    _check_target_folder(path)
    lock = _take_lock(path)
    try:
        _write_atomically(path, dossier, campaign, _creation_origin(campaign))
    finally:
        lock.release()


# --- reading ----------------------------------------------------------------------------------


def _read(conn: sqlite3.Connection, path: Path) -> tuple[Dossier, Campaign, str]:
    try:
        row = conn.execute("SELECT identifiant, regles_toml, origine FROM campagne").fetchone()
        if row is None:
            raise StoreError(path, "les règles de la campagne manquent dans le fichier")
        campaign = parse_campaign_text(row[1], f"{path} (règles enregistrées dans le dossier)")
        dossier = read_dossier_rows(conn, row[0])
    except CampaignError as error:
        raise StoreError(path, f"règles de campagne illisibles : {error}") from None
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError, ArithmeticError) as error:
        raise StoreError(path, f"le contenu du fichier est incohérent ({error!r})") from None
    return dossier, campaign, row[2]


def _recovered_copy(path: Path, folder: str) -> sqlite3.Connection:
    """A copy of the file and its hot journal, rolled back by SQLite: the original stays as is."""
    copy = Path(folder) / "copie.socle"
    shutil.copyfile(path, copy)
    shutil.copyfile(journal_path(path), journal_path(copy))
    return sqlite3.connect(copy)


def _snapshot(path: Path) -> tuple[Dossier, Campaign, str]:
    """Read the file without writing anything to it (an old one is migrated in memory)."""
    sniff(path)
    try:
        return _snapshot_checked(path)
    except (OSError, sqlite3.Error) as error:  # e.g. the journal vanished while being copied
        raise StoreError(path, f"lecture impossible : {describe_sqlite_error(error)} ; "
                         "réessayez") from None


def _snapshot_checked(path: Path) -> tuple[Dossier, Campaign, str]:
    with tempfile.TemporaryDirectory(prefix="socle-") as scratch:
        conn = connect_read_only(path)
        try:
            try:
                version = inspect(conn, path)
            except HotJournal:
                conn.close()
                conn = _recovered_copy(path, scratch)
                version = inspect(conn, path)
            if version < SCHEMA_VERSION:
                memory = sqlite3.connect(":memory:")
                conn.backup(memory)
                conn.close()
                conn = memory
                migrate(Database(conn, execute_plugins=False), version, path)
            return _read(conn, path)
        finally:
            conn.close()


def read_dossier(path) -> tuple[Dossier, Campaign]:
    """The dossier and the campaign rules kept in a file, read without modifying it."""
    dossier, campaign, _origin = _snapshot(Path(path))
    return dossier, campaign


# --- the file being edited --------------------------------------------------------------------


def _connect_for_writing(path: Path) -> Database:
    conn = sqlite3.connect(path, timeout=5)
    conn.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
    conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn, execute_plugins=False)


def _check_for_writing(path: Path) -> int:
    """The checks of open, rolling back an interrupted write first (we hold the lock)."""
    try:
        return _check_for_writing_unguarded(path)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(path, f"ouverture impossible : {describe_sqlite_error(error)}") from None


def _check_for_writing_unguarded(path: Path) -> int:
    conn = connect_read_only(path)
    try:
        return inspect(conn, path)
    except HotJournal:
        conn.close()
        with tempfile.TemporaryDirectory(prefix="socle-") as scratch:
            conn = _recovered_copy(path, scratch)
            try:
                inspect(conn, path)  # a foreign or damaged file is refused before any write to it
            finally:
                conn.close()
        recovering = sqlite3.connect(path, timeout=5)  # SQLite rolls the journal back on read
        try:
            recovering.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise StoreError(path, f"le fichier est endommagé ({error})") from None
        finally:
            recovering.close()
        conn = connect_read_only(path)
        return inspect(conn, path)
    finally:
        conn.close()


def _backup(path: Path, version: int) -> Path:
    """A copy of the file as it was, kept beside it, before a migration changes it."""
    target = path.with_name(f"{path.name}.bak-v{version}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.bak-v{version}-{n}")
        n += 1
    try:
        shutil.copy2(path, target)
        _fsync_file(target)
    except OSError as error:
        _remove_quietly(target)
        reason = describe_sqlite_error(error)
        raise StoreError(path, "la copie de sauvegarde préalable à la mise à jour du fichier n'a "
                         f"pas pu être faite ({reason}) : fichier non modifié") from None
    return target


def _same_path(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


class DossierFile:
    """A dossier file open for editing (or read only), with the dossier it holds."""

    def __init__(self, path: Path, dossier: Dossier, campaign: Campaign, *,
                 db: Database | None = None, lock: FileLock | None = None,
                 read_only_reason: str | None = None, origin: str = ""):
        self.path, self.dossier, self.campaign = path, dossier, campaign
        self.read_only_reason = read_only_reason
        self.backup_path: Path | None = None  # the copy kept before a migration, if any
        self._db, self._lock, self._origin = db, lock, origin

    @property
    def read_only(self) -> bool:
        return self._db is None

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path, *, read_only: bool = False) -> DossierFile:
        """Check and open a file; DossierInUse when another window or instance edits it."""
        path = Path(path).absolute()
        sniff(path)
        reason = READ_ONLY_ASKED if read_only else read_only_reason(path)
        lock = None
        if reason is None:
            lock = FileLock(path)
            try:
                lock.acquire()
            except OSError as error:  # DossierInUse is not an OSError: it goes to the caller
                lock = None
                cannot_write = error.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
                reason = READ_ONLY_FOLDER if cannot_write else READ_ONLY_NO_LOCK
        if lock is None:
            if held_elsewhere(path):
                reason = READ_ONLY_IN_USE
            dossier, campaign, origin = _snapshot(path)
            return cls(path, dossier, campaign, read_only_reason=reason, origin=origin)
        try:
            return cls._open_locked(path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, path: Path, lock: FileLock, dossier: Dossier | None = None,
                     campaign: Campaign | None = None) -> DossierFile:
        backup = None
        version = _check_for_writing(path)
        db = None
        try:
            db = _connect_for_writing(path)
            if version < SCHEMA_VERSION:
                backup = _backup(path, version)
                try:
                    migrate(db, version, path)
                except sqlite3.Error as error:
                    reason = describe_sqlite_error(error)
                    raise StoreError(path, f"la mise à jour du fichier a échoué ({reason}) : "
                                     "fichier non modifié") from None
            read_dossier_, read_campaign, origin = _read(db.conn, path)
        except (OSError, sqlite3.Error) as error:
            if db is not None:
                db.close()
            reason = describe_sqlite_error(error)
            raise StoreError(path, f"ouverture impossible : {reason}") from None
        except BaseException:
            if db is not None:
                db.close()
            raise
        opened = cls(path, read_dossier_ if dossier is None else dossier,
                     read_campaign if campaign is None else campaign, db=db, lock=lock,
                     origin=origin)
        opened.backup_path = backup
        return opened

    @classmethod
    def create(cls, path, dossier: Dossier, campaign: Campaign) -> DossierFile:
        """A new file holding ``dossier`` (replacing the file there, unless someone edits it).

        The returned file's ``dossier`` is the very object given: keep editing it."""
        return cls._create(Path(path).absolute(), dossier, campaign, _creation_origin(campaign))

    @classmethod
    def _create(cls, path: Path, dossier: Dossier, campaign: Campaign, origin: str) -> DossierFile:
        _check_target_folder(path)
        lock = _take_lock(path)
        try:
            _write_atomically(path, dossier, campaign, origin)
            return cls._open_locked(path, lock, dossier, campaign)
        except BaseException:
            lock.release()
            raise

    # --- editing ----------------------------------------------------------------------------

    def apply(self, edit) -> None:
        """Write an edit already applied to ``self.dossier``: one transaction, on disk at return."""
        if self._db is None:
            raise StoreError(self.path, self.read_only_reason or "le fichier est fermé")
        try:
            with self._db.atomic():
                write_edit(self._db, edit)
        except Mismatch as error:
            raise StoreError(self.path, "la modification n'a pas été enregistrée (incohérence "
                             f"interne : {error})") from None
        except (sqlite3.Error, OSError) as error:
            raise StoreError(self.path, "la modification n'a pas été enregistrée : "
                             f"{describe_sqlite_error(error)}") from None
        except (ValueError, TypeError, AttributeError) as error:
            raise StoreError(self.path, "la modification n'a pas été enregistrée (valeur "
                             f"invalide : {error})") from None

    def save_as(self, path) -> DossierFile:
        """« Enregistrer sous » : a copy at ``path``, which becomes the open file."""
        target = Path(path).absolute()
        if _same_path(target, self.path):
            if self.read_only:
                raise StoreError(target, self.read_only_reason or "le fichier est en lecture seule")
            return self  # every edit is already saved there
        opened = DossierFile._create(target, self.dossier, self.campaign,
                                     self._origin or _creation_origin(self.campaign))
        self.close()
        return opened

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            if self.read_only_reason is None:
                self.read_only_reason = "le fichier est fermé"
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> DossierFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "lecture seule" if self.read_only else "modification"
        return f"<DossierFile {self.path} ({mode})>"
