"""Entry point of the PyInstaller bundle (the package itself is imported, not run as a script)."""

import multiprocessing
import os
import sys
from pathlib import Path

from socle_desktop.__main__ import main

# The installer check (scripts/check_installer.sh): read this annuaire in a child process, as
# the import dialog does with a national file, say how many communes, and quit.
CHECK_READ_ENV = "SOCLE_CHECK_READ_IN_PROCESS"


def _check_read_in_process(path: str) -> int:
    from socle_desktop.opendata.wire import ANNUAIRE, read_in_process

    _annuaire, index = read_in_process(ANNUAIRE, Path(path), lambda _fraction: True)
    print(f"lu dans un processus : {len(index.labels())} commune(s) avec des écoles")
    return 0


if __name__ == "__main__":
    # A child process of the bundle (the open-data reading) starts here too: it must run the
    # child's work, not the program (PyInstaller's hook does it, on Linux as on Windows).
    multiprocessing.freeze_support()
    if os.environ.get(CHECK_READ_ENV):
        sys.exit(_check_read_in_process(os.environ[CHECK_READ_ENV]))
    sys.exit(main())
