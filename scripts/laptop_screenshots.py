"""Screenshots of Socle as a commune's laptop shows it, for checking by eye (never committed):
a 1366×768 screen whose taskbar takes 40 pixels, the first launch (no saved settings), the
example, the guide (F1), the file dialog, the links after a PDF export; with ``--dark``, the same
on a dark desktop. Run under Xvfb, which must keep the work area set here (``-noreset``):

    xvfb-run -a -s "-screen 0 1366x768x24 -noreset" .venv/bin/python scripts/laptop_screenshots.py \
        [--dark] [FOLDER]    # default FOLDER: /tmp/socle-portable
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TASKBAR = 40


class _ScreenIterator(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.POINTER(ctypes.c_uint32)),
        ("rem", ctypes.c_int),
        ("index", ctypes.c_int),
    ]


class _AtomReply(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("atom", ctypes.c_uint32),
    ]


def set_work_area(width: int, height: int) -> None:
    """What a desktop's taskbar tells the window system: the area windows may use
    (_NET_WORKAREA on the root window, as a window manager sets it)."""
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_get_setup.restype = ctypes.c_void_p
    xcb.xcb_get_setup.argtypes = [ctypes.c_void_p]
    xcb.xcb_setup_roots_iterator.restype = _ScreenIterator
    xcb.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
    xcb.xcb_intern_atom.restype = ctypes.c_uint32
    xcb.xcb_intern_atom.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint16,
        ctypes.c_char_p,
    ]
    xcb.xcb_intern_atom_reply.restype = ctypes.POINTER(_AtomReply)
    xcb.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
    xcb.xcb_change_property.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_void_p,
    ]
    xcb.xcb_flush.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    root = xcb.xcb_setup_roots_iterator(xcb.xcb_get_setup(connection)).data[0]

    def atom(name: bytes) -> int:
        reply = xcb.xcb_intern_atom_reply(
            connection, xcb.xcb_intern_atom(connection, 0, len(name), name), None
        )
        return reply.contents.atom

    cardinal, atom_type, replace = 6, 4, 0
    for name, kind, values in (
        (b"_NET_WORKAREA", cardinal, [0, 0, width, height]),
        (b"_NET_SUPPORTED", atom_type, [atom(b"_NET_WORKAREA")]),
        (b"_NET_SUPPORTING_WM_CHECK", cardinal, [root]),
    ):
        data = (ctypes.c_uint32 * len(values))(*values)
        xcb.xcb_change_property(connection, replace, root, atom(name), kind, 32, len(values), data)
    xcb.xcb_flush(connection)


def _wait(app, seconds: float = 0.4) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="/tmp/socle-portable")
    parser.add_argument("--dark", action="store_true", help="a dark desktop")
    args = parser.parse_args()
    out = Path(args.folder)
    out.mkdir(parents=True, exist_ok=True)
    prefix = "sombre-" if args.dark else ""
    if os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" and os.environ.get("DISPLAY"):
        set_work_area(1366, 768 - TASKBAR)
    home = Path(tempfile.mkdtemp(prefix="socle-portable-"))
    (home / "Documents").mkdir()
    os.environ.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
    )

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QPainter, QPalette
    from PySide6.QtWidgets import QApplication, QFileDialog

    app = QApplication(["socle"])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "cfg"))
    if args.dark:  # what a dark desktop hands the application before Socle looks at it
        dark = QPalette()
        for role, colour in (
            ("Window", "#2b2b2b"),
            ("WindowText", "#eeeeee"),
            ("Base", "#1e1e1e"),
            ("Text", "#eeeeee"),
            ("Button", "#353535"),
            ("ButtonText", "#eeeeee"),
        ):
            dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
        app.setPalette(dark)
    from socle_desktop.gui.app import setup_application

    setup_application(app)
    from socle_desktop.gui.main_window import FILE_FILTER, MainWindow

    screen = app.primaryScreen()
    print(
        f"écran {screen.geometry().width()}×{screen.geometry().height()}, disponible "
        f"{screen.availableGeometry().width()}×{screen.availableGeometry().height()}"
    )

    def whole_screen(name: str) -> None:
        window.repaint()
        _wait(app, 0.2)
        image = screen.grabWindow(0).toImage()
        painter = QPainter(image)
        painter.fillRect(0, image.height() - TASKBAR, image.width(), TASKBAR, QColor("#20344c"))
        painter.setPen(QColor("white"))
        painter.drawText(12, image.height() - 14, "barre des tâches (40 pixels)")
        painter.end()
        image.save(str(out / f"{prefix}{name}.png"))

    window = MainWindow()
    window.show()
    _wait(app)
    frame, available = window.frameGeometry(), screen.availableGeometry()
    print(
        f"première ouverture : cadre {frame.getRect()}, dans la zone disponible : "
        f"{available.contains(frame)}"
    )
    whole_screen("1-premier-lancement")
    window.open_example()
    _wait(app)
    whole_screen("2-exemple")
    window.show_help()
    _wait(app)
    window.help_dialog.grab().save(str(out / f"{prefix}3-guide.png"))
    bar = window.help_dialog.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    _wait(app, 0.2)
    window.help_dialog.grab().save(str(out / f"{prefix}3-guide-fin.png"))
    window.help_dialog.close()
    (home / "Documents" / "Bréal-sous-Montfort.socle").write_bytes(b"")
    dialog = QFileDialog(
        window,
        "Ouvrir un dossier",
        str(home / "Documents"),
        f"{FILE_FILTER};;Tous les fichiers (*)",
    )
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    _wait(app)
    dialog.grab().save(str(out / f"{prefix}4-ouvrir.png"))
    dialog.close()
    QFileDialog.getSaveFileName = staticmethod(
        lambda *a, **k: (str(home / "Documents" / "saint-exemple.pdf"), "")
    )
    window.export_pdf()
    for _ in range(200):
        _wait(app, 0.1)
        if window.pdf.pdf_links is not None and window.pdf.pdf_links.isVisible():
            break
    _wait(app)  # painted on the screen before it is grabbed
    whole_screen("5-apres-export")
    print(f"captures dans {out}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
