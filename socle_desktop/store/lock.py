"""One editor per dossier file: a lock file beside it, held with a kernel lock.

``name.socle.lock`` is locked with ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows). The
kernel releases the lock when the process ends, even killed, so there is never a stale lock to
clean by hand; the lock file itself is only a place to lock (and says who holds it).

A dossier travels with whatever was put beside it: the lock path is never followed (a link to
another file), and only a regular file that is empty or holds Socle's own text is ever written.
Anything else there is refused (``LockRefused``) and left as it is.
"""

from __future__ import annotations

import atexit
import errno
import os
import socket
import stat
import sys
from datetime import datetime
from pathlib import Path

from socle_desktop.store.errors import DossierInUse, StoreError
from socle_desktop.system_errors import printable

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


_FLAGS = (
    getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO never blocks us
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_MAX_HOLDER_BYTES = 1024  # Socle's own text is about 50 bytes
# What os.open reports for a path that must not be opened as our lock file: a symbolic link
# under O_NOFOLLOW (ELOOP; EMLINK on FreeBSD), a folder, a FIFO or device without a reader.
_REFUSED_ERRNOS = {errno.ELOOP, errno.EMLINK, errno.EISDIR, errno.ENXIO, errno.ENODEV}


class LockRefused(StoreError):
    """The lock path holds something Socle did not make: never followed, truncated or written.

    ``reason`` says, as a sentence for the read-only banner, why the dossier cannot be edited."""

    def __init__(self, dossier_path: Path, what: str):
        name = printable(lock_path(Path(dossier_path)).name)
        self.reason = (
            f"Le verrou « {name} » {what} : Socle ne s'en sert pas et n'y écrit "
            "pas, donc ce dossier ne peut être ni modifié ni remplacé. Si aucun "
            f"Socle n'a ce dossier ouvert, supprimez « {name} » (le dossier n'en "
            "souffre pas), puis rouvrez-le."
        )
        super().__init__(dossier_path, self.reason[0].lower() + self.reason[1:])


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
            raise DossierInUse(
                self.dossier_path,
                "ce dossier est déjà ouvert dans une autre "
                "fenêtre de Socle. Fermez-le d'abord, ou ouvrez-le en lecture "
                "seule.",
            )
        for _attempt in range(5):
            existed = os.path.lexists(self.path)
            fd = _open_lock_file(self.path, self.dossier_path)
            try:
                locked = _try_lock(fd)
            except OSError:  # a file system without locks: the caller opens read-only
                if not existed and _same_file(fd, self.path):
                    _remove_quietly(self.path)  # made for nothing: no litter
                os.close(fd)
                raise
            if not locked:
                holder = _read_holder(fd)
                os.close(fd)
                raise DossierInUse(
                    self.dossier_path,
                    "ce dossier est déjà ouvert par une autre "
                    f"instance de Socle{holder}. Fermez-le d'abord, ou "
                    "ouvrez-le en lecture seule.",
                )
            if _same_file(fd, self.path):
                break
            # The previous holder removed the lock file between our open and our lock: again.
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - needs a pathological race
            raise DossierInUse(
                self.dossier_path, "le verrou du dossier change sans cesse ; réessayez"
            )
        self._fd = fd
        _HELD[key] = self
        _write_holder(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.pop(_key(self.dossier_path), None)
        if sys.platform != "win32" and _same_file(fd, self.path):
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
        fd = os.open(lock_path(dossier_path), os.O_RDONLY | _FLAGS)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return False
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _open_lock_file(path: Path, dossier_path: Path) -> int:
    """The lock file, opened for writing without following a link; ``LockRefused`` when what is
    there is not a lock file of Socle (OSError when it cannot be made: a read-only folder)."""
    if os.path.islink(path):  # Windows has no O_NOFOLLOW
        raise LockRefused(dossier_path, "est un lien symbolique")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _FLAGS, 0o666)
    except OSError as error:
        if error.errno in _REFUSED_ERRNOS:
            raise LockRefused(dossier_path, _kind_of(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LockRefused(dossier_path, _kind_of(path))
        if info.st_nlink > 1:
            raise LockRefused(dossier_path, "est un autre nom d'un fichier (lien physique)")
        if info.st_size and not _holds_our_text(fd, info.st_size):
            raise LockRefused(
                dossier_path,
                "n'est pas un verrou de Socle (son contenu est celui d'un autre fichier)",
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def _kind_of(path: Path) -> str:
    """What the lock path is, in French, for the message; read without following links."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "n'est pas un fichier ordinaire"
    kinds = (
        (stat.S_ISLNK, "est un lien symbolique"),
        (stat.S_ISDIR, "est un répertoire"),
        (stat.S_ISFIFO, "est un tube nommé (FIFO)"),
        (stat.S_ISSOCK, "est une prise (socket)"),
        (stat.S_ISCHR, "est un périphérique"),
        (stat.S_ISBLK, "est un périphérique"),
    )
    return next((text for test, text in kinds if test(mode)), "n'est pas un fichier ordinaire")


def _holds_our_text(fd: int, size: int) -> bool:
    """Whether the file holds what ``_write_holder`` writes (computer, process, time)."""
    if size > _MAX_HOLDER_BYTES:
        return False
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        lines = os.read(fd, _MAX_HOLDER_BYTES).decode("utf-8").splitlines()
        datetime.fromisoformat(lines[2])
    except (OSError, UnicodeDecodeError, IndexError, ValueError):
        return False
    return bool(lines[0].strip()) and lines[1].isdigit()


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.lstat(path)
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
