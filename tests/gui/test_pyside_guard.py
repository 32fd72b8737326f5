"""PySide6 6.12.0 on Python 3.11 loses a reference to None at each void Qt call: guarded."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
from socle_desktop.gui import pyside_guard
app = QApplication([])
pyside_guard.apply()
probe = QObject()
for _ in range(200_000):  # far more than the references None has in a fresh process
    probe.setObjectName("x")

class Page(QWizardPage):
    def isComplete(self):
        return True

page = Page()
wizard = QWizard()
wizard.addPage(page)
for _ in range(50_000):  # QWizard asks isComplete(): the bool returned leaked too
    page.completeChanged.emit()
print("vivant")
"""


def test_many_void_qt_calls_do_not_abort_python():
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": "."},
    )
    assert run.returncode == 0, run.stderr[-400:]
    assert "vivant" in run.stdout


def test_guard_is_only_applied_when_needed():
    from socle_desktop.gui import pyside_guard

    pyside_guard.apply()
    assert (
        not pyside_guard.leaks_none()
        or min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) > 1 << 39
    )


def test_pyside_reads_no_module_source_once_the_gui_is_imported():
    """Without skip_feature_scan, PySide6 reads (and keeps) the source of each module imported
    after it: about 200 files, 7 MiB, at every start."""
    code = (
        "import json, linecache\n"
        "import socle_desktop.gui.main_window, socle_desktop.gui.wizard\n"
        "print(json.dumps(sorted(f for f in linecache.cache if 'socle_desktop' in f)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(run.stdout.strip().splitlines()[-1]) == []
