"""What a hostile or careless sender can put in or beside a dossier, made on real files."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

# A child that starts a write and is killed inside it: a hot journal stays beside the file.
HOT_JOURNAL = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN")
for statement in sys.argv[2:]:
    conn.execute(statement)
os.kill(os.getpid(), signal.SIGKILL)
"""

# A child that commits in WAL mode and is killed: the « -wal » holds a committed edit.
WAL_COMMIT = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute(sys.argv[2])
os.kill(os.getpid(), signal.SIGKILL)
"""


def folder_state(folder: Path) -> dict[str, str]:
    """Every name in ``folder`` with what it is: the digest of a file's bytes, where a link
    points, or the kind of a special file (reading a FIFO would wait)."""
    state = {}
    for name in sorted(os.listdir(folder)):
        path = Path(folder) / name
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            state[name] = "-> " + os.readlink(path)
        elif stat.S_ISREG(mode):
            state[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[name] = "dir" if stat.S_ISDIR(mode) else f"special {stat.S_IFMT(mode):o}"
    return state


def execute(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def interrupted_write(path: Path, *statements: str) -> Path:
    """Leave ``path`` with the hot journal of a write killed half-way; returns the journal."""
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(path), *statements], check=False)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    return journal


def wal_commit(path: Path, statement: str) -> None:
    """Put ``path`` in WAL mode with ``statement`` committed in its « -wal » only."""
    subprocess.run([sys.executable, "-c", WAL_COMMIT, str(path), statement], check=False)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


@contextmanager
def at_most(seconds: int):
    """Fail, rather than hang for ever, when what runs inside waits on a FIFO."""

    def too_long(_signum, _frame):
        raise AssertionError(f"bloqué plus de {seconds} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
