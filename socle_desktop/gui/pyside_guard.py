"""Guard against a reference-count bug of PySide6 6.12.0 under Python 3.11.

Measured here (2026-11-23): with PySide6-Essentials 6.12.0 on Python 3.11, every call of a Qt
method that returns nothing (``label.setText``, ``widget.setVisible``…) takes one reference to
``None`` away. After some thousands of such calls the count of ``None`` reaches zero and Python
aborts (« Fatal Python error: none_dealloc: deallocating None »): a few hundred keystrokes in the
wizard. 6.11.3 does not leak; Python 3.12 is immune (``None`` is immortal there).

``True`` and ``False`` leak the same way when Qt calls a Python override that returns a bool
(``QWizardPage.isComplete`` at each ``completeChanged``): « bool_dealloc » at exit.

``apply()`` probes for the leak and, only when it is there, gives ``None``, ``True`` and ``False``
so many extra references (2**40) that the leak can never bring them down to zero, which is what
Python 3.12 does for every process (immortal objects). The real fix is a PySide6 without the
bug (``PySide6-Essentials!=6.12.0``; 6.11.3 checked here).
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40
_applied = False


def leaks_none(calls: int = 64) -> bool:
    """True when calling a void Qt method loses references to None."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: nothing to lose
    from PySide6.QtCore import QObject

    probe = QObject()
    probe.setObjectName("probe")
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - calls // 2


def apply() -> bool:
    """Make the leak harmless if this PySide6 has it; True when the guard was needed."""
    global _applied
    if _applied:
        return True
    if not leaks_none():
        return False
    # ob_refcnt is the first field of every PyObject (a Py_ssize_t) in CPython 3.11.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _EXTRA_REFERENCES
    _applied = True
    return True


def skip_feature_scan() -> bool:
    """Stop PySide6 from reading the source of every module imported after it.

    PySide6's ``__feature__`` support (``snake_case``, ``true_property``, unused here) hooks
    ``from __future__ import …``: at each one it calls ``inspect.getsource`` on the importing
    module to look for the word « PySide6 », which reads the file into ``linecache`` and keeps
    it. Measured here (PySide6 6.11.3): 200 modules, 7 MiB kept and 50–100 ms of the start.
    A module it does not scan is treated as not selecting a feature — which none does. Returns
    False (and changes nothing) when this PySide6 has no such scan."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = lambda _module: False
    return True
