"""Peak memory of the application working on a large dossier, beside a bare PySide6 window.

Each side runs in its own process; its peak resident size is read from the kernel at the end:
``VmHWM`` of /proc/self/status on Linux (``ru_maxrss`` survives exec and would report the parent's
peak), ``ru_maxrss`` elsewhere. Not available on Windows, where this benchmark reports nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEAK = """
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # bytes on macOS
"""

BARE = (
    PEAK
    + """
import sys
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage
app = QApplication(sys.argv)
w = QWizard(); w.addPage(QWizardPage()); w.resize(1366, 768); w.show(); app.processEvents()
print(peak_kib())
"""
)

SOCLE = (
    PEAK
    + """
import sys, tempfile, pathlib
import socle_desktop.gui  # first, as `python -m socle_desktop` does (it is what imports Qt)
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.samples import large_dossier
from socle_desktop.store import DossierFile
from socle_desktop.gui.main_window import MainWindow
folder = pathlib.Path(tempfile.mkdtemp())
file = DossierFile.create(folder / "grand.socle", large_dossier(), load_campaign())
file.close()
window = MainWindow()
window.open_path(folder / "grand.socle")
window.resize(1366, 768); window.show(); app.processEvents()
for page_id in window.wizard.pageIds():
    window.wizard.go_to(page_id)
    app.processEvents()
assert window.wizard.currentId() == window.wizard.pageIds()[-1], "pages not visited"
from socle_desktop.report import build_pdf
build_pdf(window.session.dossier, window.session.campaign)
print(peak_kib())
"""
)


def _peak_kib(code: str) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    if run.returncode:
        raise RuntimeError(run.stderr.strip().splitlines()[-1] if run.stderr else "échec")
    return int(run.stdout.strip().splitlines()[-1])


def run() -> list[dict]:
    if sys.platform == "win32":
        return []
    bare, socle = _peak_kib(BARE) / 1024, _peak_kib(SOCLE) / 1024
    return [
        {
            "name": "Mémoire maximale (grand dossier ouvert, pages parcourues, PDF écrit)",
            "value": socle,
            "unit": "Mio",
            "baseline": bare,
            "baseline_name": "QWizard nu",
            "goal": "≤ nu + 60 Mio",
            "ok": socle <= bare + 60,
        }
    ]


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
