"""PNG captures, for checking by eye, of the refused states of issue 11 at 1366×768: a price
« 2.450 », a quantity « 1 234,56 », pupils « 99999999999999 », a pasted 420-character
« Fonction », and the line said on leaving a refused text. Typed as a user types, key by key to
the focused widget. The PNG go to FOLDER (default /tmp/socle-refus), never to docs/.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/refused_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(folder: Path) -> None:
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="socle-cfg-"))
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from socle_desktop.gui.app import setup_application
    from socle_desktop.gui.models.lines import COL_PRIX, COL_QUANTITE
    from socle_desktop.gui.wizard import PageId

    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    from socle_desktop.gui.main_window import MainWindow

    def key(code, text: str = "", modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget()
        if target is None:
            raise SystemExit("aucun champ n'a le focus clavier (fenêtre inactive ?)")
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, code, modifiers, text))
        app.processEvents()

    def type_(text: str) -> None:
        for ch in text:
            key(Qt.Key.Key_unknown, ch)

    def select_all() -> None:
        key(Qt.Key.Key_A, "", Qt.KeyboardModifier.ControlModifier)

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = folder / f"{name}.png"
        window.grab().save(str(path))
        print(f"  {path}")

    def cell(table, row: int, column: int) -> None:
        table.setFocus()
        table.setCurrentIndex(table.model().index(row, column))
        key(Qt.Key.Key_Return)
        select_all()

    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 3000)
    window.open_example()
    wizard = window.wizard

    wizard.go_to(int(PageId.CLASSES))
    page = wizard.page_classes
    cell(page.lines_table, 0, COL_PRIX)
    type_("2.450")
    shot("refus-prix")
    key(Qt.Key.Key_Tab)
    shot("refus-prix-quitte")

    cell(page.lines_table, 1, COL_QUANTITE)
    type_("1 234,56")
    shot("refus-quantite")
    key(Qt.Key.Key_Escape)

    wizard.go_to(int(PageId.PORTEUR))
    porteur = wizard.page_porteur
    shot("porteur")
    QApplication.clipboard().setText("Secrétaire de mairie " * 20)
    porteur.fonction_edit.setFocus()
    select_all()
    key(Qt.Key.Key_V, "", Qt.KeyboardModifier.ControlModifier)
    shot("refus-fonction")
    key(Qt.Key.Key_Tab)
    shot("refus-fonction-quitte")

    wizard.go_to(int(PageId.ECOLES))
    ecoles = wizard.page_ecoles
    ecoles.select_school(0)
    ecoles.eleves_edit.setFocus()
    select_all()
    type_("99999999999999")
    shot("refus-eleves")
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/socle-refus"))
