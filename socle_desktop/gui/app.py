"""Start the application: ``socle-desktop [FILE]``.

With a display, the main window opens (on FILE, or on the start screen). Without one (a server,
an SSH session), Qt is not started at all: the PDF of FILE, or of the bundled example, is written
to the current folder and the plan de financement is printed, so the command still does something
useful and says in French why no window appeared.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

BENCH_EXIT_ENV = "SOCLE_BENCH_EXIT_AFTER_SHOW"  # print the time to the first shown window, quit
BENCH_T0_ENV = "SOCLE_BENCH_T0"  # time.time() of the process start, set by bench/bench_gui.py


def has_display(environ=os.environ, platform: str = sys.platform) -> bool:
    """False on Linux when neither X11 nor Wayland is there and no Qt platform is forced."""
    if not platform.startswith("linux"):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_gui(argv: list[str]) -> int:
    """``socle-desktop [DOSSIER | ENTREE.json | --exemple]`` (argv without the program name;
    ``__main__`` sends anything else, ``--help`` included, to the command line)."""
    example = "--exemple" in argv
    files = [arg for arg in argv if arg != "--exemple"]
    path = Path(files[0]) if files else None
    if not has_display():
        from socle_desktop.gui.headless import run_headless

        return run_headless(None if example else path)
    return _run_window(path, example)


WINDOWS_APP_ID = "Socle.Socle"


def set_windows_app_id(shell32=None) -> bool:
    """On Windows, the taskbar groups the window under Socle's name and icon, not under the
    Python that runs it (a pip install); elsewhere nothing to do."""
    if shell32 is None:
        if sys.platform != "win32":
            return False
        import ctypes

        shell32 = ctypes.windll.shell32
    try:
        shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)
    except (AttributeError, OSError):
        return False
    return True


def _run_window(path: Path | None, example: bool = False) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from socle_desktop.gui import crash, pyside_guard

    pyside_guard.apply()
    set_windows_app_id()
    # « socle » names the program to the window system (X11's WM_CLASS instance): not python3.
    app = QApplication.instance() or QApplication(["socle"])
    setup_application(app)
    crash.install()  # after the names: the log goes to the application's data folder

    from socle_desktop.gui.main_window import MainWindow

    bench = bool(os.environ.get(BENCH_EXIT_ENV))
    t0 = float(os.environ.get(BENCH_T0_ENV, "0") or 0)
    window = MainWindow()
    if path is not None or example:
        window.start_screen.show_opening(path.name if path is not None else "l'exemple")
    if bench or path is not None or example:
        _on_first_expose(
            window, lambda: _first_shown(t0, bench, path is None and not example, open_dossier)
        )
    window.show()

    def open_dossier() -> None:
        # After the first paint: the window shows at once, then the dossier fills it.
        window.open_at_start(path)
        if bench:
            window.repaint()
            print(f"loaded {time.time() - t0:.4f}", flush=True)
            QTimer.singleShot(0, app.quit)

    return app.exec()


def _first_shown(t0: float, bench: bool, nothing_to_open: bool, open_dossier) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    if bench:
        print(f"shown {time.time() - t0:.4f}", flush=True)
    if nothing_to_open:
        if bench:
            QTimer.singleShot(0, QApplication.instance().quit)
    else:
        QTimer.singleShot(0, open_dossier)


def _on_first_expose(window, callback) -> None:
    """Call ``callback`` once, when the window is first exposed (painted on screen)."""
    from PySide6.QtCore import QEvent, QObject

    class FirstExpose(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Expose and obj.isExposed():
                self.done = True
                callback()
            return False

    window.winId()  # creates the native window, so that its expose event can be watched
    watcher = FirstExpose(window)
    window.windowHandle().installEventFilter(watcher)


def setup_application(app) -> None:
    """Names for QSettings, the French locale, Qt's own French strings, the icon."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QIcon, QPixmap

    from socle_desktop import APP_NAME, __version__
    from socle_desktop.gui import qt_french, theme
    from socle_desktop.resources import resource_file

    app.setOrganizationName(APP_NAME)
    app.setOrganizationDomain("socle.example")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_NAME)  # the window's app id (Wayland), as WM_CLASS is on X11
    theme.force_light(app)
    theme.apply(app)  # the states' colours (socle.qss), for the palette now in force
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    qt_french.install(app)  # « Suivant > », « Annuler », the file dialog
    with resource_file("icons", "socle.png") as icon:  # QIcon reads it at once
        app.setWindowIcon(QIcon(QPixmap(str(icon))))
