"""Open, create and save dossier files (docs/dossier-file.md).

Every edit is written at once, in its own transaction, with the rollback journal and
``synchronous=FULL``: when ``apply`` returns, the edit is on the disk.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from socle_desktop import __version__
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.edits import Edit
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.validation import InvalidValue, check_dossier
from socle_desktop.store.checks import (
    HotJournal,
    connect,
    connect_read_only,
    inspect,
    is_wal,
    sniff,
)
from socle_desktop.store.errors import DossierReplaced, StoreError, describe_sqlite_error
from socle_desktop.store.files import (
    READ_ONLY_FILE,
    READ_ONLY_FOLDER,
    check_target,
    default_mode,
    fsync_dir,
    fsync_file,
    read_only_reason,
    remove_quietly,
    remove_stale_temporaries,
    temporary_prefix,
)
from socle_desktop.store.lock import FileLock, LockRefused, held_elsewhere
from socle_desktop.store.migrations import backup, migrate
from socle_desktop.store.persist import Mismatch, write_edit
from socle_desktop.store.reading import read_dossier, read_rows, rolled_back, snapshot, wal_copy
from socle_desktop.store.rows import dossier_rows
from socle_desktop.store.schema import (
    APPLICATION,
    JOURNAL_MODE,
    SCHEMA,
    SCHEMA_VERSION,
    SYNCHRONOUS,
    VIEWS,
)

__all__ = [
    "EXTENSION",
    "READ_ONLY_FILE",
    "READ_ONLY_FOLDER",
    "DossierFile",
    "create_dossier_file",
    "read_dossier",
    "read_only_reason",
]

EXTENSION = ".socle"

READ_ONLY_ASKED = "Dossier ouvert en lecture seule : les modifications ne seront pas enregistrées."
READ_ONLY_NO_LOCK = (
    "Ce dossier ne peut pas être verrouillé pour modification sur ce lecteur : "
    "il est ouvert en lecture seule, les modifications ne seront pas "
    "enregistrées. Copiez-le sur un disque local, ou utilisez « Enregistrer "
    "sous… »."
)
READ_ONLY_IN_USE = (
    "Ce dossier est en cours de modification dans une autre fenêtre ou sur un "
    "autre poste : il est ouvert en lecture seule, les modifications ne seront pas "
    "enregistrées."
)
DESCRIPTION = (
    "Dossier de candidature « socle numérique dans les écoles élémentaires », écrit "
    "par Socle. Tables : porteur, communes, ecoles, classes, variantes, lignes (chacune "
    "d'une variante), existant, catalogue, parametres, campagne. Montants en texte "
    "décimal exact."
)


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


# --- writing a whole dossier ------------------------------------------------------------------


def _write_all(db: Database, dossier: Dossier, campaign: Campaign, origin: str) -> None:
    db.executescript(SCHEMA + VIEWS)
    db.table("meta").insert_all(
        [
            {"cle": "application", "valeur": APPLICATION},
            {"cle": "version_schema", "valeur": str(SCHEMA_VERSION)},
            {"cle": "version_socle", "valeur": __version__},
            {"cle": "cree_le", "valeur": _now()},
            {"cle": "description", "valeur": DESCRIPTION},
        ]
    )
    db.table("campagne").insert(
        {
            "identifiant": campaign.id,
            "nom": campaign.nom,
            "version": campaign.version,
            "regles_toml": campaign.source_text,
            "origine": origin,
        }
    )
    dossier_rows(dossier).write(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _write_atomically(path: Path, dossier: Dossier, campaign: Campaign, origin: str) -> None:
    """Write the whole dossier beside ``path``, sync it, then rename it over ``path``."""
    if not campaign.source_text:
        raise StoreError(path, "les règles de la campagne n'ont pas de texte à enregistrer")
    try:  # never write what reading the file back would refuse
        check_dossier(dossier)
    except InvalidValue as error:
        raise StoreError(
            path, f"dossier refusé, rien n'a été écrit : {error.field} : {error.message}"
        ) from None
    folder = path.absolute().parent
    try:
        fd, name = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=folder)
    except OSError as error:
        reason = describe_sqlite_error(error)
        raise StoreError(path, f"le fichier n'a pas pu être créé : {reason}") from None
    os.close(fd)
    temp = Path(name)
    try:
        conn = connect(temp)
        try:
            conn.execute("PRAGMA journal_mode = MEMORY")  # a new file: nothing to protect yet
            conn.execute("PRAGMA synchronous = OFF")  # synced once, below, before the rename
            conn.execute("PRAGMA foreign_keys = ON")
            db = Database(conn, execute_plugins=False)
            with db.atomic():
                _write_all(db, dossier, campaign, origin)
        finally:
            conn.close()
        fsync_file(temp)
        os.chmod(temp, default_mode())
        for stale in ("-journal", "-wal", "-shm"):  # an old journal must not touch the new file
            remove_quietly(path.with_name(path.name + stale))
        os.replace(temp, path)
        fsync_dir(folder)
    except (sqlite3.Error, OSError) as error:
        remove_quietly(temp)
        reason = describe_sqlite_error(error)
        raise StoreError(path, f"le fichier n'a pas pu être écrit : {reason}") from None
    except (ValueError, TypeError, AttributeError) as error:
        remove_quietly(temp)
        raise StoreError(
            path, f"le fichier n'a pas pu être écrit (valeur invalide : {error})"
        ) from None
    except BaseException:
        remove_quietly(temp)
        raise


def _creation_origin(campaign: Campaign) -> str:
    return (
        f"règles de la campagne {campaign.id} (version {campaign.version}) livrées avec "
        f"Socle {__version__}, recopiées à la création du dossier"
    )


def _take_lock(path: Path) -> FileLock:
    """The lock for writing ``path``; what a killed creation left beside it goes then."""
    lock = FileLock(path)
    try:
        lock.acquire()
    except OSError as error:
        raise StoreError(
            path, f"le verrou du dossier n'a pas pu être pris : {describe_sqlite_error(error)}"
        ) from None
    remove_stale_temporaries(path)
    return lock


def create_dossier_file(
    path: Path | str, dossier: Dossier, campaign: Campaign, *, replace: bool = False
) -> None:
    """Write ``dossier`` as a new file, atomically: all of it, or nothing (and no leftover)."""
    path = Path(path)
    check_target(path, replace=replace)
    lock = _take_lock(path)
    try:
        _write_atomically(path, dossier, campaign, _creation_origin(campaign))
    finally:
        lock.release()


# --- the file being edited --------------------------------------------------------------------


def _connect_for_writing(path: Path) -> Database:
    conn = connect(path)
    conn.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
    conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn, execute_plugins=False)


def _check_for_writing(path: Path) -> int:
    """The checks of open, rolling back an interrupted write first (we hold the lock)."""
    header = sniff(path)
    try:
        with tempfile.TemporaryDirectory(prefix="socle-") as scratch:
            return _check_for_writing_unguarded(path, header, scratch)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(path, f"ouverture impossible : {describe_sqlite_error(error)}") from None


def _check_for_writing_unguarded(path: Path, header: bytes, scratch: str) -> int:
    if is_wal(header):  # checked in a copy: refused, it must not keep « -wal », « -shm » beside
        conn = wal_copy(path, scratch)
        try:
            return inspect(conn, path, editing=True)
        finally:
            conn.close()
    conn = connect_read_only(path)
    try:
        return inspect(conn, path, editing=True)
    except HotJournal:
        conn.close()
        conn, _version = rolled_back(path, scratch, editing=True)  # refused before any write
        conn.close()
        recovering = connect(path)  # SQLite rolls the journal back on read
        try:
            recovering.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                path, f"le fichier est endommagé ({describe_sqlite_error(error)})"
            ) from None
        finally:
            recovering.close()
        conn = connect_read_only(path)
        return inspect(conn, path, editing=True)
    finally:
        conn.close()


def _stamp(path: Path) -> tuple[int, int, int, int]:
    """Which file is at ``path`` (device, inode) and when it was last written (time, size)."""
    info = os.stat(path)
    return info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size


def _data_version(db: Database) -> int:
    """Changes when another connection or program has written the file (PRAGMA data_version)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _migrate(db: Database, path: Path, version: int) -> Path:
    """Back the file up, then migrate it; returns the backup. A failed attempt leaves the file
    as it was, and its backup is used again by the next attempt rather than repeated."""
    copy, _made = backup(path, version)
    try:
        migrate(db, version, path)
    except (StoreError, sqlite3.Error) as error:
        reason = error.detail if isinstance(error, StoreError) else describe_sqlite_error(error)
        raise StoreError(
            path, f"la mise à jour du fichier a échoué ({reason}) : fichier non modifié"
        ) from None
    return copy


def _same_path(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


class DossierFile:
    """A dossier file open for editing (or read only), with the dossier it holds."""

    def __init__(
        self,
        path: Path,
        dossier: Dossier,
        campaign: Campaign,
        *,
        db: Database | None = None,
        lock: FileLock | None = None,
        read_only_reason: str | None = None,
        origin: str = "",
    ):
        self.path, self.dossier, self.campaign = path, dossier, campaign
        self.read_only_reason = read_only_reason
        self.backup_path: Path | None = None  # the copy kept before a migration, if any
        self._db, self._lock, self._origin = db, lock, origin
        # What tells the file opened from another one put at its path since (see apply).
        self._stamp = _stamp(path) if db is not None else None
        self._data_version = _data_version(db) if db is not None else None

    @property
    def read_only(self) -> bool:
        return self._db is None

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> DossierFile:
        """Check and open a file; DossierInUse when another window or instance edits it."""
        path = Path(path).absolute()
        sniff(path)
        reason = READ_ONLY_ASKED if read_only else read_only_reason(path)
        lock = None
        if reason is None:
            lock = FileLock(path)
            try:
                lock.acquire()
            except LockRefused as error:  # a planted lock path: look, but never write
                lock, reason = None, error.reason
            except OSError as error:  # DossierInUse is not an OSError: it goes to the caller
                lock = None
                cannot_write = error.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
                reason = READ_ONLY_FOLDER if cannot_write else READ_ONLY_NO_LOCK
        if lock is None:
            if held_elsewhere(path):
                reason = READ_ONLY_IN_USE
            dossier, campaign, origin = snapshot(path)
            return cls(path, dossier, campaign, read_only_reason=reason, origin=origin)
        try:
            remove_stale_temporaries(path)  # what a killed creation left: we hold the lock
            return cls._open_locked(path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        lock: FileLock,
        dossier: Dossier | None = None,
        campaign: Campaign | None = None,
    ) -> DossierFile:
        version = _check_for_writing(path)
        db = None
        try:
            db = _connect_for_writing(path)
            copy = _migrate(db, path, version) if version < SCHEMA_VERSION else None
            try:
                read_dossier_, read_campaign, origin = read_rows(db.conn, path)
            except StoreError as error:
                if copy is None:
                    raise
                raise StoreError(
                    path,
                    f"{error.detail} ; le fichier avait déjà été mis à jour "
                    f"du format {version} au format {SCHEMA_VERSION} (l'original "
                    f"est gardé dans « {copy.name} »)",
                    modified=True,
                ) from None
        except (OSError, sqlite3.Error) as error:
            if db is not None:
                db.close()
            reason = describe_sqlite_error(error)
            raise StoreError(path, f"ouverture impossible : {reason}") from None
        except BaseException:
            if db is not None:
                db.close()
            raise
        opened = cls(
            path,
            read_dossier_ if dossier is None else dossier,
            read_campaign if campaign is None else campaign,
            db=db,
            lock=lock,
            origin=origin,
        )
        opened.backup_path = copy
        return opened

    @classmethod
    def create(cls, path: Path | str, dossier: Dossier, campaign: Campaign) -> DossierFile:
        """A new file holding ``dossier`` (replacing the file there, unless someone edits it).

        The returned file's ``dossier`` is the very object given: keep editing it."""
        return cls._create(Path(path).absolute(), dossier, campaign, _creation_origin(campaign))

    @classmethod
    def _create(cls, path: Path, dossier: Dossier, campaign: Campaign, origin: str) -> DossierFile:
        check_target(path, replace=True)
        lock = _take_lock(path)
        try:
            _write_atomically(path, dossier, campaign, origin)
            return cls._open_locked(path, lock, dossier, campaign)
        except BaseException:
            lock.release()
            raise

    # --- editing ----------------------------------------------------------------------------

    def apply(self, edit: Edit) -> None:
        """Write an edit already applied to ``self.dossier``: one transaction, on disk at return."""
        if self._db is None:
            raise StoreError(self.path, self.read_only_reason or "le fichier est fermé")
        self._check_on_disk()
        try:
            with self._db.atomic():
                write_edit(self._db, edit, self.dossier.courante)
        except Mismatch as error:
            raise StoreError(
                self.path,
                f"la modification n'a pas été enregistrée (incohérence interne : {error})",
            ) from None
        except (sqlite3.Error, OSError) as error:
            raise StoreError(
                self.path,
                f"la modification n'a pas été enregistrée : {describe_sqlite_error(error)}",
            ) from None
        except (ValueError, TypeError, AttributeError) as error:
            raise StoreError(
                self.path, f"la modification n'a pas été enregistrée (valeur invalide : {error})"
            ) from None
        try:
            self._stamp = _stamp(self.path)  # our own write, for the next check
        except OSError:
            pass  # gone right after the write: the next check says so

    def _check_on_disk(self) -> None:
        """Refuse to write when the file at ``path`` is no longer the one opened: moved,
        replaced (a copy, a synchronisation tool) or rewritten by another program. The file
        then stays open read-only, for « Enregistrer sous… »."""
        try:
            now = _stamp(self.path)
        except OSError:
            what = "a été déplacé, renommé ou supprimé"
        else:
            assert self._stamp is not None and self._db is not None  # open for editing
            same = now[:2] == self._stamp[:2]
            if now == self._stamp and _data_version(self._db) == self._data_version:
                return
            what = (
                "a été réécrit par un autre programme"
                if same
                else "a été remplacé par un autre fichier (copie, synchronisation…)"
            )
        self.close()
        self.read_only_reason = (
            f"Le fichier {what} depuis son ouverture : les modifications ne sont plus enregistrées."
        )
        raise DossierReplaced(
            self.path,
            f"le fichier {what} depuis son ouverture : cette modification n'a pas été "
            "enregistrée, pour ne rien écrire ailleurs que dans le dossier ouvert. Le dossier "
            "affiché garde vos modifications précédentes : « Enregistrer sous… » les met dans "
            "un fichier ; ou rouvrez le fichier pour voir ce qu'il contient maintenant.",
        )

    def save_as(self, path: Path | str) -> DossierFile:
        """« Enregistrer sous » : a copy at ``path``, which becomes the open file."""
        target = Path(path).absolute()
        if _same_path(target, self.path):
            if self.read_only:
                raise StoreError(target, self.read_only_reason or "le fichier est en lecture seule")
            return self  # every edit is already saved there
        opened = DossierFile._create(
            target, self.dossier, self.campaign, self._origin or _creation_origin(self.campaign)
        )
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

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "lecture seule" if self.read_only else "modification"
        return f"<DossierFile {self.path} ({mode})>"
