"""``python -m socle_desktop``: the command-line verbs, or the application."""

from __future__ import annotations

import os
import sys


def _streams_that_exist() -> None:
    """A windowed Windows program starts with ``sys.stdout`` and ``sys.stderr`` set to None:
    give them a sink, so that printing (``--version``, the headless plan) cannot fail."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _quiet_closed_pipe() -> None:
    """``socle-desktop summary x.socle | head -1``: the reader left; say nothing more.

    What is still buffered goes to the null device, so that Python's final flush does not
    print « Exception ignored … BrokenPipeError » either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _streams_that_exist()
    try:
        try:
            code = _dispatch(argv)
        except SystemExit as stop:  # argparse's --help, --version and usage errors
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        sys.stdout.flush()  # here, so that a closed pipe is caught below
    except BrokenPipeError:
        _quiet_closed_pipe()
        return 0
    return code


def _dispatch(argv: list[str]) -> int:
    from socle_desktop import cli  # the table of verbs; argparse waits until it is needed

    if not cli.wants_window(argv):
        return cli.run(argv)
    from socle_desktop.gui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
