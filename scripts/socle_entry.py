"""Entry point of the PyInstaller bundle (the package itself is imported, not run as a script)."""

import sys

from socle_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
