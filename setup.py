"""The one build step pyproject.toml cannot say: compile the Designer forms of ui/ into
socle_desktop/gui/generated (socle_desktop/build_forms.py) before the modules are collected, so
that every wheel carries them. Everything else is in pyproject.toml."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent))


class BuildPyWithForms(build_py):
    def run(self):
        from socle_desktop.build_forms import compile_forms  # PySide6: build-system.requires

        compile_forms()
        super().run()


setup(cmdclass={"build_py": BuildPyWithForms})
