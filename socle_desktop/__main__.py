"""``python -m socle_desktop``: the command-line verbs, or the application."""

from __future__ import annotations

import sys

# The verbs of socle_desktop.cli, named here so that starting the window does not import the
# command line (argparse, json: about 10 ms of the start-up budget). A test keeps them in step.
CLI_VERBS = ("import-json", "export-json", "summary", "pdf", "import-ecoles")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in CLI_VERBS or argv[0] in ("-h", "--help", "--version")):
        from socle_desktop.cli import run

        return run(argv)
    from socle_desktop.gui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
