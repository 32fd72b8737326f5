"""``python -m socle_desktop``: the command-line verbs, or the application."""

from __future__ import annotations

import sys

from socle_desktop.cli import VERBS, run


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in VERBS or argv[0] in ("-h", "--help", "--version")):
        return run(argv)
    from socle_desktop.gui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
