"""The Designer forms of ``ui/``, compiled by ``socle_desktop.build_forms`` (``pyside6-uic``).

The ``ui_*.py`` modules here are written at set-up, by the wheel build and by the installer
build, and are not kept in git. In a checkout, a form changed since then is compiled again the
first time a form is loaded (``gui/forms.py``).
"""

from socle_desktop.build_forms import compile_forms

compile_forms()  # nothing to do unless a checkout's form changed since set-up
