"""One editor per dossier file: a lock file beside it, held with a kernel lock.

``name.socle.lock`` is locked with ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows). The
kernel releases the lock when the process ends, even killed, so there is never a stale lock to
clean by hand; the lock file itself is only a place to lock (and says who holds it).
"""

from __future__ import annotations

import atexit
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from socle_desktop.store.errors import DossierInUse

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _LOCK_OFFSET = 1 << 30  # lock a byte far from the text, which others may still read

    def _try_lock(fd: int, shared: bool = False) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# flock on some network file systems does not tell two handles of one process apart: windows
# of this process are also checked here.
_HELD: dict[str, FileLock] = {}


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


class FileLock:
    """The exclusive right to write one dossier file, for as long as it is held."""

    def __init__(self, dossier_path: Path):
        self.dossier_path = Path(dossier_path)
        self.path = lock_path(self.dossier_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise DossierInUse; OSError when the lock file cannot be made."""
        key = _key(self.dossier_path)
        if key in _HELD:
            raise DossierInUse(self.dossier_path, "ce dossier est déjà ouvert dans une autre "
                               "fenêtre de Socle. Fermez-le d'abord, ou ouvrez-le en lecture "
                               "seule.")
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
            try:
                locked = _try_lock(fd)
            except OSError:  # a file system without locks: the caller opens read-only
                os.close(fd)
                raise
            if not locked:
                holder = _read_holder(fd)
                os.close(fd)
                raise DossierInUse(self.dossier_path, "ce dossier est déjà ouvert par une autre "
                                   f"instance de Socle{holder}. Fermez-le d'abord, ou "
                                   "ouvrez-le en lecture seule.")
            if _same_file(fd, self.path):
                break
            # The previous holder removed the lock file between our open and our lock: again.
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - needs a pathological race
            raise DossierInUse(self.dossier_path, "le verrou du dossier change sans cesse ; "
                               "réessayez")
        self._fd = fd
        _HELD[key] = self
        _write_holder(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.pop(_key(self.dossier_path), None)
        if sys.platform != "win32":
            _remove_quietly(self.path)  # while still locked: see acquire's retry
        try:
            _unlock(fd)
        finally:
            os.close(fd)
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            _remove_quietly(self.path)


def held_elsewhere(dossier_path: Path) -> bool:
    """Whether an editor holds the file now (a read-only look; creates nothing)."""
    if _key(dossier_path) in _HELD:
        return True
    try:
        fd = os.open(lock_path(dossier_path), os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return False
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _write_holder(fd: int) -> None:
    since = datetime.now().isoformat(timespec="seconds")
    text = f"{socket.gethostname()}\n{os.getpid()}\n{since}\n"
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8"))
        os.ftruncate(fd, len(text.encode("utf-8")))
    except OSError:
        pass  # only informative


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        host, _pid, since = os.read(fd, 300).decode("utf-8").splitlines()[:3]
    except (OSError, ValueError, UnicodeDecodeError):
        return ""
    try:
        when = datetime.fromisoformat(since).strftime("%d/%m/%Y à %H:%M")
    except ValueError:
        when = since
    return f" (poste « {host} », depuis le {when})"


def _remove_quietly(path: Path) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


@atexit.register
def _release_all() -> None:
    """A process that ends without closing its files still tidies its lock files away (a killed
    one cannot: its lock files stay, unlocked, and are reused by the next opening)."""
    for lock in list(_HELD.values()):
        lock.release()
