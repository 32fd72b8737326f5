"""An unexpected error is logged and told in French, never silently swallowed."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from socle_desktop.gui import crash


def test_an_unexpected_error_is_logged_and_shown_in_french(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "erreurs.log")
    monkeypatch.delenv("SOCLE_BENCH_EXIT_AFTER_SHOW", raising=False)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    try:
        raise RuntimeError("panne simulée")
    except RuntimeError:
        crash._report(*sys.exc_info())
    assert "panne simulée" in (tmp_path / "erreurs.log").read_text(encoding="utf-8")
    assert shown and "rien de ce que vous avez saisi n'est perdu" in shown[0]
    assert str(tmp_path / "erreurs.log") in shown[0]


def _no_box(monkeypatch) -> list:
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.delenv("SOCLE_BENCH_EXIT_AFTER_SHOW", raising=False)
    return shown


def test_without_stderr_the_error_still_reaches_the_log_and_the_user(qtbot, tmp_path, monkeypatch):
    """A windowed program on Windows: sys.stdout and sys.stderr are None."""
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "erreurs.log")
    shown = _no_box(monkeypatch)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        raise ValueError("sans console")
    except ValueError:
        crash._report(*sys.exc_info())
    assert "sans console" in (tmp_path / "erreurs.log").read_text(encoding="utf-8")
    assert shown


def test_an_error_in_another_thread_is_logged_and_shown_in_the_windows_thread(
    qtbot, tmp_path, monkeypatch
):
    import threading

    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "erreurs.log")
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)  # restored after
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(crash, "_enable_faulthandler", lambda: None)
    shown = _no_box(monkeypatch)
    crash.install()

    def work():
        raise RuntimeError("panne dans un fil")

    worker = threading.Thread(target=work, name="calcul-pdf")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown))  # queued to the window's thread
    log = (tmp_path / "erreurs.log").read_text(encoding="utf-8")
    assert "panne dans un fil" in log and "« calcul-pdf »" in log


def test_the_log_is_rotated_once_it_is_large(tmp_path):
    log = tmp_path / "socle-erreurs.log"
    log.write_text("ancien\n" * 10, encoding="utf-8")
    assert not crash.rotate(log, limit=1000)
    log.write_text("x" * 1000, encoding="utf-8")
    assert crash.rotate(log, limit=1000)
    assert not log.exists() and (tmp_path / "socle-erreurs.log.1").read_text() == "x" * 1000
    assert not crash.rotate(tmp_path / "absent.log")


CRASHING = """
import faulthandler, sys
sys.stdout = sys.stderr = None  # windowed, as on Windows
from PySide6.QtWidgets import QApplication
from socle_desktop.gui import crash
from socle_desktop.gui.app import setup_application
app = QApplication(["socle"])
setup_application(app)
crash.install()
faulthandler._sigsegv()  # a fault inside Qt would end the process the same way
"""


def test_a_fault_that_kills_the_process_leaves_its_traceback_in_the_log(tmp_path):
    import os
    import subprocess

    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
    }
    old = tmp_path / "data" / "Socle" / "Socle" / "socle-erreurs.log"
    old.parent.mkdir(parents=True)
    old.write_text("x" * crash.MAX_LOG_BYTES, encoding="utf-8")  # rotated at start-up
    run = subprocess.run([sys.executable, "-c", CRASHING], env=env, capture_output=True, timeout=60)
    assert run.returncode != 0
    logs = sorted(p.name for p in old.parent.iterdir())
    assert logs == ["socle-erreurs.log", "socle-erreurs.log.1"], logs
    text = old.read_text(encoding="utf-8")
    assert "Segmentation fault" in text and "File " in text
