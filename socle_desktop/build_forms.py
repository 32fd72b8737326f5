"""Compile the Qt Designer forms of ``ui/`` into Python modules (``pyside6-uic``), as Anki and
Picard do: a page then names its widgets as attributes of the compiled form, so a misspelt name
fails at once (and the type checker sees it) instead of a ``findChild`` returning None.

Run at set-up (``scripts/setup.sh``), by the wheel build (``setup.py``) and by the installer
build (``build_installer.spec``); the compiled modules (``socle_desktop/gui/generated/ui_*.py``)
are not kept in git. Each one records the SHA-256 of its form, so a stale one is recompiled
(``python -m socle_desktop.build_forms``, or at the first form a checkout loads). No Qt import
here: the compiler runs in a subprocess.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
OUT = PACKAGE / "gui" / "generated"
MARK = "# socle-form-sha256: "


class FormsError(RuntimeError):
    """The forms could not be compiled (no PySide6, a broken .ui); French, with the form."""


def forms_dir() -> Path | None:
    """``ui/`` of the checkout (or of the unpacked source distribution); None once installed."""
    root = PACKAGE.parent
    return root / "ui" if (root / "pyproject.toml").is_file() else None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_path(form: Path) -> Path:
    return OUT / f"ui_{form.stem}.py"


def is_current(form: Path) -> bool:
    target = compiled_path(form)
    if not target.is_file():
        return False
    with target.open(encoding="utf-8") as text:
        first = text.readline()
    return first == MARK + _digest(form) + "\n"


def stale_forms(source: Path | None = None) -> list[Path]:
    source = source or forms_dir()
    if source is None:
        return []
    return [form for form in sorted(source.glob("*.ui")) if not is_current(form)]


def _uic(form: Path) -> str:
    command = [
        sys.executable,
        "-c",
        "import sys; from PySide6.scripts.pyside_tool import uic; "
        "sys.argv = ['uic', *sys.argv[1:]]; uic()",
        str(form),
    ]
    run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    if run.returncode != 0 or "class Ui_" not in run.stdout:
        raise FormsError(
            f"formulaire {form.name} : pyside6-uic a échoué "
            f"({(run.stderr or run.stdout).strip()[:300]})"
        )
    return run.stdout


def compile_forms(source: Path | None = None, force: bool = False) -> list[Path]:
    """Compile every form of ``source`` whose module is missing or stale; the modules written."""
    source = source or forms_dir()
    if source is None or not source.is_dir():
        return []  # an installed package: its forms were compiled when it was built
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for form in sorted(source.glob("*.ui")) if force else stale_forms(source):
        code = _uic(form)
        target = compiled_path(form)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(MARK + _digest(form) + "\n" + code, encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    force = "--force" in (argv if argv is not None else sys.argv[1:])
    try:
        written = compile_forms(force=force)
    except FormsError as error:
        print(error, file=sys.stderr)
        return 2
    if written:
        print(f"Formulaires compilés : {', '.join(p.stem.removeprefix('ui_') for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
