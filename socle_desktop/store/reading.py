"""Reading a dossier file without writing anything to it, or beside it.

An interrupted write (a hot journal) is rolled back in a copy, a WAL file is read from a copy
(in place SQLite would make « -wal » and « -shm » files beside it), an old format is migrated in
memory. A journal that does not belong to the file is named, never applied.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import NoReturn

from sqlite_utils import Database

from socle_desktop.domain.campaign import (
    Campaign,
    CampaignError,
    load_campaign,
    parse_campaign_text,
)
from socle_desktop.domain.model import Dossier
from socle_desktop.store.checks import (
    HotJournal,
    connect,
    connect_read_only,
    harden,
    inspect,
    is_wal,
    journal_belongs,
    journal_path,
    sniff,
)
from socle_desktop.store.errors import ForeignSchema, StoreError, describe_sqlite_error
from socle_desktop.store.migrations import migrate
from socle_desktop.store.read_rows import DamagedRow, read_campaign_row, read_dossier_rows
from socle_desktop.store.schema import SCHEMA_VERSION
from socle_desktop.system_errors import printable


def read_rows(conn: sqlite3.Connection, path: Path) -> tuple[Dossier, Campaign, str]:
    """The dossier, its campaign and the campaign's origin, from a checked connection; every
    cell checked (read_rows.py): a damaged one is named in French, table, row and column."""
    try:
        row = read_campaign_row(conn)
        if row is None:
            raise StoreError(path, "les règles de la campagne manquent dans le fichier")
        campaign = parse_campaign_text(row[1], f"{path} (règles enregistrées dans le dossier)")
        _known_campaign(path, row[0], campaign)
        dossier = read_dossier_rows(conn, row[0])
    except CampaignError as error:
        raise StoreError(path, f"règles de campagne illisibles : {error}") from None
    except DamagedRow as error:
        raise StoreError(path, f"contenu endommagé : {error}") from None
    except sqlite3.DatabaseError as error:
        raise StoreError(
            path,
            "contenu illisible : une table du dossier manque ou est "
            f"endommagée ({describe_sqlite_error(error)})",
        ) from None
    return dossier, campaign, row[2]


def _known_campaign(path: Path, identifiant: str, campaign: Campaign) -> None:
    """The campaign the dossier names is the one of its rules, and one this Socle knows (what
    it reads, ``import-json`` must take back)."""
    if identifiant != campaign.id:
        raise StoreError(
            path,
            f"contenu endommagé : table « campagne », colonne « identifiant » : "
            f"« {identifiant[:40]} » n'est pas la campagne de ses règles "
            f"(« {campaign.id} »)",
        )
    try:
        load_campaign(identifiant)
    except CampaignError:
        raise StoreError(
            path,
            f"ce dossier suit la campagne « {identifiant[:40]} », que cette "
            "version de Socle ne connaît pas : mettez Socle à jour",
        ) from None


def _recovered_copy(path: Path, folder: str) -> sqlite3.Connection:
    """A copy of the file and its hot journal, rolled back by SQLite: the original stays as is."""
    copy = Path(folder) / "copie.socle"
    shutil.copyfile(path, copy)
    shutil.copyfile(journal_path(path), journal_path(copy))
    return connect(copy)


def _sound_alone(path: Path, folder: str) -> bool:
    """Whether the file, without the journal beside it, is a sound dossier."""
    alone = Path(folder) / "seul.socle"
    shutil.copyfile(path, alone)
    conn = connect_read_only(alone)
    try:
        inspect(conn, path)
    except (StoreError, HotJournal):
        return False
    finally:
        conn.close()
    return True


def rolled_back(
    path: Path, folder: str, *, editing: bool = False
) -> tuple[sqlite3.Connection, int]:
    """The file with its hot journal applied, in a copy in ``folder``, checked; a journal that
    is not the file's own, or would damage a sound file, is refused by name."""
    if journal_belongs(path) is False:
        if _sound_alone(path, folder):
            _refuse_journal(path)
        raise StoreError(
            path,
            f"le fichier est endommagé, et le journal « "
            f"{printable(journal_path(path).name)} » à côté ne lui correspond pas : "
            "aucun des deux ne permet de le lire",
        )
    conn = _recovered_copy(path, folder)
    try:
        return conn, inspect(conn, path, editing=editing)
    except ForeignSchema:
        conn.close()
        raise
    except StoreError:
        conn.close()
        if not _sound_alone(path, folder):
            raise
    _refuse_journal(path)
    raise AssertionError("unreachable")  # _refuse_journal always raises


def _refuse_journal(path: Path) -> NoReturn:
    journal = printable(journal_path(path).name)
    raise StoreError(
        path,
        f"le journal « {journal} », à côté du dossier, ne lui correspond pas (il vient "
        "d'un autre fichier, ou d'une version du dossier remplacée depuis) : appliqué, il "
        "l'endommagerait, donc Socle ne l'applique pas. Le dossier seul est sain : si aucun "
        f"programme n'est en train de l'écrire, déplacez « {journal} » hors de ce répertoire "
        "(gardez-le tant que vous n'êtes pas sûr), puis rouvrez le dossier.",
    )


def wal_copy(path: Path, folder: str) -> sqlite3.Connection:
    """A WAL file and its « -wal », copied to ``folder`` and read there."""
    copy = Path(folder) / "copie.socle"
    shutil.copyfile(path, copy)
    wal = path.with_name(path.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    return connect(copy)


def _without_triggers(conn: sqlite3.Connection) -> None:
    """Drop every trigger of a copy before it is written (Socle's schema has none)."""
    names = [
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    ]
    for name in names:
        conn.execute('DROP TRIGGER "{}"'.format(str(name).replace('"', '""')))


def snapshot(path: Path) -> tuple[Dossier, Campaign, str]:
    """Read the file without writing anything to it (an old one is migrated in memory)."""
    header = sniff(path)
    try:
        return _snapshot_checked(path, header)
    except (OSError, sqlite3.Error) as error:  # e.g. the journal vanished while being copied
        raise StoreError(
            path, f"lecture impossible : {describe_sqlite_error(error)} ; réessayez"
        ) from None


def _snapshot_checked(path: Path, header: bytes) -> tuple[Dossier, Campaign, str]:
    with tempfile.TemporaryDirectory(prefix="socle-") as scratch:
        conn = wal_copy(path, scratch) if is_wal(header) else connect_read_only(path)
        try:
            try:
                version = inspect(conn, path)
            except HotJournal:
                conn.close()
                conn, version = rolled_back(path, scratch)
            if version < SCHEMA_VERSION:
                memory = harden(sqlite3.connect(":memory:"))
                conn.backup(memory)
                conn.close()
                conn = memory
                _without_triggers(conn)  # a trigger of the file must not run in the copy
                migrate(Database(conn, execute_plugins=False), version, path)
            return read_rows(conn, path)
        finally:
            conn.close()


def read_dossier(path: Path | str) -> tuple[Dossier, Campaign]:
    """The dossier and the campaign rules kept in a file, read without modifying it."""
    dossier, campaign, _origin = snapshot(Path(path))
    return dossier, campaign
