"""The bundled resources (campaign rules, catalogue, fonts, icons, the example) and the Designer
forms, read as package data with ``importlib.resources``.

A wheel and the PyInstaller bundle carry them inside the package, as ``socle_desktop/data`` and
``socle_desktop/ui``: both are mapped at build time from the repository's top-level
``resources/`` and ``ui/`` (pyproject.toml, build_installer.spec), which stay where they are. A
checkout has no such folder in the package, and reads the top-level ones: the same files, through
the same functions.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "socle_desktop"
# The repository's folder → its name inside the installed package.
IN_PACKAGE = {"resources": "data", "ui": "ui"}


def _folder(top_level: str) -> Traversable:
    inside = files(PACKAGE) / IN_PACKAGE[top_level]
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / top_level  # a checkout


def resources_dir() -> Traversable:
    return _folder("resources")


def resource(*parts: str) -> Traversable:
    """A bundled file: ``resource("campaigns", "snee-2021.toml")``."""
    return resources_dir().joinpath(*parts)


def resource_file(*parts: str) -> AbstractContextManager[Path]:
    """A bundled file as a real path, for libraries that want one (reportlab's fonts, QIcon)."""
    return as_file(resource(*parts))


def example_dossier_path() -> Traversable:
    return resource("exemple", "saint-exemple.json")


def ui_dir() -> Traversable:
    return _folder("ui")
