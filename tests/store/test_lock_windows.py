"""The Windows branch of store/lock.py (``msvcrt.locking``), run here with a fake ``msvcrt``
that behaves as Windows does: a locked byte range refuses any other handle, even of the same
process, until its own handle unlocks it at the same offset; a blocking lock is never asked."""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
from pathlib import Path

import pytest

from socle_desktop.store import lock as posix_lock
from socle_desktop.store.errors import DossierInUse


class FakeMsvcrt:
    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self):
        self.locks: dict[tuple, int] = {}  # (file, offset, length) -> the handle holding it

    def region(self, fd: int, nbytes: int) -> tuple:
        st = os.fstat(fd)
        return (st.st_dev, st.st_ino), os.lseek(fd, 0, os.SEEK_CUR), nbytes

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        region = self.region(fd, nbytes)
        if mode in (self.LK_NBLCK, self.LK_NBRLCK):
            if region in self.locks:
                raise PermissionError(13, "Permission denied")
            self.locks[region] = fd
        elif mode == self.LK_UNLCK:
            if self.locks.get(region) != fd:
                raise PermissionError(13, "Permission denied")  # not this handle's lock
            del self.locks[region]
        else:
            raise AssertionError("a blocking lock: Socle must never wait for another editor")

    def held(self, path: Path) -> bool:
        st = os.stat(path)
        return any(region[0] == (st.st_dev, st.st_ino) for region in self.locks)


@pytest.fixture
def windows(monkeypatch):
    """store/lock.py imported as on Windows, with the fake msvcrt; (module, fake)."""
    fake = FakeMsvcrt()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    spec = importlib.util.spec_from_file_location("lock_on_windows", posix_lock.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module._try_lock.__code__.co_names.count("msvcrt")  # the Windows branch
    yield module, fake
    for held in list(module._HELD.values()):
        held.release()


def _other_instance_locks(module, fake, dossier: Path, host: str = "PC-MAIRIE") -> int:
    """Another Socle (another process) holding the dossier: its own handle and holder text."""
    fd = os.open(module.lock_path(dossier), os.O_RDWR | os.O_CREAT)
    os.write(fd, f"{host}\n4242\n2026-12-01T09:30:00\n".encode())
    os.lseek(fd, module._LOCK_OFFSET, os.SEEK_SET)
    fake.locking(fd, fake.LK_NBLCK, 1)
    return fd


def test_acquire_locks_a_byte_far_from_the_holder_text_and_release_unlocks(windows, tmp_path):
    module, fake = windows
    dossier = tmp_path / "breal.socle"
    lock = module.FileLock(dossier)
    lock.acquire()
    assert lock.held and fake.held(lock.path)
    ((_file, offset, length),) = fake.locks
    assert (offset, length) == (module._LOCK_OFFSET, 1)
    host, pid, _since = lock.path.read_text(encoding="utf-8").splitlines()  # readable by others
    assert (host, pid) == (socket.gethostname(), str(os.getpid()))
    assert module.held_elsewhere(dossier)
    lock.release()
    assert not lock.held and fake.locks == {}
    assert not lock.path.exists()  # removed once closed, as Windows requires
    assert not module.held_elsewhere(dossier)


def test_a_dossier_held_by_another_instance_is_refused_with_its_holder(windows, tmp_path):
    module, fake = windows
    dossier = tmp_path / "breal.socle"
    other = _other_instance_locks(module, fake, dossier)
    assert module.held_elsewhere(dossier)
    with pytest.raises(DossierInUse) as refused:
        module.FileLock(dossier).acquire()
    assert "poste « PC-MAIRIE », depuis le 01/12/2026 à 09:30" in str(refused.value)
    assert list(fake.locks.values()) == [other]  # the other's lock untouched
    os.lseek(other, module._LOCK_OFFSET, os.SEEK_SET)
    fake.locking(other, fake.LK_UNLCK, 1)
    os.close(other)
    lock = module.FileLock(dossier)
    lock.acquire()  # free again: taken, with our own holder text
    assert lock.path.read_text(encoding="utf-8").startswith(socket.gethostname())
    lock.release()


def test_two_windows_of_one_instance_are_told_apart(windows, tmp_path):
    module, _fake = windows
    dossier = tmp_path / "breal.socle"
    first = module.FileLock(dossier)
    first.acquire()
    with pytest.raises(DossierInUse, match="une autre fenêtre de Socle"):
        module.FileLock(dossier).acquire()
    first.release()
