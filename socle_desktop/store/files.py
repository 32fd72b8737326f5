"""The file system around a dossier: permissions, syncing, where a new file may go, and the
leftovers of an interrupted creation (docs/dossier-file.md, *Files beside a dossier*)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from socle_desktop.store.checks import SQLITE_HEADER
from socle_desktop.store.errors import StoreError
from socle_desktop.system_errors import kind_of, os_reason

READ_ONLY_FILE = "Le fichier est en lecture seule : les modifications ne seront pas enregistrées."
READ_ONLY_FOLDER = (
    "Le répertoire du fichier est en lecture seule : les modifications ne seront pas enregistrées."
)


def _no_write_bits(path: Path) -> bool:
    return not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def read_only_reason(path: Path) -> str | None:
    """None when the file and its folder can be written, else the French reason why not.

    A file without any write permission (the Windows « lecture seule » attribute) counts as
    read-only even for an administrator, who could technically write it."""
    folder = path.absolute().parent
    try:
        if path.exists() and (not os.access(path, os.W_OK) or _no_write_bits(path)):
            return READ_ONLY_FILE
    except OSError:  # a name too long, a link loop: the opening itself says so
        return None
    # On Windows the read-only attribute of a folder means « customised », not read-only.
    if not os.access(folder, os.W_OK) or (os.name != "nt" and _no_write_bits(folder)):
        return READ_ONLY_FOLDER
    return None


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
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


def default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def remove_quietly(path: Path) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def check_target(path: Path, *, replace: bool) -> None:
    """Where a whole dossier is about to be written: a folder that exists and can be written,
    and no folder, FIFO or device (nor, unless replacing, any file) at ``path`` itself."""
    folder = path.absolute().parent
    if not folder.is_dir():
        raise StoreError(path, "le répertoire de destination n'existe pas")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a name too long…
        raise StoreError(path, f"impossible d'écrire ici : {os_reason(error)}") from None
    if read_only_reason(path) == READ_ONLY_FOLDER:
        raise StoreError(path, "impossible d'écrire ici : le répertoire est en lecture seule")
    if mode is None:
        return
    kind = kind_of(mode)
    if kind is not None and not stat.S_ISLNK(mode):
        raise StoreError(path, f"c'est {kind} : choisissez un autre nom pour le dossier")
    if not replace:
        raise StoreError(path, "le fichier existe déjà")


def temporary_prefix(path: Path) -> str:
    """How the temporary file of a whole-dossier write is named: ``.name.socle.XXXXXXXX.tmp``."""
    return f".{path.name}."


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove what an interrupted import or creation of ``path`` left beside it.

    Only called with the dossier's lock held: a creation holds it while it writes, so any such
    file is stale. Only regular files named as ours and holding an SQLite file (or nothing)
    are removed."""
    pattern = re.compile(re.escape(temporary_prefix(path)) + r"[A-Za-z0-9_]{8}\.tmp")
    folder = path.absolute().parent
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        leftover = folder / name
        if _is_ours(leftover):
            remove_quietly(leftover)
            removed.append(leftover)
    return removed


def _is_ours(path: Path) -> bool:
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return start in (b"", SQLITE_HEADER)
