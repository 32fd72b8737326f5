"""GUI benchmarks: keystroke → panel on large dossiers, and cold start beside a bare window.

1. An EPCI of 200 schools / 1 000 classes, then of 2 000 schools / 10 000 classes, open in the
   main window; one digit typed into a class line's quantity editor (a real key event); the
   time until the panel's label shows the new figure. Goals (p95): ≤ 16 ms (one frame at
   60 Hz) at 200 schools, ≤ 50 ms at 2 000.
2. `python -m socle_desktop FILE` cold start, offscreen, to the first exposed window and to the
   example shown in the wizard, beside a bare PySide6 QWizard process doing the same, in the
   same run. Goals: ≤ 1.5 × the bare time for the window, ≤ 2.0 × for the example.

`python bench/bench_gui.py` prints the figures; `run()` returns them for bench/run_all.py.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEYSTROKES = 50
COLD_RUNS = 7
# (schools, classes, communes, goal in ms for the 95th percentile)
SIZES = ((200, 1_000, 20, 16.0), (2_000, 10_000, 99, 50.0))

BARE_WIZARD = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage
t0 = float(os.environ["SOCLE_BENCH_T0"])
app = QApplication(sys.argv[:1])
wizard = QWizard()
page = QWizardPage(); page.setTitle("Page")
QVBoxLayout(page).addWidget(QLabel("Bonjour"))
wizard.addPage(page)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            print(f"shown {time.time() - t0:.4f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
wizard.winId()
watch = Watch()
wizard.windowHandle().installEventFilter(watch)
wizard.show()
app.exec()
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# --- 1. keystroke → panel ---------------------------------------------------------------------


def _quantity_editor(window, page_id):
    """Open the quantity cell editor of the first line of a page's lines table."""
    from socle_desktop.gui.models.lines import COL_QUANTITE

    window.wizard.go_to(page_id)
    page = window.wizard.page(int(page_id))
    editor_widget = page.lines_editor
    if editor_widget.model.rowCount() == 0:
        return None
    table = editor_widget.table
    index = editor_widget.model.index(0, COL_QUANTITE)
    table.setCurrentIndex(index)
    table.edit(index)
    return editor_widget.quantity_delegate.editor


def keystroke_to_panel(
    schools: int = 200, classes: int = 1_000, communes: int = 20, goal: float = 16.0
) -> list[dict]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.domain.samples import large_dossier
    from socle_desktop.gui.app import setup_application
    from socle_desktop.gui.main_window import MainWindow
    from socle_desktop.gui.wizard import PageId
    from socle_desktop.store import DossierFile

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    folder = tempfile.mkdtemp(prefix="socle-bench-")
    path = Path(folder) / "grand.socle"
    DossierFile.create(path, large_dossier(schools, classes, communes), load_campaign()).close()
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    assert window.open_path(path)
    app.processEvents()
    where = "quantité d'une ligne de classe"
    editor = _quantity_editor(window, PageId.CLASSES)
    app.processEvents()
    if editor is None:  # fall back to the pupils of a school (a field of the same kind)
        window.wizard.go_to(PageId.ECOLES)
        app.processEvents()
        editor = window.wizard.page_ecoles.eleves_edit
        where = "élèves d'une école (page Écoles)"
    label = window.panel.expense_label if "quantité" in where else window.panel.services_label
    editor.setFocus()
    editor.selectAll()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        app.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1"))
    app.processEvents()
    times = []
    for n in range(KEYSTROKES):
        digit = str(n % 9 + 1)
        key = Qt.Key(Qt.Key.Key_0.value + int(digit))
        editor.end(False)
        if len(editor.text()) >= 2:  # keep the quantity small: erase the digit typed before
            app.sendEvent(
                editor,
                QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier
                ),
            )
            app.processEvents()
        before = label.text()
        start = time.perf_counter()
        app.sendEvent(
            editor, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, digit)
        )
        while label.text() == before and time.perf_counter() - start < 2:
            app.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        app.sendEvent(
            editor, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, digit)
        )
        app.processEvents()
        if label.text() != before:
            times.append(elapsed)
    window.close()
    if not times:
        raise RuntimeError(f"le panneau n'a pas changé en tapant dans : {where}")
    median, p95 = statistics.median(times), _percentile(times, 0.95)
    size = f"{schools:_} écoles, {classes:_} classes".replace("_", "\u202f")
    wanted = f"≤ {goal:g} ms"
    return [
        {
            "name": f"Touche → panneau, médiane ({size} ; {where})",
            "value": round(median, 2),
            "unit": "ms",
            "baseline": None,
            "goal": wanted,
            "ok": median <= goal,
        },
        {
            "name": f"Touche → panneau, 95e centile ({size}, {len(times)} frappes)",
            "value": round(p95, 2),
            "unit": "ms",
            "baseline": None,
            "goal": wanted,
            "ok": p95 <= goal,
        },
    ]


# --- 2. cold start -----------------------------------------------------------------------------


def _timed_process(args: list[str], cwd: Path) -> dict[str, float]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SOCLE_BENCH_EXIT_AFTER_SHOW="1",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(cwd / "config"),
    )
    # An installed Socle has its bytecode compiled (pip and PyInstaller write it); a machine with
    # PYTHONDONTWRITEBYTECODE would recompile every module at each start and measure the
    # compiler, not the start: the warm-up runs below write the .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["SOCLE_BENCH_T0"] = repr(time.time())
    run = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    figures = {}
    for line in run.stdout.splitlines():
        word, _, value = line.partition(" ")
        if word in ("shown", "loaded"):
            figures[word] = float(value)
    if "shown" not in figures:
        raise RuntimeError(f"pas de fenêtre affichée : {run.stderr[-500:]}")
    return figures


def cold_start() -> list[dict]:
    from socle_desktop.domain import jsonio
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.resources import example_dossier_path
    from socle_desktop.store import create_dossier_file

    folder = Path(tempfile.mkdtemp(prefix="socle-bench-"))
    example = folder / "exemple.socle"
    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    create_dossier_file(example, dossier, load_campaign())
    bare, ours, loaded = [], [], []
    _timed_process(["-c", BARE_WIZARD], folder)  # warm the disk cache for both
    _timed_process(["-m", "socle_desktop", str(example)], folder)
    for _ in range(COLD_RUNS):  # interleaved, so that both see the same machine load
        bare.append(_timed_process(["-c", BARE_WIZARD], folder)["shown"])
        figures = _timed_process(["-m", "socle_desktop", str(example)], folder)
        ours.append(figures["shown"])
        loaded.append(figures.get("loaded", figures["shown"]))
    bare_ms = statistics.median(bare) * 1000
    ours_ms = statistics.median(ours) * 1000
    loaded_ms = statistics.median(loaded) * 1000
    return [
        {
            "name": f"Démarrage à froid → première fenêtre (médiane de {COLD_RUNS})",
            "value": round(ours_ms, 1),
            "unit": "ms",
            "baseline": round(bare_ms, 1),
            "baseline_name": "QWizard PySide6 nu",
            "goal": "≤ 1,5 × nu",
            "ok": ours_ms <= 1.5 * bare_ms,
        },
        {
            "name": "Démarrage à froid → exemple affiché dans l'assistant",
            "value": round(loaded_ms, 1),
            "unit": "ms",
            "baseline": round(bare_ms, 1),
            "baseline_name": "QWizard PySide6 nu",
            "goal": "≤ 2,0 × nu",
            "ok": loaded_ms <= 2.0 * bare_ms,
        },
    ]


def run() -> list[dict]:
    rows = cold_start()  # first: the subprocesses are measured before this process loads Qt
    for schools, classes, communes, goal in SIZES:
        rows += keystroke_to_panel(schools, classes, communes, goal)
    return rows


def main() -> int:
    for row in run():
        base = f" (référence : {row['baseline']} {row['unit']})" if row.get("baseline") else ""
        verdict = {True: "OK", False: "NON ATTEINT", None: ""}[row.get("ok")]
        print(
            f"{row['name']} : {row['value']} {row['unit']}{base} — objectif {row['goal']} {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
